import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, skipNote, type Chromium } from './support/chromium.js';
import { openDemoBrowser, type DemoStack } from './support/demo-stack.js';
import { checkLayouts } from './support/layout.js';

/**
 * The Lecce → Bremerhaven story of the evidence issue's "done when", clicked through in
 * Chromium against the stack `npm start` runs (Passerelle with src/features.ts on the demo
 * configuration, demo IdPs, demo authorities, the Bremerhaven portal), every element found
 * by its role and accessible name: login with the Italian eID, the portal asks for the
 * family-composition certificate (no second identity consent in the same session), preview
 * and share on the preview, the portal downloads it, an official verifies it (valid), the
 * parent withdraws, the portal's next download is refused, /verify says withdrawn, and the
 * data tracker says what each access read, with its chain intact. The preview, the portal
 * and /me are checked at 1280 and 390 px (PNGs in $PASSERELLE_SCREENSHOTS when set). Then the
 * family mandate: she gives Bremerhaven a mandate for Sofia from the certificate (preview, agree),
 * the portal shows "Giulia Rossi, acting for Sofia Bianchi", and an official verifies it at /verify.
 */
describe(`Browser (Chromium): the Lecce → Bremerhaven story on the npm start stack${skipNote}`, function () {
  this.timeout(240_000);
  let stack: DemoStack;
  let chrome: Chromium;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    ({ stack, chrome, page } = await openDemoBrowser(problems));
  });

  after(async () => {
    await chrome?.close();
    await stack?.close();
  });

  const step = (name: string, run: () => Promise<void>) => inStep(page, problems, name, run);

  const main = () => page.getByRole('main');
  const evidenceSection = () => page.getByRole('region', { name: 'Proof of family composition' });

  it('Giulia Rossi logs in with the Italian demo eID and the portal shows her name, birth date and LoA', async () => {
    const { urls } = stack;
    await step('portal start page', async () => {
      await page.goto(`${urls.bremerhaven}/?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Apply for a kindergarten place in Bremerhaven' }).waitFor();
      await page.getByRole('link', { name: 'Log in with a European eID' }).click();
    });
    await step('country page', async () => {
      await page.waitForURL(`${urls.passerelle}/interaction/**`);
      await page.getByRole('heading', { name: 'Log in with your national eID' }).waitFor();
      await page.getByRole('link', { name: 'Italy (Italia)' }).click();
    });
    await step('Italian demo IdP', async () => {
      await page.waitForURL(`${urls.idp}/it/**`);
      await page.getByRole('radio', { name: 'Significativo' }).check();
      await page.getByRole('button', { name: /Giulia Rossi/ }).click();
    });
    await step('identity consent', async () => {
      await page.waitForURL(`${urls.passerelle}/interaction/**`);
      await page.getByRole('heading', { name: 'Share your data with Bremerhaven kindergarten application?' }).waitFor();
      await page.getByRole('button', { name: 'Share and continue' }).click();
    });
    await step('portal with her data', async () => {
      await page.waitForURL(`${urls.bremerhaven}/`);
      await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
      const text = await main().innerText();
      assert.match(text, /Name\s+Giulia Rossi/);
      assert.match(text, /Date of birth\s+1988-04-12/);
      assert.match(text, /Country of the eID\s+Italy/);
      assert.match(text, /Level of assurance\s+substantial/);
    });
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
  });

  it('the portal asks for the family-composition certificate; she sees what is asked, requests it, previews and shares it', async () => {
    const { urls } = stack;
    const committed: string[] = [];
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) committed.push(frame.url()); });
    await step('attach', async () => {
      await evidenceSection().getByRole('button', { name: 'Attach proof of family composition' }).click();
    });
    await step('what is asked, by whom, why', async () => {
      await page.waitForURL(`${urls.passerelle}/evidence/flow/*`);
      assert.deepEqual(committed.filter((url) => url.includes('/interaction/')), [], 'no second identity consent in the same session');
      await page.getByRole('heading', { level: 1, name: 'Evidence requested by Bremerhaven kindergarten application' }).waitFor();
      const text = await main().innerText();
      assert.match(text, /Name of the document in Italy\s+Certificato di stato di famiglia/);
      assert.match(text, /Procedure\s+Kindergarten enrolment/);
      assert.match(text, /Purpose\s+Kindergarten place application/);
      assert.equal(await page.getByRole('button', { name: 'Share with Bremerhaven kindergarten application' }).count(), 0, 'nothing to share before the explicit request');
      await page.getByRole('button', { name: 'Request the document from Italian national population register (demo)' }).click();
    });
    await step('preview', async () => {
      await page.waitForURL('**/items/0/preview');
      await page.getByRole('heading', { level: 1, name: 'Preview: Proof of family composition' }).waitFor();
      const members = page.getByRole('table', { name: 'Household members' });
      assert.deepEqual(await members.getByRole('columnheader').allInnerTexts(), ['Given names', 'Family name', 'Date of birth', 'Relationship']);
      assert.equal(await members.getByRole('row').filter({ hasText: 'Sofia' }).filter({ hasText: 'September 3, 2022' }).filter({ hasText: 'Child' }).count(), 1);
      assert.match(await main().innerText(), /Address\s+Via Giuseppe Palmieri 24\s+73100 Lecce\s+Italy/);
      const readable = await main().innerText();
      assert.ok(!/family_name|post_code/.test(readable), 'no data keys in the readable part');
      await page.getByText('Show the data exactly as the portal receives them (JSON)').click();
      assert.match(await page.locator('details pre').innerText(), /"birth_date": "2022-09-03",\s+"relationship": "child"/);
      const layout = await checkLayouts(page, 'preview');
      assert.deepEqual(layout, [], 'the preview fits at 1280 and 390 px');
    });
    await step('share on the preview', async () => {
      const decision = page.getByRole('region', { name: 'Your decision' });
      assert.match(await decision.innerText(), /Shared with\s+Bremerhaven kindergarten application/);
      assert.match(await decision.innerText(), /Legal basis: your consent/);
      await decision.getByLabel('Share for').selectOption('90');
      await decision.getByRole('button', { name: 'Share with Bremerhaven kindergarten application' }).click();
    });
    await step('the portal shows the certificate', async () => {
      await page.waitForURL(`${urls.bremerhaven}/#evidence`);
      const section = evidenceSection();
      await section.getByText('Passerelle sent us this proof on').waitFor();
      const text = await section.innerText();
      assert.match(text, /Issued by\s+Authority in Italy \(it-anagrafe\)/);
      assert.match(text, /Purpose\s+Kindergarten place application/);
      assert.match(text, /Sharing valid until\s+\w+ \d+, 20\d\d/);
      const members = section.getByRole('table', { name: 'Family members listed in the certificate' });
      assert.equal(await members.getByRole('row').filter({ hasText: 'Giulia Rossi' }).filter({ hasText: 'Head of household' }).count(), 1);
      assert.equal(await members.getByRole('row').filter({ hasText: 'Marco Bianchi' }).count(), 1);
      assert.equal(await members.getByRole('row').filter({ hasText: 'Sofia Bianchi' }).filter({ hasText: 'September 3, 2022' }).filter({ hasText: 'Child' }).count(), 1);
    });
    await step('the portal page fits at 1280 and 390 px', async () => {
      assert.deepEqual(await checkLayouts(page, 'portal-after-sharing'), []);
    });
    await step('the document is the PDF the portal fetched', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        evidenceSection().getByRole('link', { name: /^Download the certificate \(PDF, \d+ KB\)$/ }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^it-family-composition-.*\.pdf$/);
      const bytes = readFileSync((await download.path())!);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    });
    assert.deepEqual(problems, []);
  });

  it('the official opens the verification link: valid', async () => {
    await step('check at Passerelle', async () => {
      await evidenceSection().getByRole('link', { name: 'Check at Passerelle' }).click();
      await page.waitForURL(`${stack.urls.passerelle}/verify?share=*`);
      const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Result' }) });
      assert.match(await result.innerText(), /^Result\s+Valid: genuine, unaltered, and shared with consent that is still in force\s+Holder\s+Giulia Rossi\s+Holder's date of birth\s+April 12, 1988/);
      assert.match(await result.innerText(), /Matches the authority's credential\s+yes/);
    });
    assert.deepEqual(problems, []);
  });

  it('Giulia withdraws her consent on /me; the portal\'s next download is refused; /verify says withdrawn', async () => {
    const { urls } = stack;
    await step('dashboard', async () => {
      await page.goto(`${urls.passerelle}/me`);
      await page.getByRole('heading', { level: 1, name: 'My evidence and consents' }).waitFor();
      const consents = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Shared with' }) });
      const row = consents.getByRole('row').filter({ hasText: 'Bremerhaven kindergarten application' });
      assert.match(await row.innerText(), /Proof of family composition[\s\S]*active/);
      await row.getByRole('link', { name: /^Withdraw Bremerhaven kindergarten application/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Withdraw your consent?' }).waitFor();
      await page.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
      await page.waitForURL(`${urls.passerelle}/me?withdrawn=*`);
      assert.match(await page.getByRole('status').first().innerText(), /You withdrew your consent: Bremerhaven kindergarten application/);
      assert.match(await row.innerText(), /withdrawn/);
    });
    await step('download again at the portal', async () => {
      await page.goto(`${urls.bremerhaven}/`);
      await evidenceSection().getByRole('button', { name: 'Download again' }).click();
      await page.waitForURL(`${urls.bremerhaven}/#evidence`);
      const alert = evidenceSection().getByRole('alert');
      assert.match(await alert.innerText(), /The applicant has withdrawn consent\./);
      assert.match(await alert.innerText(), /HTTP 403, consent_required/);
      assert.equal(await evidenceSection().getByRole('link', { name: /Download the certificate/ }).count(), 0, 'the portal stops using the copy');
      assert.equal(await evidenceSection().getByRole('table').count(), 0);
    });
    await step('verification after withdrawal', async () => {
      await evidenceSection().getByRole('link', { name: 'Check at Passerelle' }).click();
      await page.waitForURL(`${urls.passerelle}/verify?share=*`);
      const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Result' }) });
      assert.match(await result.innerText(), /^Result\s+Not valid: the citizen has withdrawn consent to this sharing/);
    });
    assert.deepEqual(problems, []);
  });

  it('her data tracker says what each portal access read and which was refused; the unkept document is announced for deletion; /me fits at 1280 and 390 px', async () => {
    await step('tracker', async () => {
      await page.goto(`${stack.urls.passerelle}/me`);
      await page.getByRole('heading', { name: 'My data tracker' }).waitFor();
      assert.ok(await page.getByRole('status').filter({ hasText: 'Integrity check passed' }).isVisible());
      const tracker = page.getByRole('region', { name: 'My data tracker' }).getByRole('table');
      const rows = (what: string, outcome?: string) => {
        const matching = tracker.getByRole('row').filter({ has: page.getByRole('cell', { name: what, exact: true }) });
        return (outcome ? matching.filter({ has: page.getByRole('cell', { name: outcome, exact: true }) }) : matching).count();
      };
      assert.equal(await rows('You requested the document', 'done'), 1);
      assert.equal(await rows('The authority delivered the document', 'done'), 1);
      assert.equal(await rows('You shared the document', 'done'), 1);
      for (const what of ['A portal read the sharing\'s details and status', 'A portal downloaded the document', 'A portal downloaded the authority\'s signed credential',
        'A portal downloaded Passerelle\'s attestation', 'A portal downloaded the document\'s data']) {
        assert.ok(await rows(what, 'done') >= 1, what);
      }
      assert.equal(await rows('A portal asked for the document', 'refused (consent withdrawn)'), 1, 'the download after the withdrawal');
      assert.equal(await rows('A portal accessed the shared document'), 0, 'no row that does not say what was accessed');
      assert.equal(await rows('An official verified the attestation', 'done'), 1);
      assert.equal(await rows('An official verified the attestation', 'refused (consent withdrawn)'), 1);
      assert.equal(await rows('The consent was withdrawn', 'done'), 1);
      const portalRow = tracker.getByRole('row').filter({ hasText: 'A portal downloaded the document' }).first();
      assert.match(await portalRow.innerText(), /Bremerhaven kindergarten application/);
    });
    await step('my evidence', async () => {
      const evidence = page.getByRole('region', { name: 'My evidence' }).getByRole('table');
      const row = evidence.getByRole('row').filter({ hasText: 'Proof of family composition' });
      assert.match(await row.innerText(), /No longer shared and not kept: will be deleted by \w+ \d+, 20\d\d/);
    });
    await step('layout of /me', async () => {
      assert.deepEqual(await checkLayouts(page, 'me'), []);
    });
    assert.deepEqual(problems, []);
  });
  it('Giulia gives a mandate for Sofia from the family-composition certificate; Bremerhaven shows "Giulia Rossi, acting for Sofia Bianchi"; an official verifies the mandate at /verify', async () => {
    const { urls } = stack;
    const mandateSection = () => page.getByRole('region', { name: 'Acting for your child' });
    await step('the portal asks for a mandate', async () => {
      await page.goto(`${urls.bremerhaven}/`);
      await mandateSection().getByRole('button', { name: 'Give a mandate for my child' }).click();
    });
    await step('Passerelle: act for your child, with the certificate fetched again', async () => {
      await page.waitForURL(`${urls.passerelle}/evidence/flow/*`);
      await page.getByRole('heading', { level: 2, name: 'Act for your child' }).waitFor();
      assert.match(await main().innerText(), /Purpose\s+Applying for a kindergarten place for your child/);
      await page.getByRole('button', { name: 'Request the document from Italian national population register (demo)' }).click();
    });
    await step('the mandate preview: the child, the procedure, the end, the recipient', async () => {
      await page.waitForURL('**/items/0/preview');
      await page.getByRole('heading', { level: 1, name: 'Preview: act for your child' }).waitFor();
      const text = await main().innerText();
      assert.match(text, /Sofia Bianchi, born on September 3, 2022/);
      assert.match(text, /Who acts\s+Giulia Rossi/);
      assert.match(text, /Who will receive it\s+Bremerhaven kindergarten application/);
      assert.match(text, /Valid until\s+\w+ \d+, 20\d\d at the latest \(at most 30 days\)/);
      assert.ok(!text.includes('Marco Bianchi, born'), 'the partner is not offered as a child');
      assert.deepEqual(await checkLayouts(page, 'mandate-preview'), [], 'the mandate preview fits at 1280 and 390 px');
    });
    await step('she agrees', async () => {
      const decision = page.getByRole('region', { name: 'Your decision' });
      assert.ok(await decision.getByRole('radio', { name: 'Sofia Bianchi, born on September 3, 2022' }).isChecked());
      await decision.getByRole('button', { name: 'Agree and send to Bremerhaven kindergarten application' }).click();
    });
    let attestation = '';
    await step('the portal shows who acts for whom', async () => {
      await page.waitForURL(`${urls.bremerhaven}/#mandate`);
      const line = (await mandateSection().locator('#acting-for').innerText()).replace(/\s+/g, ' ').trim();
      assert.equal(line, 'Giulia Rossi, acting for Sofia Bianchi');
      assert.match(await mandateSection().innerText(), /Child's date of birth\s+September 3, 2022/);
      const response = await page.request.get(`${urls.bremerhaven}/mandate/attestation`);
      attestation = (await response.text()).trim();
      assert.match(attestation, /^ey[\w-]+\.[\w-]+\.[\w-]+~$/);
    });
    await step('an official verifies the mandate at /verify', async () => {
      await page.goto(`${urls.passerelle}/verify`);
      await page.getByLabel('Passerelle attestation').fill(attestation);
      await page.getByRole('button', { name: 'Verify' }).click();
      const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Result' }) });
      const text = await result.innerText();
      assert.match(text, /^Result\s+Valid/);
      assert.match(text, /Who acts\s+Giulia Rossi \(April 12, 1988\)/);
      assert.match(text, /For whom\s+Sofia Bianchi \(September 3, 2022\)/);
      assert.match(text, /Relationship\s+Parent/);
    });
    await step('her /me lists the mandate, and the tracker its issuance, use and check', async () => {
      await page.goto(`${urls.passerelle}/me`);
      const mandates = page.getByRole('region', { name: 'My mandates' }).getByRole('table');
      assert.match(await mandates.getByRole('row').filter({ hasText: 'Sofia Bianchi' }).innerText(), /Bremerhaven kindergarten application[\s\S]*Active/);
      const documents = page.getByRole('region', { name: 'My evidence' }).getByRole('table').getByRole('row').filter({ hasText: 'Proof of family composition' });
      assert.equal(await documents.filter({ hasText: 'No longer shared and not kept' }).count(), 1, 'only the first, withdrawn copy is announced for deletion; the mandate\'s stays');
      const tracker = page.getByRole('region', { name: 'My data tracker' }).getByRole('table');
      for (const what of ['You gave a mandate to act for your child', 'A portal used your mandate']) {
        assert.ok(await tracker.getByRole('row').filter({ has: page.getByRole('cell', { name: what, exact: true }) }).count() >= 1, what);
      }
      assert.deepEqual(await checkLayouts(page, 'me-with-mandate'), []);
    });
    assert.deepEqual(problems, []);
  });
});
