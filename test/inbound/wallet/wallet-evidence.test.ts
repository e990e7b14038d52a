import assert from 'node:assert/strict';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import * as client from 'openid-client';
import { citizenKey } from '../../../src/core/citizen-key.js';
import { pidAdministrativeNumber, type DemoCitizen } from '../../../src/demo/citizens.js';
import { WalletHolder } from '../../../src/demo/wallet/holder.js';
import type { VerificationReport } from '../../../src/evidence/verify/report.js';
import { fullLogin, rpConfig, toPortal } from '../../outbound/oidc/support/flow.js';
import { hiddenInput, TestBrowser, type Page } from '../../outbound/oidc/support/browser.js';
import { answer, giulia, startWalletLogin } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';

const familyComposition = { type: 'evidence', evidence_type: 'family-composition', procedure: 'kindergarten-application', purpose: 'Kindergarten place application' };
const csrfOf = (body: string) => /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? assert.fail('no csrf token on the page');
type Format = 'sd-jwt' | 'mdoc';

describe('Wallet login, then the Bremerhaven story: her home authority finds her by the PID\'s administrative number', function () {
  this.timeout(120_000);
  const fixture = withWalletPasserelle({ evidence: true });

  /** A holder with this person's PIDs (both formats) from Italy's trusted provider. */
  async function walletOf(person: DemoCitizen): Promise<WalletHolder> {
    const holder = await WalletHolder.create();
    holder.sdJwt = await fixture.passerelle.italy.issueSdJwt(person, holder.publicJwk);
    holder.mdoc = await fixture.passerelle.italy.issueMdoc(person, holder.publicJwk);
    return holder;
  }

  /** Wallet login at the kindergarten portal asking for the family certificate, up to the evidence step (after a link decision, if offered). */
  async function walletLoginToEvidence(holder: WalletHolder, format: Format, browser = new TestBrowser(), params: Record<string, string> = {}, link?: 'link' | 'keep-apart') {
    const flow = await startWalletLogin(fixture.passerelle, 'kita', { authorization_details: JSON.stringify([familyComposition]), ...params }, browser);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, format));
    const { redirect_uri } = await sent.json() as { redirect_uri: string };
    const stop = toPortal(flow.start.redirectUri);
    let step = await browser.follow(await browser.get(redirect_uri), stop);
    if (link) {
      const action = /action="(\/interaction\/[^"]+\/link)"/.exec(step.page.body);
      assert.ok(action, `the link is offered: ${step.page.body.slice(0, 300)}`);
      step = await browser.follow(await browser.post(fixture.passerelle.url + action[1]!, { _csrf: hiddenInput(step.page.body, '_csrf')!, wallet: hiddenInput(step.page.body, 'wallet')!, decision: link }), stop);
    }
    const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(step.page.body);
    assert.ok(consent, `${step.page.status} ${step.page.body.slice(0, 400)}`);
    step = await browser.follow(await browser.post(fixture.passerelle.url + consent[1]!, { _csrf: hiddenInput(step.page.body, '_csrf')!, decision: 'share' }), stop);
    assert.match(step.page.url, /\/evidence\/flow\/[0-9a-f-]{36}$/, step.page.body.slice(0, 300));
    return { flow, browser, page: step.page, path: new URL(step.page.url).pathname };
  }

  async function requestDocument(browser: TestBrowser, path: string, page: Page): Promise<Page> {
    return (await browser.follow(await browser.post(fixture.passerelle.url + `${path}/items/0/request`, { csrf: csrfOf(page.body) }))).page;
  }

  /** She shares what the flow holds; the browser stops at the portal's redirect URI. */
  async function share(browser: TestBrowser, path: string, redirectUri: string): Promise<{ stoppedAt: string }> {
    const overview = await browser.get(fixture.passerelle.url + path);
    const done = await browser.follow(await browser.post(fixture.passerelle.url + `${path}/share`, { csrf: csrfOf(overview.body), days: '90' }), toPortal(redirectUri));
    assert.ok(done.stoppedAt, `back at the portal: ${done.page.url}`);
    return { stoppedAt: done.stoppedAt };
  }

  const itemError = async (path: string) => (await fixture.database.db.knex('evidence_flow_items').where({ flow_id: path.split('/').pop() }).first('last_error', 'evidence_id')) as { last_error: string | null; evidence_id: string | null };
  const storedItems = async () => Number(((await fixture.database.db.knex('evidence_items').count({ n: '*' }).first()) as { n: number | string }).n);

  for (const format of ['sd-jwt', 'mdoc'] as const) {
    it(`a ${format} PID login fetches, previews and shares Giulia's family certificate; the portal downloads it, an official verifies it, it names her by the PID's number`, async () => {
      const { flow, browser, page, path } = await walletLoginToEvidence(await walletOf(giulia), format);
      assert.ok(page.body.includes('Certificato di stato di famiglia'));
      const preview = await requestDocument(browser, path, page);
      assert.ok(preview.url.endsWith('/items/0/preview'), `${preview.url} ${JSON.stringify(await itemError(path))}`);
      assert.ok(preview.body.includes('Sofia') && preview.body.includes('Bianchi'));

      const done = await share(browser, path, flow.start.redirectUri);
      const tokens = await client.authorizationCodeGrant(flow.config, new URL(done.stoppedAt), {
        pkceCodeVerifier: flow.start.verifier, expectedState: flow.start.state, expectedNonce: flow.start.nonce, idTokenExpected: true,
      });
      assert.equal(tokens.claims()!.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
      const consentId = (tokens.authorization_details as unknown as Array<{ consent_id: string }>)[0]!.consent_id;
      const api = (part: string) => fetch(`${fixture.passerelle.url}/api/evidence/shares/${consentId}${part}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      const documentResponse = await api('/document');
      assert.equal(documentResponse.status, 200);
      const document = Buffer.from(await documentResponse.arrayBuffer());
      const credential = await (await api('/credential')).text();
      const attestation = await (await api('/attestation')).text();

      const subject = (await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).decode(credential).then((c) => c.getClaims<{ subject: Record<string, string> }>(digest))).subject;
      assert.deepEqual(subject, { personal_administrative_number: pidAdministrativeNumber(giulia), family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' });
      const report = await (await fetch(`${fixture.passerelle.url}/api/verify`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ attestation, credential, document: document.toString('base64') }),
      })).json() as VerificationReport;
      assert.deepEqual([report.valid, report.status, report.document?.matches_credential], [true, 'valid', true]);
    });
  }

  it('a PID whose birth date differs from the register\'s is refused (evidence_identity_mismatch), nothing stored', async () => {
    const before = await storedItems();
    const { browser, page, path } = await walletLoginToEvidence(await walletOf({ ...giulia, dateOfBirth: '1988-04-13' }), 'sd-jwt');
    const after = await requestDocument(browser, path, page);
    assert.doesNotMatch(after.url, /preview$/);
    assert.deepEqual(await itemError(path), { last_error: 'evidence_identity_mismatch', evidence_id: null });
    assert.equal(await storedItems(), before);
  });

  it('a PID whose administrative number the register does not know is refused (evidence_no_record), nothing stored', async () => {
    const before = await storedItems();
    const { browser, page, path } = await walletLoginToEvidence(await walletOf({ ...giulia, nationalId: 'RSSGLI88D52E506X' }), 'mdoc');
    await requestDocument(browser, path, page);
    assert.deepEqual(await itemError(path), { last_error: 'evidence_no_record', evidence_id: null });
    assert.equal(await storedItems(), before);
  });

  it('linked to her eIDAS login, her wallet login fetches into the same vault, and her eIDAS login is offered that document', async () => {
    const browser = new TestBrowser();
    const kita = await rpConfig(fixture.passerelle.issuer, 'kita');
    await fullLogin(kita, 'kita', { country: 'IT', browser });
    const { flow, page, path } = await walletLoginToEvidence(await walletOf(giulia), 'mdoc', browser, { prompt: 'login' }, 'link');
    await requestDocument(browser, path, page);
    await share(browser, path, flow.start.redirectUri);
    const { evidence_id: evidenceId } = await itemError(path);
    assert.ok(evidenceId, JSON.stringify(await itemError(path)));
    const row = await fixture.database.db.knex('evidence_items').where({ id: evidenceId }).first('citizen_key') as { citizen_key: string };
    assert.equal(row.citizen_key, citizenKey(`IT/DE/${giulia.nationalId}`, fixture.passerelle.ctx.config.secrets.pairwiseSecret), 'stored under her eIDAS account');

    // Her eIDAS login, in another browser, is offered the document in her vault, and can still fetch afresh.
    const eidas = new TestBrowser();
    const start = await fullLoginToEvidence(eidas);
    assert.match(start.page.body, new RegExp(`name="evidence_id" value="${evidenceId}"`));
    await requestDocument(eidas, start.path, start.page);
    assert.deepEqual(await itemError(start.path).then((i) => [i.last_error, Boolean(i.evidence_id)]), [null, true]);
  });

  /** An eIDAS login (the test adapter, as Giulia) asking for the family certificate, up to the evidence step. */
  async function fullLoginToEvidence(browser: TestBrowser) {
    const kita = await rpConfig(fixture.passerelle.issuer, 'kita');
    const start = client.buildAuthorizationUrl(kita, {
      redirect_uri: 'http://rp-kita.test/cb', scope: 'openid profile', state: client.randomState(), country: 'IT',
      code_challenge_method: 'S256', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      authorization_details: JSON.stringify([familyComposition]),
    });
    const stop = toPortal('http://rp-kita.test/cb');
    let step = await browser.follow(await browser.get(start.href), stop);
    const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(step.page.body);
    assert.ok(consent, step.page.body.slice(0, 400));
    step = await browser.follow(await browser.post(fixture.passerelle.url + consent[1]!, { _csrf: hiddenInput(step.page.body, '_csrf')!, decision: 'share' }), stop);
    assert.match(step.page.url, /\/evidence\/flow\//);
    return { page: step.page, path: new URL(step.page.url).pathname };
  }
});
