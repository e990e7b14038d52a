import assert from 'node:assert/strict';
import { PasserelleError } from '../../../src/core/errors.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { continueLink, hiddenInput, TestBrowser, type Page } from './support/browser.js';
import { testCitizen } from './support/citizens.js';
import { fullLogin, loginInBrowser, rpConfig, startAuthorization, toPortal } from './support/flow.js';
import { rp, startOidcServer, type OidcTestServer } from './support/harness.js';

const loa = (level: string) => `http://eidas.europa.eu/LoA/${level}`;

describe('OpenID Provider: interactions (country, upstream hand-off, consent)', () => {
  let database: TestDatabase;
  let server: OidcTestServer;

  before(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db });
  });
  beforeEach(() => { server.adapter.behaviour = { mode: 'succeed' }; });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  /** Opens an authorization and returns the first page the citizen sees. */
  async function open(params: Record<string, string> = {}, browser = new TestBrowser()) {
    const config = await rpConfig(server.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', params);
    const first = await browser.follow(await browser.get(start.url.href), toPortal(start.redirectUri));
    return { browser, start, config, page: first.page, stoppedAt: first.stoppedAt };
  }

  async function toConsentPage(params: Record<string, string> = {}, browser = new TestBrowser()): Promise<{ browser: TestBrowser; page: Page; redirectUri: string }> {
    // `address` is never remembered by these tests, so the consent page always shows.
    const opened = await open({ country: 'IT', scope: 'openid profile address', ...params }, browser);
    assert.equal(opened.page.status, 200);
    assert.match(opened.page.body, /\/consent"/);
    return { browser, page: opened.page, redirectUri: opened.start.redirectUri };
  }

  const consentUrl = (page: Page) => new URL(/action="(\/interaction\/[^"]+\/consent)"/.exec(page.body)![1]!, page.url).href;

  it('asks the adapter for the lowest LoA in acr_values (never below the country floor) and exactly the attributes the portal may receive', async () => {
    await open({ country: 'IT', acr_values: `${loa('high')} ${loa('substantial')}`, scope: 'openid profile address email' });
    const request = server.adapter.requests.at(-1)!;
    assert.equal(request.minimumLoa, 'substantial');
    assert.equal(request.country, 'IT');
    assert.equal(request.requesterId, 'kita');
    assert.deepEqual(request.requestedAttributes.map((a) => `${a.name}${a.required ? '!' : ''}`),
      ['personIdentifier!', 'familyName!', 'givenName!', 'dateOfBirth!', 'currentAddress', 'gender']);
    await open({ country: 'IT', acr_values: loa('low') });
    assert.equal(server.adapter.requests.at(-1)!.minimumLoa, 'substantial', 'Italy\'s floor is substantial');
    await open({ country: 'RS', acr_values: loa('low') });
    assert.equal(server.adapter.requests.at(-1)!.minimumLoa, 'low');
  });

  it('the consent page lists exactly the released claims with their values, in the page language', async () => {
    const { page } = await toConsentPage({ scope: 'openid profile address' });
    const citizen = testCitizen('IT');
    assert.match(page.body, /<html lang="en">/);
    assert.match(page.body, /Share your data with Kindergarten\?/);
    for (const label of ['Given name', 'Family name', 'Date of birth', 'Gender', 'Address', 'Country of your eID', 'Level of assurance']) {
      assert.match(page.body, new RegExp(`<dt>${label}</dt>`), label);
    }
    assert.doesNotMatch(page.body, /<dt>(Place of birth|eIDAS person identifier|E-mail address)<\/dt>/, 'not requested by scope or not allowed');
    assert.match(page.body, new RegExp(`<dd><bdi dir="auto">${citizen.givenName}</bdi></dd>`));
    assert.match(page.body, /<dd>female<\/dd>/);
    assert.match(page.body, /Via Giuseppe Palmieri 24/);
    assert.match(page.body, /<fieldset><legend>Next time<\/legend>/);
    const german = await toConsentPage({ scope: 'openid profile', ui_locales: 'de' }, new TestBrowser());
    assert.match(german.page.body, /<html lang="de">[\s\S]*Ihre Daten an Kita übermitteln\?/, 'the portal\'s ui_locales sets the language of the pages of its request');
    const browser = new TestBrowser();
    const opened = await open({ country: 'IT' }, browser);
    const switched = await browser.get(new URL('?lang=de', opened.page.url).href);
    assert.match(switched.body, /<html lang="de">[\s\S]*Ihre Daten an Kita übermitteln\?/);
    assert.match(switched.body, /<dd>weiblich<\/dd>/);
  });

  it('the consent page isolates names and shows their bidirectional controls as visible marks, never acting', async () => {
    server.adapter.behaviour = { mode: 'succeed', citizen: (login) => testCitizen(login.country, login.minimumLoa, { familyName: '\u202Eissor', givenName: 'محمد\u200F' }) };
    const { page } = await toConsentPage({ scope: 'openid profile' });
    assert.match(page.body, /<dd><bdi dir="auto"><span class="bidi-control">\[U\+202E RLO\]<\/span>issor<\/bdi><\/dd>/);
    assert.match(page.body, /<dd><bdi dir="auto">محمد<span class="bidi-control">\[U\+200F RLM\]<\/span><\/bdi><\/dd>/);
    assert.doesNotMatch(page.body, /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/, 'no bidirectional control reaches the page as a character');
  });

  it('W-04/O-27: the consent form needs its token and our origin; a good post answers 303 and nothing is granted before', async () => {
    const { browser, page, redirectUri } = await toConsentPage();
    const url = consentUrl(page);
    const token = hiddenInput(page.body, '_csrf')!;
    const refused = [
      await browser.post(url, { decision: 'share' }),
      await browser.post(url, { decision: 'share', _csrf: token.slice(0, -2) + 'xx' }),
      await browser.post(url, { decision: 'share', _csrf: token }, { origin: 'https://evil.example' }),
      await browser.post(url, { decision: 'share', _csrf: token }, { 'sec-fetch-site': 'cross-site', origin: '' }),
      await browser.post(url, { decision: 'share', _csrf: token }, { 'sec-fetch-site': 'same-site', origin: 'null' }),
    ];
    for (const response of refused) assert.equal(response.status, 403);
    const other = await toConsentPage();
    const foreignToken = await browser.post(url, { decision: 'share', _csrf: hiddenInput(other.page.body, '_csrf')! });
    assert.equal(foreignToken.status, 403, 'a token of another interaction');
    const viaGet = await browser.get(url);
    assert.equal(viaGet.status, 404);
    // As Chromium posts it under Referrer-Policy no-referrer: Origin null, Sec-Fetch-Site same-origin.
    const ok = await browser.post(url, { decision: 'share', _csrf: token }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    assert.equal(ok.status, 303);
    const end = await browser.follow(ok, toPortal(redirectUri));
    assert.ok(new URL(end.stoppedAt!).searchParams.get('code'));
  });

  it('declining consent, cancelling at the country page and an upstream failure reach the portal as access_denied with state and iss', async () => {
    const declined = await loginInBrowser(new TestBrowser(), (await open()).start, { consent: 'decline' });
    const cancel = await open();
    const cancelled = await cancel.browser.post(new URL(/action="(\/interaction\/[^"]+\/abort)"/.exec(cancel.page.body)![1]!, cancel.page.url).href,
      { _csrf: hiddenInput(cancel.page.body, '_csrf')! });
    const cancelledEnd = await cancel.browser.follow(cancelled, toPortal(cancel.start.redirectUri));
    server.adapter.behaviour = { mode: 'fail', error: new PasserelleError('authentication_failed') };
    const failedAt = await open({ country: 'DE', state: 'upstream-state' });
    assert.match(failedAt.page.body, /<h1>Your identity provider could not log you in<\/h1>/, 'the citizen is told why first');
    const failed = await failedAt.browser.follow(await failedAt.browser.get(new URL(continueLink(failedAt.page.body)!, failedAt.page.url).href), toPortal(failedAt.start.redirectUri));
    const outcomes = [
      { url: declined.callback, state: declined.callback.searchParams.get('state') },
      { url: new URL(cancelledEnd.stoppedAt!), state: cancel.start.state },
      { url: new URL(failed.stoppedAt!), state: 'upstream-state' },
    ];
    for (const { url, state } of outcomes) {
      assert.equal(url.searchParams.get('error'), 'access_denied');
      assert.equal(url.searchParams.get('state'), state);
      assert.equal(url.searchParams.get('iss'), server.issuer);
      assert.equal(url.searchParams.get('code'), null);
    }
    assert.equal(new URL(failed.stoppedAt!).searchParams.get('error_description'), 'the identity provider could not authenticate the citizen');
  });

  it('S-47: a login below the requested LoA is refused, and the ID token never claims more than was asserted', async () => {
    server.adapter.behaviour = { mode: 'succeed', loa: 'substantial' };
    const refusedAt = await open({ country: 'IT', acr_values: loa('high') });
    assert.match(refusedAt.page.body, /requires the level of assurance “high”, but your login had the level “substantial”/);
    const refused = await refusedAt.browser.follow(await refusedAt.browser.get(new URL(continueLink(refusedAt.page.body)!, refusedAt.page.url).href), toPortal(refusedAt.start.redirectUri));
    const url = new URL(refused.stoppedAt!);
    assert.equal(url.searchParams.get('error'), 'unmet_authentication_requirements');
    assert.equal(url.searchParams.get('code'), null);
    server.adapter.behaviour = { mode: 'succeed', loa: 'high' };
    const config = await rpConfig(server.issuer, 'kita');
    const { claims } = await fullLogin(config, 'kita', { params: { country: 'IT', acr_values: loa('substantial') } });
    assert.equal(claims.acr, loa('high'));
  });

  it('an existing session at a lower LoA does not satisfy a request for a higher one: the citizen logs in again', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    server.adapter.behaviour = { mode: 'succeed', loa: 'substantial' };
    const { browser } = await fullLogin(config, 'kita', { params: { country: 'IT' }, consent: 'remember' });
    const before = server.adapter.requests.length;
    const sso = await fullLogin(config, 'kita', { browser, params: { country: 'IT', acr_values: loa('substantial') } });
    assert.equal(server.adapter.requests.length, before, 'single sign-on at the same level');
    assert.equal(sso.login.pages.length, 0, 'remembered consent: no page at all');
    server.adapter.behaviour = { mode: 'succeed', loa: 'high' };
    const stepUp = await fullLogin(config, 'kita', { browser, params: { country: 'IT', acr_values: loa('high') } });
    assert.equal(server.adapter.requests.length, before + 1, 'logged in again upstream');
    assert.equal(stepUp.claims.acr, loa('high'));
    const none = await startAuthorization(config, 'kita', { prompt: 'none', acr_values: loa('high') });
    const silent = await browser.follow(await browser.get(none.url.href), toPortal(none.redirectUri));
    assert.ok(silent.stoppedAt, 'prompt=none with a satisfying session answers at once');
    const fresh = await startAuthorization(config, 'kita', { prompt: 'none' });
    const noSession = await new TestBrowser().follow(await new TestBrowser().get(fresh.url.href), toPortal(fresh.redirectUri));
    const answer = new URL(noSession.stoppedAt!);
    assert.equal(answer.searchParams.get('error'), 'login_required');
    assert.equal(answer.searchParams.get('iss'), server.issuer);
  });

  it('O-18: prompt=login and max_age=0 force a new upstream login and a newer auth_time', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const first = await fullLogin(config, 'kita', { params: { country: 'DE' }, consent: 'remember' });
    for (const params of [{ prompt: 'login' }, { max_age: '0' }] as Array<Record<string, string>>) {
      const count = server.adapter.requests.length;
      const again = await fullLogin(config, 'kita', { browser: first.browser, params: { country: 'DE', ...params } });
      assert.equal(server.adapter.requests.length, count + 1);
      assert.ok(Number(again.claims.auth_time) >= Number(first.claims.auth_time));
    }
  });

  it('remembers the chosen country (first in the list, marked) without skipping the page', async () => {
    const browser = new TestBrowser();
    const config = await rpConfig(server.issuer, 'kita');
    await fullLogin(config, 'kita', { browser, country: 'ES' });
    const logout = await browser.get(`${server.issuer}/session/end`);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logout.body)![1]!;
    await browser.post(`${server.issuer}/session/end/confirm`, { xsrf, logout: 'yes' });
    const again = await open({}, browser);
    assert.equal(browser.cookie('passerelle.country'), 'ES');
    const first = /<li[^>]*><a[^>]*href="\/interaction\/[^/]+\/country\/([A-Z]{2})"/.exec(again.page.body)![1];
    assert.equal(first, 'ES');
    assert.match(again.page.body, /Spain <span class="muted">\(<span lang="es">España<\/span>\)<\/span> <span class="muted">· last used/);
  });

  it('lists countries by the name the citizen reads, in her language\'s order, and filters them by ?q= without JavaScript (accents and case ignored)', async () => {
    const browser = new TestBrowser();
    const opened = await open({}, browser);
    const listed = (body: string) => [...body.matchAll(/<li data-search="[^"]*"( hidden)?><a[^>]*href="\/interaction\/[^/]+\/country\/([A-Z]{2})">\n([^<]+)/g)]
      .filter((m) => !m[1]).map((m) => `${m[2]} ${m[3]!.trim()}`);
    assert.deepEqual(listed(opened.page.body), ['DE Germany', 'IT Italy', 'RS Serbia', 'ES Spain']);
    const german = await browser.get(new URL('?lang=de', opened.page.url).href);
    assert.deepEqual(listed(german.body), ['DE Deutschland', 'IT Italien', 'RS Serbien', 'ES Spanien'], 'names the configuration lacks come from the platform\'s country names');
    const filtered = await browser.get(new URL('?q=espana', opened.page.url).href);
    assert.deepEqual(listed(filtered.body), ['ES Spanien'], 'the own name, without its accent, finds the country');
    assert.match(filtered.body, /<input type="search" id="country-query" name="q" value="espana"/);
    assert.match(filtered.body, /href="\/interaction\/[^"?]+\?q=espana&amp;lang=en"/, 'the language switch keeps the filter');
    const none = await browser.get(new URL('?q=atlantis', opened.page.url).href);
    assert.deepEqual(listed(none.body), []);
    assert.match(none.body, /Kein Land passt zu Ihrer Eingabe\./);
    const serbian = await browser.get(new URL('?q=srb&lang=sr-Latn', opened.page.url).href);
    assert.deepEqual(listed(serbian.body), ['RS Srbija']);
  });

  it('a session whose stored attributes are gone logs in again instead of failing', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const { browser } = await fullLogin(config, 'kita', { params: { country: 'IT' } });
    await database.db.knex('oidc_models').where({ model: 'PasserelleCitizen' }).delete();
    const count = server.adapter.requests.length;
    const again = await fullLogin(config, 'kita', { browser, params: { country: 'IT' } });
    assert.equal(server.adapter.requests.length, count + 1, 'a new upstream login');
    assert.ok(again.claims.sub);
  });

  it('an interaction page without its cookie, or for another uid, is a "start again" page', async () => {
    const { page } = await toConsentPage();
    const stranger = await new TestBrowser().get(page.url);
    assert.equal(stranger.status, 400);
    assert.match(stranger.body, /This login has expired or was already completed/);
    const { browser } = await toConsentPage();
    const wrongUid = await browser.get(page.url);
    assert.equal(wrongUid.status, 400);
  });

  it('a handOff for an unknown or finished flow shows an error page and changes nothing', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const { login } = await fullLogin(config, 'kita');
    assert.ok(login.callback.searchParams.get('code'));
    const uid = /\/interaction\/([^/]+)\/country/.exec(login.pages[0]!.body)?.[1];
    assert.ok(uid);
    const replay = await fetch(`${server.url}/interaction/${uid}/country/IT`, { redirect: 'manual' });
    assert.equal(replay.status, 400);
  });

  it('W-12: logs carry no personal data, identifiers, codes or tokens', async () => {
    const config = await rpConfig(server.issuer, 'padron');
    const { tokens, login, claims } = await fullLogin(config, 'padron', { country: 'ES', params: { scope: 'openid profile eidas' } });
    const citizen = testCitizen('ES');
    const logs = server.logs.join('\n');
    const secrets = [citizen.givenName, citizen.familyName, citizen.dateOfBirth, citizen.personIdentifier, String(claims.sub),
      tokens.access_token, tokens.id_token!, login.callback.searchParams.get('code')!, login.callback.searchParams.get('state')!, rp.padron.secret];
    for (const secret of secrets) assert.ok(!logs.includes(secret), `log contains ${secret.slice(0, 12)}…`);
    assert.match(logs, /citizen logged in/);
  });

  it('the citizen\'s attributes are stored encrypted, and a full logout deletes them', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const { browser } = await fullLogin(config, 'kita', { country: 'IT' });
    const rowsOf = () => database.db.knex('oidc_models').where({ model: 'PasserelleCitizen' }).select('payload', 'id');
    const citizen = testCitizen('IT');
    const stored = (await rowsOf()).map((r: { payload: string }) => r.payload).join('\n');
    assert.ok(stored.length > 0);
    for (const value of [citizen.givenName, citizen.familyName, citizen.personIdentifier]) assert.ok(!stored.includes(value));
    const all = (await database.db.knex('oidc_models').select('payload')).map((r: { payload: string }) => r.payload).join('\n');
    assert.ok(!all.includes(citizen.familyName), 'no model holds the name in clear');
    const count = (await rowsOf()).length;
    const logout = await browser.get(`${server.issuer}/session/end`);
    await browser.post(`${server.issuer}/session/end/confirm`, { xsrf: /name="xsrf" value="([^"]+)"/.exec(logout.body)![1]!, logout: 'yes' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await rowsOf()).length, count - 1);
    assert.ok(rp.kita);
  });
});
