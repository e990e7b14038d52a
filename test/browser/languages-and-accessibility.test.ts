import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { countryDisplayName } from '../../src/web/country-names.js';
import { errorPage } from '../../src/web/error-response.js';
import { siteContext } from '../../src/web/site.js';
import { configuredText, supportedLanguages } from '../../src/web/i18n.js';
import { declaredTables, foreignStrings, messageTables } from '../support/catalogues.js';
import { chromiumAvailable, inStep, launchChromium, skipNote, type Chromium } from './support/chromium.js';
import { ageLogins } from './support/age-logins.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';
import { axeViolations, checkHtml, languageProblems, pageWords } from './support/page-language.js';

/**
 * Every page Passerelle renders, in every page language, on the stack `npm start` runs:
 * each page is in one language (no string of another language's catalogue or of the
 * demo configuration's names in another language), and axe-core finds no violation on it.
 * The walk: front page, 404, /verify, an OpenID error page, the country page, the auto-post
 * page to the IdP, the notices for a level too low and an IdP error, the exits for a login
 * expired, too many refused answers and a login already finished, identity consent, the wallet
 * login page and the question whether to link it to her eIDAS login, the evidence request, the
 * preview, the wallet offer, the wallet presentation check, the mandate request and its preview,
 * /me (with the mandate), the revoke confirmation and /me after it, the withdraw and delete
 * confirmations and what /me says afterwards, a verification result, logout and logged-out pages,
 * the country page of the dashboard's own login, for a portal asking for a level Serbia's IdP is
 * not certified for, the country page and the page a hint to Serbia shows, and the 503 page. Every full page carries the
 * operator block (operator, country, privacy notice, accessibility statement, contact) and names
 * portals, never by their client id.
 */
describe(`Browser (Chromium): one language per page and no accessibility violations, in every language${skipNote}`, function () {
  this.timeout(600_000);
  let stack: DemoStack;

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    // One refused answer ends a login here, so the walk reaches that exit page with a single tampered answer.
    stack = await startDemoStack({ config: (config) => ({ ...config, saml: { ...config.saml, maxRefusedAttempts: 1 } }) });
  });

  after(async () => {
    await stack?.close();
  });

  it('knows every message table of src/ (a new table is checked too)', () => {
    assert.deepEqual(declaredTables(), Object.keys(messageTables).sort());
  });

  for (const lang of supportedLanguages) {
    it(`every page in ${lang} is in ${lang} only, and axe-core finds 0 violations`, async () => {
      const chrome: Chromium = await launchChromium();
      const page = chrome.context.pages()[0] ?? await chrome.context.newPage();
      const scratch = await chrome.context.newPage();
      const foreign = foreignStrings(lang, stack.passerelle.ctx.config);
      const problems: string[] = [];
      const pagesChecked: string[] = [];
      const { passerelle, bremerhaven, idp } = stack.urls;

      const config = stack.passerelle.ctx.config;
      const clientIds = [...config.portals.map((p) => p.clientId), 'passerelle-self'];
      const operator = config.operator!;
      const operatorLinks = [operator.privacyNotice, operator.accessibilityStatement, `mailto:${operator.contact}`].map((link) => (typeof link === 'string' ? link : configuredText(link, lang)));

      async function check(name: string): Promise<void> {
        await page.waitForLoadState('load');
        pagesChecked.push(name);
        const words = await page.evaluate(pageWords, { lang });
        problems.push(...languageProblems(name, lang, words, foreign));
        // A portal is named, never shown by its client id (the /me login once said "passerelle-self ti chiede di accedere").
        for (const id of clientIds) if (words.includes(id)) problems.push(`${name}: client id "${id}" shown`);
        // Who runs this Passerelle, for which country, and where its notices and contact are: on every page.
        const footer = await page.locator('footer.site').evaluateAll((found) => found.map((f) => ({ text: f.textContent ?? '', links: [...f.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
        const expected = { name: configuredText(operator.name, lang), country: countryDisplayName(operator.country, lang) };
        if (footer.length !== 1 || !footer[0]!.text.includes(expected.name) || !footer[0]!.text.includes(expected.country) || footer[0]!.links.join(' ') !== operatorLinks.join(' ')) {
          problems.push(`${name}: operator block missing or incomplete: ${JSON.stringify(footer)}`);
        }
        problems.push(...await axeViolations(page, name));
      }

      /** A page the browser only passes through (it posts itself on): checked from its HTML, axe on a copy without the script. */
      async function checkPassingPage(name: string, html: string): Promise<void> {
        pagesChecked.push(name);
        problems.push(...await checkHtml(scratch, name, html, lang, foreign));
      }

      const step = (name: string, run: () => Promise<void>) => inStep(page, problems, `${lang}: ${name}`, run);

      try {
        await step('the auto-post page to the IdP, seen without JavaScript', async () => {
          const noScript = await launchChromium({ javaScript: false });
          try {
            const still = noScript.context.pages()[0] ?? await noScript.context.newPage();
            await still.goto(`${passerelle}/?lang=${lang}`);
            await still.goto(`${bremerhaven}/login`);
            await still.waitForURL(`${passerelle}/interaction/**`);
            await still.locator('a[href$="/country/IT"]').click();
            await still.locator('form#auto-post').waitFor();
            await checkPassingPage('auto-post page to the IdP', await still.content());
            // The two exits where Passerelle explains before handing back: a level too low, an IdP error.
            for (const exit of [{ name: 'notice: level of assurance too low', pick: 'low' }, { name: 'notice: the IdP could not log her in', pick: 'fail' }]) {
              if (exit.pick === 'fail') {
                await still.goto(`${bremerhaven}/login`);
                await still.locator('a[href$="/country/IT"]').click();
                await still.locator('form#auto-post').waitFor();
              }
              await still.locator('form#auto-post button').click();
              await still.waitForURL(`${idp}/it/**`);
              if (exit.pick === 'fail') await still.locator('button[name="fail"]').click();
              else {
                await still.locator('input[name="loa"][value="low"]').check();
                await still.locator('button[name="citizen"][value="it-giulia-rossi"]').click();
              }
              await still.locator('form#saml-post button').click();
              await still.waitForURL(`${passerelle}/saml/acs`);
              await checkPassingPage(exit.name, await still.content());
            }
          } finally {
            await noScript.close();
          }
        });
        await step('front page, 404, verify, OpenID error', async () => {
          await page.goto(`${passerelle}/?lang=${lang}`);
          await check('front page');
          await page.goto(`${passerelle}/no-such-page`);
          await check('404 page');
          await page.goto(`${passerelle}/verify`);
          await check('verify form');
          await page.goto(`${passerelle}/verify/presentation`);
          await check('wallet presentation verify form');
          await page.goto(`${passerelle}/oidc/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2F`);
          await check('OpenID error page');
        });
        /** From the portal to the Italian demo IdP, Giulia picked at substantial but not yet sent. */
        async function toItalianIdp(): Promise<void> {
          await page.goto(`${bremerhaven}/`);
          await page.locator('a[href="/login"]').first().click();
          await page.waitForURL(`${passerelle}/interaction/**`);
          await page.locator('a[href$="/country/IT"]').click();
          await page.waitForURL(`${idp}/it/**`);
          await page.locator('input[name="loa"][value="substantial"]').check();
        }
        await step('exits: login expired, too many refused answers', async () => {
          await toItalianIdp();
          await ageLogins(stack.database.db);
          await page.locator('button[name="citizen"][value="it-giulia-rossi"]').click();
          await page.waitForURL(`${passerelle}/saml/acs`);
          await check('login expired');
          await toItalianIdp();
          // The IdP's answer arrives with a broken signature: refused, and (one refusal allowed here) the login ends.
          await page.route(`${passerelle}/saml/acs`, async (route) => {
            const form = new URLSearchParams(route.request().postData() ?? '');
            const xml = Buffer.from(form.get('SAMLResponse') ?? '', 'base64').toString('utf8');
            form.set('SAMLResponse', Buffer.from(xml.replace(/(SignatureValue>)(.)/, (_m, tag: string, c: string) => tag + (c === 'A' ? 'B' : 'A')), 'utf8').toString('base64'));
            await route.continue({ postData: form.toString() });
          });
          try {
            await page.locator('button[name="citizen"][value="it-giulia-rossi"]').click();
            await page.waitForURL(`${passerelle}/saml/acs`);
            await check('too many refused answers');
          } finally {
            await page.unroute(`${passerelle}/saml/acs`);
          }
        });
        let finishedLogin = '';
        await step('login', async () => {
          await page.goto(`${bremerhaven}/`);
          await page.locator('a[href="/login"]').first().click();
          await page.waitForURL(`${passerelle}/interaction/**`);
          finishedLogin = page.url();
          await check('country page');
          await page.locator('a[href$="/country/IT"]').click();
          await page.waitForURL(`${idp}/it/**`);
          await page.locator('input[name="loa"][value="substantial"]').check();
          await page.locator('button[name="citizen"][value="it-giulia-rossi"]').click();
          await page.waitForURL(`${passerelle}/interaction/**`);
          await page.locator('button[name="decision"][value="share"]').waitFor();
          await check('identity consent');
          await page.locator('button[name="decision"][value="share"]').click();
          await page.waitForURL(`${bremerhaven}/**`);
          // Back at a login the portal already has its answer for.
          await page.goto(finishedLogin);
          await check('login already finished');
        });
        await step('wallet login, and linking it to her eIDAS login', async () => {
          // She logs in again (the portal's authorization request with prompt=login), this time with her wallet,
          // while her eIDAS login is still in the browser: Passerelle asks whether to link the two.
          // The walk of the language before linked her already (then no question is asked): start unlinked.
          await stack.database.db.knex('identity_links').del();
          const start = await page.context().request.get(`${bremerhaven}/login`, { maxRedirects: 0 });
          await page.goto(`${start.headers().location}&prompt=login`);
          await page.waitForURL(`${passerelle}/interaction/**`);
          await page.locator('a[href$="/wallet"]').click();
          await page.waitForURL(`${passerelle}/wallet/login/**`);
          await check('wallet login page');
          await page.locator('a#wallet-same-device').click();
          await page.waitForURL(`${stack.urls.wallet}/authorize**`);
          await page.getByRole('radio', { name: /Giulia Rossi/ }).check();
          await page.getByRole('radio', { name: 'SD-JWT VC' }).check();
          await page.getByRole('button', { name: 'Share' }).click();
          await page.locator('button[name="decision"][value="link"]').waitFor();
          await check('identity link question');
          await page.locator('button[name="decision"][value="link"]').click();
          await page.waitForURL(`${bremerhaven}/**`);
        });
        await step('evidence', async () => {
          await page.locator('form[action="/evidence/family-composition/request"] button').click();
          await page.waitForURL(`${passerelle}/evidence/flow/*`);
          await check('evidence request');
          await page.locator('form[action$="/items/0/request"] button').click();
          await page.waitForURL('**/items/0/preview');
          await check('preview');
          await page.locator('form[action$="/items/0/wallet"] button').click();
          await page.waitForURL('**/items/0/wallet/*');
          await check('wallet offer');
          await page.locator('a[href$="/items/0/preview"]').click();
          await page.waitForURL('**/items/0/preview');
          await page.locator('form[action$="/share"] button').click();
          await page.waitForURL(`${bremerhaven}/**`);
          await page.locator('a[href*="/verify?share="]').click();
          await page.waitForURL(`${passerelle}/verify?share=*`);
          await check('verification result');
        });
        await step('family mandate', async () => {
          await page.goto(`${bremerhaven}/`);
          await page.locator('form[action="/mandate/request"] button').click();
          await page.waitForURL(`${passerelle}/evidence/flow/*`);
          await check('mandate request');
          await page.locator('form[action$="/items/0/request"] button').click();
          await page.waitForURL('**/items/0/preview');
          await check('mandate preview');
          await page.locator('form[action$="/share"] button').click();
          await page.waitForURL(`${bremerhaven}/**`);
        });
        await step('dashboard', async () => {
          await page.goto(`${passerelle}/me`);
          await check('dashboard');
          await page.locator('a[href^="/me/mandates/"][href$="/revoke"]').first().click();
          await check('revoke confirmation');
          await page.locator('form[action$="/revoke"] button').click();
          await page.waitForURL(`${passerelle}/me?revoked=*`);
          await check('dashboard after revoking');
          await page.locator('a[href$="/withdraw"]').first().click();
          await check('withdraw confirmation');
          await page.locator('form[action$="/withdraw"] button').click();
          await page.waitForURL(`${passerelle}/me?withdrawn=*`);
          await check('dashboard after withdrawing');
          await page.locator('a[href$="/erase"]').first().click();
          await check('delete confirmation');
          await page.locator('form[action$="/erase"] button').click();
          await page.waitForURL(`${passerelle}/me?erased=*`);
          await check('dashboard after deleting');
        });
        await step('logout, and the dashboard\'s own login', async () => {
          await page.goto(`${passerelle}/oidc/session/end`);
          await check('logout question');
          await page.locator('button[name="logout"][value="yes"]').click();
          await page.waitForLoadState('load');
          await check('logged out');
          await page.goto(`${passerelle}/me`);
          await page.waitForURL(`${passerelle}/interaction/**`);
          await check('country page of the dashboard login');
        });
        await step('a portal asking for a level Serbia and Spain are not certified for', async () => {
          const askHigh = (extra: Record<string, string>) => `${passerelle}/oidc/auth?${new URLSearchParams({
            client_id: 'bremerhaven-kita', redirect_uri: `${bremerhaven}/callback`, response_type: 'code', scope: 'openid profile', state: 'walk-high',
            code_challenge: createHash('sha256').update('w'.repeat(43)).digest('base64url'), code_challenge_method: 'S256',
            acr_values: 'http://eidas.europa.eu/LoA/high', ...extra,
          }).toString()}`;
          await page.goto(askHigh({}));
          await page.locator('#unavailable-RS').waitFor();
          await check('country page with countries not available for the service');
          await page.goto(askHigh({ country: 'RS' }));
          await page.locator('#continue').waitFor();
          await check('country hint to a country certified below the level');
        });
        await step('the 503 page', async () => {
          // The database away: the page every route shows for it, rendered by the errorPage() the routes call
          // in the site context the app sets, and served at Passerelle's origin (its styles apply), without
          // taking the shared stack's database away.
          const { operator: siteOperator, languages, timeZone } = config;
          let body = '';
          siteContext({ languages, timeZone, ...(siteOperator ? { operator: siteOperator } : {}) })({} as Request, {} as Response, () => {
            body = errorPage(lang, 'database_unreachable', 'walk-503');
          });
          await page.route(`${passerelle}/walk-503`, (route) => route.fulfill({ status: 503, contentType: 'text/html', body }));
          try {
            await page.goto(`${passerelle}/walk-503`);
            await check('503 page');
          } finally {
            await page.unroute(`${passerelle}/walk-503`);
          }
        });
      } finally {
        await chrome.close();
      }
      assert.deepEqual(problems, [], `${lang}: ${problems.length} problems on ${pagesChecked.length} pages`);
      assert.equal(pagesChecked.length, 34);
    });
  }
});
