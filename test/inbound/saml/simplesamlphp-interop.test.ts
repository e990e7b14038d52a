import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { testKeystore } from '../../support/keys.js';
import { TestBrowser } from '../../outbound/oidc/support/browser.js';
import { SamlHarness, sp } from './support/harness.js';
import { simplesamlphpAvailable, simplesamlphpInstall, startSimpleSamlIdp, type SimpleSamlIdp, type SimpleSamlSp } from './support/simplesamlphp.js';
import { testKey } from './support/test-idp.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
const user = {
  username: 'milica', password: 'interop-password-0123',
  attributes: {
    [natural + 'PersonIdentifier']: ['RS/DE/1705990805129'],
    [natural + 'CurrentFamilyName']: ['Petrović'],
    [natural + 'CurrentGivenName']: ['Milica'],
    [natural + 'DateOfBirth']: ['1990-05-17'],
  },
};

/**
 * Issue 10 item 3: a real simpleSAMLphp 1.19 IdP (the common national IdP product that is not an
 * eIDAS node) completes logins with Passerelle: our AuthnRequest signed RSA-SHA256 as the national
 * profile allows, its RSA-SHA256 responses, unencrypted and encrypted with AES-128-CBC +
 * rsa-oaep-mgf1p where the country allows CBC, and refused where it does not.
 */
describe(`simpleSAMLphp as a national IdP (interop)${simplesamlphpAvailable ? '' : ` [skipped: ${simplesamlphpInstall}]`}`, function () {
  this.timeout(120_000);
  let h: SamlHarness;
  let idp: SimpleSamlIdp;
  let spEntry: SimpleSamlSp;

  before(async function () {
    if (!simplesamlphpAvailable) {
      this.skip();
      return;
    }
    const keystore = await testKeystore();
    const key = await testKey('simplesamlphp-idp');
    spEntry = {
      entityId: sp.entityId, acsUrl: sp.acsUrl, encryptAssertions: false,
      signingCertificateBase64: keystore.active('saml-signing', 'RSA').certificateBase64!,
      encryptionCertificateBase64: keystore.active('saml-encryption', 'RSA').certificateBase64!,
    };
    idp = await startSimpleSamlIdp({
      privateKeyPem: key.signingKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certificatePem: key.certificatePem,
      user, loa: 'http://eidas.europa.eu/LoA/low', sp: spEntry,
    });
    const names = { en: 'Test' };
    const fromSimpleSaml = { metadataUrl: idp.metadataUrl, allowInsecureMetadataUrl: true };
    h = await new SamlHarness().start({
      now: Date.now(),
      countries: () => [
        // The same IdP twice: RS explicitly allows AES-CBC, IT (national, PKCS#1 v1.5 only) does not.
        { code: 'RS', names, languages: ['en'], idp: fromSimpleSaml, minimumLoa: 'low', algorithms: { profile: 'national', allowRsaPkcs1v15Signatures: true, allowCbcEncryption: true } },
        { code: 'IT', names, languages: ['en'], idp: fromSimpleSaml, minimumLoa: 'low', algorithms: { profile: 'national', allowRsaPkcs1v15Signatures: true } },
      ],
    });
  });
  after(async () => {
    await h?.stop();
    await idp?.close();
  });

  /** Passerelle starts the login; the browser logs in at simpleSAMLphp; the IdP's POST form comes back. */
  async function loginAtSimpleSaml(country: 'RS' | 'IT') {
    h.clock.set(Date.now());
    const start = await fetch(`${h.url}/test/login?country=${country}`, { redirect: 'manual' });
    assert.equal(start.status, 303, 'simpleSAMLphp offers HTTP-Redirect: our request goes by Redirect');
    const location = new URL(start.headers.get('location')!);
    assert.ok(location.href.startsWith(`${idp.url}/simplesaml/saml2/idp/SSOService.php`), location.href);
    assert.equal(location.searchParams.get('SigAlg'), 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const request = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('passerelle_saml='))!.split(';')[0]!;
    const relayState = location.searchParams.get('RelayState')!;

    const browser = new TestBrowser();
    const { page: loginPage } = await browser.follow(await browser.get(location.href));
    assert.equal(loginPage.status, 200, `${loginPage.body.slice(0, 500)}\n${idp.logs()}`);
    const action = /<form[^>]*action="([^"]*)"/.exec(loginPage.body)?.[1] ?? loginPage.url;
    const authState = /name="AuthState" value="([^"]+)"/.exec(loginPage.body)?.[1];
    assert.ok(authState, `the login form of simpleSAMLphp: ${loginPage.body.slice(0, 800)}\n${idp.logs()}`);
    const posted = await browser.post(new URL(action.replace(/&amp;/g, '&'), loginPage.url).href, { username: user.username, password: user.password, AuthState: authState.replace(/&amp;/g, '&') });
    const { page: answer } = await browser.follow(posted);
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(answer.body)?.[1];
    assert.ok(samlResponse, `simpleSAMLphp answers with a POST form: ${answer.body.slice(0, 800)}\n${idp.logs()}`);
    assert.match(answer.body, new RegExp(`action="${sp.acsUrl.replace(/[.]/g, '\\.')}"`));
    assert.equal(/name="RelayState" value="([^"]+)"/.exec(answer.body)?.[1], relayState, 'RelayState comes back unchanged');
    return { xml: Buffer.from(samlResponse, 'base64').toString('utf8'), cookie, relayState, request };
  }

  it('completes an unencrypted login: our AuthnRequest signed RSA-SHA256 is accepted, its RSA-SHA256 signed response is read into the citizen', async () => {
    idp.configureSp({ ...spEntry, encryptAssertions: false });
    const { xml, cookie, relayState, request } = await loginAtSimpleSaml('RS');
    assert.match(request, /<eidas:RequestedAttribute [^>]*PersonIdentifier/);
    assert.doesNotMatch(xml, /EncryptedAssertion/);
    assert.match(xml, /xmldsig-more#rsa-sha256/);
    const response = await h.post(xml, { cookie, relayState });
    assert.equal(response.status, 200, response.text.slice(0, 400));
    const citizen = h.handOff.succeeded.at(-1)!.citizen;
    assert.deepEqual(
      { id: citizen.personIdentifier, family: citizen.familyName, given: citizen.givenName, born: citizen.dateOfBirth, loa: citizen.loa, country: citizen.country },
      { id: 'RS/DE/1705990805129', family: 'Petrović', given: 'Milica', born: '1990-05-17', loa: 'low', country: 'RS' },
    );
    assert.equal(citizen.source.issuer, idp.metadataUrl);
  });

  it('completes an encrypted login (AES-128-CBC, rsa-oaep-mgf1p) for the country that allows CBC explicitly', async () => {
    idp.configureSp({ ...spEntry, encryptAssertions: true });
    const { xml, cookie, relayState } = await loginAtSimpleSaml('RS');
    assert.match(xml, /EncryptedAssertion/);
    assert.match(xml, /xmlenc#aes128-cbc/);
    assert.match(xml, /xmlenc#rsa-oaep-mgf1p/);
    const before = h.handOff.succeeded.length;
    const response = await h.post(xml, { cookie, relayState });
    assert.equal(response.status, 200, response.text.slice(0, 400));
    assert.equal(h.handOff.succeeded.length, before + 1);
    assert.equal(h.handOff.succeeded.at(-1)!.citizen.familyName, 'Petrović');
  });

  it('refuses the same AES-CBC encrypted answer for a country without the CBC allowance, and stores nothing', async () => {
    idp.configureSp({ ...spEntry, encryptAssertions: true });
    const { xml, cookie, relayState } = await loginAtSimpleSaml('IT');
    const counts = await h.counts();
    const response = await h.post(xml, { cookie, relayState });
    assert.equal(response.status, 403);
    assert.match(response.text, /saml_algorithm_refused/);
    assert.deepEqual(await h.counts(), counts);
  });
});
