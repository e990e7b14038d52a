import assert from 'node:assert/strict';
import { startDemoStack, type DemoStack } from '../../browser/support/demo-stack.js';
import { csrfOf, TestBrowser } from '../../evidence/support/browser.js';
import { drive, hiddenField, type DrivenPage } from '../../evidence/support/driver.js';

/**
 * The evidence part of the demo portals over plain HTTP, on the stack `npm start` runs:
 * the portal asks with authorization_details, downloads through the portal API with the
 * access token, serves the document from its own session, and "Download again" tells a
 * withdrawn consent (403 from the API, or Passerelle's public status list once the access
 * token has ended) from a merely ended access token.
 */
describe('Demo portals: the evidence step (authorization_details, portal API, Download again)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => { stack = await startDemoStack(); });
  after(async () => { await stack?.close(); });

  const idpPaths: Record<string, string> = { IT: 'it', ES: 'es', DE: 'de', RS: 'rs' };

  /** Logs `citizen` in at `portalUrl` with the country hint, through the demo IdP and the identity consent. */
  async function logIn(browser: TestBrowser, portalUrl: string, citizen: string, country: string, lang: string): Promise<DrivenPage> {
    const start = `${portalUrl}/login?country=${country}&lang=${lang}`;
    await browser.get(`${portalUrl}/?lang=${lang}`);
    let page = await drive(browser, await browser.get(start), start);
    const idpLogin = `${stack.urls.idp}/${idpPaths[country]}/login`;
    assert.ok(page.url.startsWith(`${stack.urls.idp}/`), `expected the demo IdP, got ${page.url}`);
    page = await drive(browser, await browser.post(idpLogin, { login: hiddenField(page.body, 'login'), citizen, loa: 'substantial' }), idpLogin);
    return identityConsent(browser, page);
  }

  async function identityConsent(browser: TestBrowser, page: DrivenPage): Promise<DrivenPage> {
    const action = /action="(\/interaction\/[^"]+\/consent)"/.exec(page.body)?.[1];
    assert.ok(action, `expected the identity consent page, got ${page.url}: ${page.body.slice(0, 300)}`);
    const url = stack.urls.passerelle + action;
    return drive(browser, await browser.post(url, { _csrf: hiddenField(page.body, '_csrf'), decision: 'share' }), url);
  }

  /**
   * "Attach …" at the portal, up to Passerelle's evidence overview page: straight there, since
   * the citizen released these identity claims to this portal at the login in this session.
   */
  async function attach(browser: TestBrowser, portalUrl: string, home: DrivenPage, type: string): Promise<{ page: DrivenPage; flow: string }> {
    const url = `${portalUrl}/evidence/${type}/request`;
    const page = await drive(browser, await browser.post(url, { csrf: csrfOf(home.body) }), url);
    assert.match(page.url, /\/evidence\/flow\/[0-9a-f-]{36}$/, page.body.slice(0, 300));
    return { page, flow: page.url };
  }

  async function requestAndShare(browser: TestBrowser, flow: string, overview: DrivenPage): Promise<DrivenPage> {
    const preview = await drive(browser, await browser.post(`${flow}/items/0/request`, { csrf: csrfOf(overview.body) }), flow);
    assert.match(preview.url, /\/items\/0\/preview$/);
    const ready = await (await browser.get(flow)).text();
    return drive(browser, await browser.post(`${flow}/share`, { csrf: csrfOf(ready), days: '30' }), flow);
  }

  async function withdrawAtPasserelle(browser: TestBrowser): Promise<void> {
    const me = await (await browser.get(`${stack.urls.passerelle}/me`)).text();
    const action = /href="(\/me\/consents\/[0-9a-f-]{36}\/withdraw)"/.exec(me)?.[1];
    assert.ok(action, 'an active consent on /me');
    const confirm = await (await browser.get(stack.urls.passerelle + action)).text();
    assert.equal((await browser.post(stack.urls.passerelle + action, { csrf: csrfOf(confirm) })).status, 303);
  }

  /** The citizen logs out of Passerelle entirely (not through the portal): the session's tokens are revoked. */
  async function logOutOfPasserelle(browser: TestBrowser, clientId: string): Promise<void> {
    const ask = await drive(browser, await browser.get(`${stack.urls.passerelle}/oidc/session/end?client_id=${clientId}`), `${stack.urls.passerelle}/oidc/session/end`);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(ask.body)?.[1];
    assert.ok(xsrf, ask.body.slice(0, 300));
    await drive(browser, await browser.post(`${stack.urls.passerelle}/oidc/session/end/confirm`, { xsrf, logout: 'yes' }), `${stack.urls.passerelle}/oidc/session/end/confirm`);
  }

  async function downloadAgain(browser: TestBrowser, portalUrl: string, type: string): Promise<string> {
    const home = await (await browser.get(`${portalUrl}/`)).text();
    const response = await browser.post(`${portalUrl}/evidence/${type}/download-again`, { csrf: csrfOf(home) });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/#evidence');
    return (await browser.get(`${portalUrl}/`)).text();
  }

  it('Santander: Lucía provides her birth certificate; the portal shows its data, serves the PDF, downloads it again, and is refused after the withdrawal', async () => {
    const portal = stack.urls.santander;
    const browser = new TestBrowser(portal);
    const home = await logIn(browser, portal, 'es-lucia-garcia', 'ES', 'en');
    assert.equal(home.url, `${portal}/`);
    assert.match(home.body, /<h2 id="evidence-heading">Birth certificate<\/h2>/);
    assert.match(home.body, /<button type="submit">Provide birth certificate<\/button>/);

    const { page, flow } = await attach(browser, portal, home, 'birth');
    assert.match(page.body, /Census registration \(padrón\)/, 'the purpose the portal sent');
    const back = await requestAndShare(browser, flow, page);
    assert.equal(back.url, `${portal}/#evidence`);
    const shown = await (await browser.get(`${portal}/`)).text();
    assert.match(shown, /Passerelle sent us this certificate on /);
    assert.match(shown, /<dt>Date of birth<\/dt><dd>July 21, 1995<\/dd>/);
    assert.match(shown, /<dt>Place of birth<\/dt><dd>Sevilla<\/dd>/);
    assert.match(shown, /<dt>Country of birth<\/dt><dd>Spain<\/dd>/);
    assert.match(shown, /<dt>Sex<\/dt><dd>female<\/dd>/);
    assert.match(shown, /Authority in Spain \(es-registro-civil\)/);
    const consentId = /\/verify\?share=([0-9a-f-]{36})"/.exec(shown)?.[1];
    assert.ok(consentId, 'the official\'s link names the consent');
    assert.ok(shown.includes(`href="${stack.urls.passerelle}/verify?share=${consentId}">Check at Passerelle</a>`));

    const pdf = await browser.get(`${portal}/evidence/birth/document`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; filename="?es-birth-[\w-]+\.pdf"?$/);
    assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(pdf.headers.get('cache-control'), 'no-store');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    const attestation = await browser.get(`${portal}/evidence/birth/attestation`);
    assert.match(attestation.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await attestation.text(), /^ey[\w-]+\.[\w-]+\.[\w-]+~$/);

    assert.match(await downloadAgain(browser, portal, 'birth'), /role="status">Downloaded again from Passerelle at \d+:\d\d [AP]M UTC: the consent is still valid\./);

    await withdrawAtPasserelle(browser);
    const refused = await downloadAgain(browser, portal, 'birth');
    assert.match(refused, /role="alert"><p><strong>The applicant has withdrawn consent\.<\/strong><\/p><p>Passerelle refused the download at .+ \(HTTP 403, consent_required\)/);
    assert.match(refused, /<dt>Sharing valid until<\/dt><dd>ended: consent withdrawn<\/dd>/);
    assert.doesNotMatch(refused, /Sevilla|Download the certificate/, 'the portal no longer shows or serves what it fetched');
    const gone = await browser.get(`${portal}/evidence/birth/document`);
    assert.equal(gone.status, 303);
    assert.match(refused, /<button type="submit">Provide the certificate again<\/button>/);
  });

  it('Bremerhaven in German: once the access token has ended, the public status list tells a withdrawn consent', async () => {
    const portal = stack.urls.bremerhaven;
    const browser = new TestBrowser(portal);
    const home = await logIn(browser, portal, 'it-giulia-rossi', 'IT', 'de');
    assert.match(home.body, /<button type="submit">Nachweis der Familienzusammensetzung beifügen<\/button>/);
    const { page, flow } = await attach(browser, portal, home, 'family-composition');
    assert.match(page.body, /Antrag auf einen Kita-Platz/, 'the purpose in the portal\'s language');
    await requestAndShare(browser, flow, page);
    const shown = await (await browser.get(`${portal}/`)).text();
    assert.match(shown, /<dt>Zweck<\/dt><dd>Antrag auf einen Kita-Platz<\/dd>/);
    assert.match(shown, /<caption>Im Nachweis aufgeführte Familienmitglieder<\/caption>/);
    assert.match(shown, /<th scope="row"><bdi dir="auto">Sofia<\/bdi> <bdi dir="auto">Bianchi<\/bdi><\/th><td>3\. September 2022<\/td><td>Kind<\/td>/);

    await withdrawAtPasserelle(browser);
    await logOutOfPasserelle(browser, 'bremerhaven-kita');
    const refused = await downloadAgain(browser, portal, 'family-composition');
    assert.match(refused, /<strong>Die antragstellende Person hat ihre Einwilligung widerrufen\.<\/strong>/);
    assert.match(refused, /Die öffentliche Statusliste von Passerelle kennzeichnet diese Freigabe um .+ als nicht mehr gültig/);
    assert.doesNotMatch(refused, /Sofia/);
  });

  it('an ended access token with a valid sharing keeps the copy and says so', async () => {
    const portal = stack.urls.bremerhaven;
    const browser = new TestBrowser(portal);
    const home = await logIn(browser, portal, 'it-marco-bianchi', 'IT', 'en');
    const { page, flow } = await attach(browser, portal, home, 'family-composition');
    await requestAndShare(browser, flow, page);
    await logOutOfPasserelle(browser, 'bremerhaven-kita');
    const after = await downloadAgain(browser, portal, 'family-composition');
    assert.match(after, /role="alert"><p>At .+ our access at Passerelle had ended \(HTTP 401[^)]*\)\. Passerelle&#39;s public status list says the sharing is still valid/);
    assert.match(after, /<bdi dir="auto">Sofia<\/bdi> <bdi dir="auto">Bianchi<\/bdi>/);
    assert.equal((await browser.get(`${portal}/evidence/family-composition/document`)).status, 200);
  });

  it('a citizen who declines at Passerelle gets the portal\'s message; nothing is stored', async () => {
    const portal = stack.urls.santander;
    const browser = new TestBrowser(portal);
    const home = await logIn(browser, portal, 'es-javier-ruiz', 'ES', 'es');
    const { page, flow } = await attach(browser, portal, home, 'birth');
    const declined = await drive(browser, await browser.post(`${flow}/decline`, { csrf: csrfOf(page.body) }), flow);
    assert.equal(declined.status, 200);
    assert.match(declined.url, new RegExp(`^${portal}/callback\\?error=access_denied`));
    assert.match(declined.body, /<h1>Certificado no compartido<\/h1>/);
    assert.match(declined.body, /No ha compartido el certificado; no hemos recibido nada\./);
    const again = await (await browser.get(`${portal}/`)).text();
    assert.match(again, /Bienvenido\/a, <bdi dir="auto">Javier<\/bdi>/, 'still logged in at the portal');
    assert.match(again, /<button type="submit">Aportar certificado de nacimiento<\/button>/);
    assert.equal((await browser.get(`${portal}/evidence/birth/document`)).status, 303);
  });

  it('the portal\'s forms need its session and CSRF token', async () => {
    const portal = stack.urls.bremerhaven;
    const stranger = new TestBrowser(portal);
    assert.equal((await stranger.post(`${portal}/evidence/family-composition/request`, { csrf: 'x' })).status, 403);
    const browser = new TestBrowser(portal);
    await browser.get(`${portal}/login`);
    assert.equal((await browser.post(`${portal}/evidence/family-composition/request`, {})).status, 403);
    assert.equal((await browser.post(`${portal}/evidence/family-composition/download-again`, { csrf: 'wrong' })).status, 403);
  });
});
