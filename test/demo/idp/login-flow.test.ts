import { strict as assert } from 'node:assert';
import { frozenNow, finishLogin, startHarness, startLogin, type Harness } from './support/harness.js';
import { assertionFacts, natural, responseFacts } from './support/read-response.js';
import { decryptResponse, spAcsUrl, spEntityId, uris, verifyElementSignature } from './support/test-sp.js';

// The eIDAS-node demo IdPs declare protocol 1.4 and so encrypt with xmlenc11#rsa-oaep; the national one keeps rsa-oaep-mgf1p.
const protocol14KeyTransport = 'http://www.w3.org/2009/xmlenc11#rsa-oaep';
const legacyKeyTransport = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';
const countryAlgorithms: [string, string, string, string][] = [
  ['IT', 'it-giulia-rossi', uris.ecdsa, protocol14KeyTransport],
  ['DE', 'de-anna-schulz', uris.rsaPss, protocol14KeyTransport],
  ['ES', 'es-lucia-garcia', uris.rsaPss, protocol14KeyTransport],
  ['RS', 'rs-milica-petrovic', uris.rsaSha256, legacyKeyTransport],
];

describe('demo national IdPs: login flow over HTTP', () => {
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h.close(); });

  for (const [cc, citizen, algorithm, keyTransport] of countryAlgorithms) {
    it(`${cc} answers with a Response and an encrypted Assertion, both signed with ${algorithm.split('#')[1]}`, async () => {
      const login = await startLogin(h, cc, { request: { id: `_flow-${cc}` } });
      assert.equal(login.status, 200, login.html);
      const done = await finishLogin(h, cc, login, { citizen });
      assert.equal(done.action, spAcsUrl);
      const response = responseFacts(done.responseXml);
      assert.equal(response.plainAssertions, 0, 'no assertion in clear text');
      assert.equal(response.encryptedAssertions, 1);
      assert.ok(response.encryptionMethods.includes('http://www.w3.org/2009/xmlenc11#aes256-gcm'));
      assert.ok(response.encryptionMethods.includes(keyTransport), `${cc} key transport ${keyTransport}`);
      assert.equal(verifyElementSignature(done.responseXml, 'root', h.idpCertificate(cc)), algorithm);
      assert.deepEqual(response.statusCodes, ['urn:oasis:names:tc:SAML:2.0:status:Success']);
      assert.equal(response.inResponseTo, `_flow-${cc}`);
      assert.equal(response.destination, spAcsUrl);
      assert.equal(response.issuer, h.server.metadataUrls[cc]);

      const assertionXml = await decryptResponse(done.responseXml, h.sp);
      assert.equal(verifyElementSignature(`<Wrapper ID="w">${assertionXml}</Wrapper>`, 'assertion', h.idpCertificate(cc)), algorithm);
      const facts = assertionFacts(assertionXml);
      assert.equal(facts.issuer, h.server.metadataUrls[cc]);
      assert.equal(facts.audience, spEntityId);
      assert.equal(facts.recipient, spAcsUrl);
      assert.equal(facts.subjectInResponseTo, `_flow-${cc}`);
      assert.equal(facts.method, 'urn:oasis:names:tc:SAML:2.0:cm:bearer');
      assert.equal(facts.notBefore, new Date(frozenNow).toISOString());
      assert.equal(facts.notOnOrAfter, new Date(frozenNow + 5 * 60_000).toISOString());
      assert.equal(facts.subjectNotOnOrAfter, new Date(frozenNow + 5 * 60_000).toISOString());
      assert.equal(facts.loa, 'http://eidas.europa.eu/LoA/substantial', 'defaults to the requested minimum');
      assert.deepEqual([...facts.nameFormats], ['urn:oasis:names:tc:SAML:2.0:attrname-format:uri']);
      assert.match(facts.attributes.get(natural('PersonIdentifier'))![0]!, new RegExp(`^${cc}/DE/.+$`));
      for (const name of ['CurrentFamilyName', 'CurrentGivenName', 'DateOfBirth']) assert.ok(facts.attributes.get(natural(name))?.[0], name);
    });
  }

  it('sends the Lecce family\'s data with eIDAS URIs: identifier, birth, place of birth, gender and a base64 CurrentAddress', async () => {
    const done = await finishLogin(h, 'IT', await startLogin(h, 'IT'), { citizen: 'it-giulia-rossi', loa: 'high' });
    const facts = assertionFacts(await decryptResponse(done.responseXml, h.sp));
    assert.equal(facts.nameId, 'IT/DE/RSSGLI88D52E506C');
    assert.deepEqual(facts.attributes.get(natural('PersonIdentifier')), ['IT/DE/RSSGLI88D52E506C']);
    assert.deepEqual(facts.attributes.get(natural('CurrentGivenName')), ['Giulia']);
    assert.deepEqual(facts.attributes.get(natural('CurrentFamilyName')), ['Rossi']);
    assert.deepEqual(facts.attributes.get(natural('DateOfBirth')), ['1988-04-12']);
    assert.deepEqual(facts.attributes.get(natural('PlaceOfBirth')), ['Lecce']);
    assert.deepEqual(facts.attributes.get(natural('Gender')), ['Female']);
    const address = Buffer.from(facts.attributes.get(natural('CurrentAddress'))![0]!, 'base64').toString('utf8');
    assert.match(address, /<eidas-natural:PostName>Lecce<\/eidas-natural:PostName>/);
    assert.match(address, /<eidas-natural:PostCode>73100<\/eidas-natural:PostCode>/);
    assert.equal(facts.attributes.has(natural('EmailAddress')), false, 'not requested, not sent');
    assert.equal(facts.loa, 'http://eidas.europa.eu/LoA/high', 'the LoA the citizen chose');
  });

  it('echoes RelayState unchanged, also with characters that need encoding', async () => {
    const relayState = 'state=ä&b c/+%?';
    const done = await finishLogin(h, 'DE', await startLogin(h, 'DE', { relayState }), { citizen: 'de-jonas-weber' });
    assert.equal(done.relayState, relayState);
  });

  it('accepts the HTTP-POST binding with an ECDSA-signed request', async () => {
    const login = await startLogin(h, 'ES', { binding: 'post', alg: uris.ecdsa, relayState: 'post-state' });
    assert.equal(login.status, 200, login.html);
    const done = await finishLogin(h, 'ES', login, { citizen: 'es-javier-ruiz' });
    assert.equal(done.relayState, 'post-state');
    const facts = assertionFacts(await decryptResponse(done.responseXml, h.sp));
    assert.deepEqual(facts.attributes.get(natural('PersonIdentifier')), ['ES/DE/71429083F']);
  });

  it('shows the requested minimum LoA preselected and lower levels marked', async () => {
    const login = await startLogin(h, 'IT', { request: { loa: 'high' } });
    assert.match(login.html, /<input type="radio" id="loa-high" name="loa" value="high" checked>/);
    assert.match(login.html, /<label for="loa-low">Basso \(inferiore al minimo richiesto\)<\/label>/);
    assert.match(login.html, /<html lang="it">/);
    assert.doesNotMatch(login.html, /<script|style=/, 'no inline script or style on the login page');
    for (const name of ['Giulia Rossi', 'Marco Bianchi', 'Sofia Bianchi']) assert.ok(login.html.includes(name), name);
  });

  it('sends Serbian names in Latin script with the Cyrillic form as a LatinScript="false" second value', async () => {
    const done = await finishLogin(h, 'RS', await startLogin(h, 'RS', { alg: uris.rsaSha256 }), { citizen: 'rs-nikola-jovanovic', loa: 'low' });
    const assertionXml = await decryptResponse(done.responseXml, h.sp);
    assert.deepEqual(assertionFacts(assertionXml).attributes.get(natural('CurrentFamilyName')), ['Jovanović', 'Јовановић']);
    assert.match(assertionXml, /eidas-natural:LatinScript="false" xsi:type="eidas-natural:CurrentFamilyNameType">Јовановић/);
  });

  it('sends a transient NameID when the request asks for one, never the identifier', async () => {
    const done = await finishLogin(h, 'DE', await startLogin(h, 'DE', { request: { nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' } }), { citizen: 'de-jonas-weber' });
    const facts = assertionFacts(await decryptResponse(done.responseXml, h.sp));
    assert.doesNotMatch(facts.nameId, /DE\/DE\//);
    assert.deepEqual(facts.attributes.get(natural('PersonIdentifier')), ['DE/DE/7b1e4c90a2d35f68']);
  });
});
