import assert from 'node:assert/strict';
import { testCitizen } from './support/citizens.js';
import { continueLink, drive, TestBrowser } from './support/browser.js';
import { rpConfig, startAuthorization, toPortal } from './support/flow.js';
import { oidcServerForSuite } from './support/harness.js';

const loa = (level: string) => `http://eidas.europa.eu/LoA/${level}`;

/**
 * A country whose identity provider is certified (its metadata's assurance-certification) below
 * the level a portal requires is not offered a login that can only fail: the country page says
 * why, a portal's hint to it explains and hands back unmet_authentication_requirements, and the
 * "level too low" notice never asks for a retry at a level her country's eID cannot reach.
 * Serbia is certified up to substantial here, as the demo's Serbian IdP is.
 */
describe('OpenID Provider: countries certified below the requested level of assurance', () => {
  const suite = oidcServerForSuite();
  beforeEach(() => {
    suite.server.adapter.behaviour = { mode: 'succeed' };
    suite.server.adapter.certified.clear();
    suite.server.adapter.certified.set('RS', 'substantial');
    suite.server.adapter.certified.set('DE', 'high');
  });

  async function open(params: Record<string, string>) {
    const config = await rpConfig(suite.server.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', params);
    const browser = new TestBrowser();
    const first = await drive(browser, await browser.get(start.url.href), toPortal(start.redirectUri));
    return { browser, start, page: first.page, stoppedAt: first.stoppedAt };
  }

  it('a portal requiring high: Serbia is shown as not available with the reason, and has no login link; the others are offered', async () => {
    const { page } = await open({ acr_values: loa('high'), ui_locales: 'en' });
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /\/country\/RS"/);
    assert.match(page.body, /id="unavailable-RS"><span>Serbia/);
    assert.match(page.body, /Not available for this service: it requires the level “high”, this country&#39;s eID reaches “substantial”\./);
    for (const code of ['IT', 'DE', 'ES']) assert.match(page.body, new RegExp(`/country/${code}"`), code);
  });

  it('the reason is in the page\'s language', async () => {
    const { page } = await open({ acr_values: loa('high'), ui_locales: 'de' });
    assert.match(page.body, /<html lang="de">/);
    assert.match(page.body, /Für diesen Dienst nicht verfügbar: Er verlangt das Niveau „hoch“, die eID dieses Landes erreicht „substanziell“\./);
    assert.doesNotMatch(page.body, /Not available/);
  });

  it('a portal requiring substantial: Serbia is offered as usual', async () => {
    const { page } = await open({ acr_values: loa('substantial'), ui_locales: 'en' });
    assert.match(page.body, /\/country\/RS"/);
    assert.doesNotMatch(page.body, /unavailable-RS|Not available for this service/);
  });

  it('a country that publishes no certification is offered as before', async () => {
    suite.server.adapter.certified.delete('RS');
    const { page } = await open({ acr_values: loa('high'), ui_locales: 'en' });
    assert.match(page.body, /\/country\/RS"/);
  });

  it('a hint to Serbia at high explains instead of starting the login, then the portal gets unmet_authentication_requirements with state and iss', async () => {
    const before = suite.server.adapter.requests.length;
    const { browser, start, page, stoppedAt } = await open({ acr_values: loa('high'), country: 'RS', ui_locales: 'en' });
    assert.equal(stoppedAt, undefined, 'the citizen reads the reason first');
    assert.match(page.body, /<h1>Your country&#39;s eID cannot be used for this service<\/h1>/);
    assert.match(page.body, /requires the level of assurance “high”, but the eID of Serbia is certified only up to “substantial”/);
    assert.doesNotMatch(page.body, /log in again/i);
    assert.equal(suite.server.adapter.requests.length, before, 'no login was started');
    const end = await drive(browser, await browser.get(new URL(continueLink(page.body)!, page.url).href), toPortal(start.redirectUri));
    const answer = new URL(end.stoppedAt!);
    assert.equal(answer.searchParams.get('error'), 'unmet_authentication_requirements');
    assert.equal(answer.searchParams.get('state'), start.state);
    assert.equal(answer.searchParams.get('iss'), suite.server.issuer);
    assert.equal(answer.searchParams.get('code'), null);
  });

  it('a direct link to Serbia\'s login at high is refused the same way', async () => {
    const { browser, page } = await open({ acr_values: loa('high'), ui_locales: 'en' });
    const uid = /\/interaction\/([^/"]+)\/country\/DE"/.exec(page.body)![1]!;
    const direct = await browser.get(`${suite.server.url}/interaction/${uid}/country/RS`);
    assert.match(direct.body, /<h1>Your country&#39;s eID cannot be used for this service<\/h1>/);
  });

  it('level too low: where her country\'s eID cannot reach the level, the notice says so and does not ask her to log in again', async () => {
    // The certification became known only during the login (metadata refreshed meanwhile).
    suite.server.adapter.certified.delete('RS');
    suite.server.adapter.behaviour = { mode: 'succeed', citizen: () => { suite.server.adapter.certified.set('RS', 'substantial'); return testCitizen('RS', 'substantial'); } };
    const { page } = await open({ acr_values: loa('high'), country: 'RS', ui_locales: 'en' });
    assert.match(page.body, /<h1>Your login&#39;s level of assurance is too low<\/h1>/);
    assert.match(page.body, /The eID of Serbia is certified up to the level of assurance “substantial”, and Kindergarten requires “high”\. You were not logged in\. This service cannot be used with an eID of Serbia/);
    assert.doesNotMatch(page.body, /log in again/i);
    assert.match(page.body, /id="continue"/);
  });

  it('level too low where her country can reach the level: the notice still suggests logging in again at that level', async () => {
    suite.server.adapter.behaviour = { mode: 'succeed', loa: 'substantial' };
    const { page } = await open({ acr_values: loa('high'), country: 'DE', ui_locales: 'en' });
    assert.match(page.body, /log in again with a means of identification at level “high”/);
  });
});
