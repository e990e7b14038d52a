import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, launchChromium, skipNote, watchPage, type Chromium } from './support/chromium.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';
import { ageLogins } from './support/age-logins.js';

/**
 * Every exit of a login reaches the portal, in Chromium on the stack `npm start` runs, with
 * the demo IdPs' CSP in force (their hand-back page allows `form-action` to Passerelle's
 * origin only, so any redirect chain started by that post and ending at the portal would be
 * blocked). For each exit the test records the request that reaches the portal's redirect
 * URI and checks its OAuth answer, `state` and `iss`. The citizen reads Italian (chosen on
 * Passerelle's first page, the portal itself being in English): the pages that explain an
 * exit must be in Italian too.
 */
describe(`Browser (Chromium): every exit of a login reaches the portal despite the IdP's strict CSP${skipNote}`, function () {
  this.timeout(300_000);
  let stack: DemoStack;
  let chrome: Chromium;
  let page: Page;
  const problems: string[] = [];
  let callbacks: URL[] = [];
  /** The CSP of each hand-back page of the IdP (its answer to the login form, which posts on to Passerelle). */
  let handBackPolicies: string[] = [];

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    stack = await startDemoStack();
    chrome = await launchChromium({ locale: 'it-IT' });
    page = chrome.context.pages()[0] ?? await chrome.context.newPage();
    page.setDefaultTimeout(15_000);
    // Refusals the portal shows after an exit are part of the story.
    watchPage(page, problems, (status, url) => url.startsWith(`${stack.urls.bremerhaven}/callback`) || status === 400);
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.url().startsWith(`${stack.urls.bremerhaven}/callback`)) callbacks.push(new URL(request.url()));
    });
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && /\/it\/login$/.test(response.url())) handBackPolicies.push(response.headers()['content-security-policy'] ?? '');
    });
  });

  beforeEach(async () => {
    callbacks = [];
    handBackPolicies = [];
    problems.length = 0;
  });

  after(async () => {
    await chrome?.close();
    await stack?.close();
  });

  const step = (name: string, run: () => Promise<void>) => inStep(page, problems, name, run);

  /** From the portal to the Italian demo IdP's login page. */
  async function toItalianIdp(): Promise<void> {
    await step('portal → country page → Italian IdP', async () => {
      await page.goto(`${stack.urls.bremerhaven}/?lang=en`);
      await page.getByRole('link', { name: 'Log in with a European eID' }).click();
      await page.waitForURL(`${stack.urls.passerelle}/interaction/**`);
      // The portal asks for English (ui_locales); she switches Passerelle to Italian, which is remembered.
      if (await page.getAttribute('html', 'lang') !== 'it') await page.getByRole('link', { name: 'Italiano' }).click();
      await page.getByRole('heading', { name: 'Accedi con la tua eID nazionale' }).waitFor();
      await page.locator('a[href$="/country/IT"]').click();
      await page.waitForURL(`${stack.urls.idp}/it/**`);
    });
  }

  /** The portal's redirect URI was reached once, with this answer, its state and our issuer. */
  async function portalReceived(expected: { error?: string; code?: true }): Promise<void> {
    await step('back at the portal', async () => {
      await page.waitForURL(`${stack.urls.bremerhaven}/**`);
      await page.waitForLoadState('load');
      assert.equal(callbacks.length, 1, `one answer at the redirect URI: ${callbacks.map(String).join(', ')}`);
      const query = callbacks[0]!.searchParams;
      assert.equal(query.get('iss'), `${stack.urls.passerelle}/oidc`);
      assert.match(query.get('state') ?? '', /^[\w-]{20,}$/, 'the portal\'s state comes back');
      if (expected.error) {
        assert.equal(query.get('error'), expected.error);
        assert.equal(query.get('code'), null);
      } else {
        assert.match(query.get('code') ?? '', /^[\w-]{20,}$/);
        assert.equal(query.get('error'), null);
      }
    });
    // The proof holds only while the IdP's hand-back page allows forms to go to Passerelle alone.
    for (const policy of handBackPolicies) {
      assert.deepEqual(policy.split(';').map((d) => d.trim()).filter((d) => d.startsWith('form-action')), [`form-action ${stack.urls.passerelle}`], policy);
    }
  }

  it('cancel at the IdP: the portal receives access_denied with its state and iss', async () => {
    await toItalianIdp();
    await step('cancel', () => page.getByRole('button', { name: 'Annulla' }).click());
    await portalReceived({ error: 'access_denied' });
    assert.equal(handBackPolicies.length, 1, 'the IdP\'s hand-back page was seen, with its policy');
    await page.getByText('The login was cancelled.').waitFor();
    assert.deepEqual(problems, []);
  });

  it('an IdP error status: Passerelle explains it in Italian, then the portal receives access_denied', async () => {
    await toItalianIdp();
    await step('simulated failure', () => page.getByRole('button', { name: 'Simula un errore di autenticazione' }).click());
    await step('explanation', async () => {
      await page.waitForURL(`${stack.urls.passerelle}/saml/acs`);
      assert.equal(await page.getAttribute('html', 'lang'), 'it');
      await page.getByRole('heading', { level: 1, name: 'Il tuo gestore dell\'identità non ha potuto farti accedere' }).waitFor();
      assert.match(await page.getByRole('alert').innerText(), /Il gestore dell'identità di Italia ha chiuso l'accesso/);
      assert.deepEqual(callbacks, [], 'nothing reaches the portal before she continues');
      await page.getByRole('link', { name: 'Continua verso Iscrizione all\'asilo di Bremerhaven' }).click();
    });
    await portalReceived({ error: 'access_denied' });
    assert.deepEqual(problems, []);
  });

  it('a level of assurance below the request: Passerelle says so in Italian, then the portal receives unmet_authentication_requirements', async () => {
    await toItalianIdp();
    await step('login at level low', async () => {
      await page.getByRole('radio', { name: /^Basso/ }).check();
      await page.getByRole('button', { name: /Giulia Rossi/ }).click();
    });
    await step('explanation', async () => {
      await page.getByRole('heading', { level: 1, name: 'Il livello di garanzia del tuo accesso è troppo basso' }).waitFor();
      assert.match(await page.getByRole('alert').innerText(), /richiede il livello di garanzia «significativo», ma il tuo accesso aveva il livello «basso»/);
      await page.getByRole('link', { name: 'Continua verso Iscrizione all\'asilo di Bremerhaven' }).click();
    });
    await portalReceived({ error: 'unmet_authentication_requirements' });
    await page.getByText('The kindergarten application needs a login at a higher level of assurance.').waitFor();
    assert.deepEqual(problems, []);
  });

  it('consent declined: the portal receives access_denied', async () => {
    await toItalianIdp();
    await step('login', () => page.getByRole('button', { name: /Giulia Rossi/ }).click());
    await step('decline', async () => {
      await page.getByRole('heading', { name: 'Condividere i tuoi dati con Iscrizione all\'asilo di Bremerhaven?' }).waitFor();
      await page.getByRole('button', { name: 'Non condividere' }).click();
    });
    await portalReceived({ error: 'access_denied' });
    await chrome.context.clearCookies();
  });

  it('an expired login: the IdP\'s late answer leads to a page that explains, and the portal receives access_denied', async () => {
    await toItalianIdp();
    await ageLogins(stack.database.db);
    await step('late answer', () => page.getByRole('button', { name: /Giulia Rossi/ }).click());
    await step('explanation', async () => {
      await page.getByRole('heading', { level: 1, name: 'Questo accesso è scaduto' }).waitFor();
      assert.deepEqual(callbacks, []);
      await page.getByRole('link', { name: 'Torna a Iscrizione all\'asilo di Bremerhaven' }).click();
    });
    await portalReceived({ error: 'access_denied' });
    assert.deepEqual(problems.filter((p) => !p.startsWith('400 ')), []);
  });

  it('success, remembering the decision: the portal receives a code', async () => {
    await toItalianIdp();
    await step('login', () => page.getByRole('button', { name: /Giulia Rossi/ }).click());
    await step('consent, remembered', async () => {
      await page.getByRole('checkbox', { name: 'Ricorda la mia decisione per questo servizio' }).check();
      await page.getByRole('button', { name: 'Condividi e continua' }).click();
    });
    await portalReceived({ code: true });
    await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('evidence declined: the portal receives access_denied for the evidence step', async () => {
    await step('ask for the certificate', () => page.getByRole('button', { name: 'Attach proof of family composition' }).click());
    await step('decline', async () => {
      await page.waitForURL(`${stack.urls.passerelle}/evidence/flow/*`);
      await page.getByRole('button', { name: 'Rifiuta', exact: true }).click();
    });
    await portalReceived({ error: 'access_denied' });
    assert.deepEqual(problems, []);
  });

  it('a second login after "remember my decision": straight from the IdP to the portal, with a code', async () => {
    await chrome.context.clearCookies();
    await toItalianIdp();
    await step('login', () => page.getByRole('button', { name: /Giulia Rossi/ }).click());
    await portalReceived({ code: true });
    await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
