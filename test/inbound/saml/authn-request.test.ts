import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  algorithms, parseXmlSecurely, strictEidasPolicy, verifyEnvelopedSignature, verifyRedirectBinding,
} from '../../../src/inbound/saml/crypto/index.js';
import { SamlHarness, frozenNow } from './support/harness.js';
import { DS, SAML, SAMLP, child } from './support/xml-mutate.js';

const EIDAS = 'http://eidas.europa.eu/saml-extensions';

/** Issue 3 point 2: the eIDAS AuthnRequest, its signature, binding, pending-request row and cookie. */
describe('eIDAS AuthnRequest', () => {
  const h = new SamlHarness();
  before(async () => {
    await h.start({ metadata: { ES: { bindings: ['redirect'] } } });
  });
  after(async () => { await h.stop(); });
  const ourSigningCert = () => h.ctx.keystore.active('saml-signing', 'RSA').certificatePem!;

  it('carries the eIDAS profile: ID, IssueInstant, Destination, ForceAuthn, IsPassive, Issuer, NameIDPolicy, minimum LoA, SPType, RequestedAttributes', async () => {
    const login = await h.login('IT', { loa: 'high', attr: 'currentAddress!,gender', requester: 'bremerhaven-kita' });
    const request = parseXmlSecurely(login.authnRequestXml).documentElement!;
    assert.equal(request.localName, 'AuthnRequest');
    assert.match(request.getAttribute('ID')!, /^_[0-9a-f]{64}$/);
    assert.equal(request.getAttribute('Version'), '2.0');
    assert.equal(request.getAttribute('IssueInstant'), new Date(frozenNow).toISOString());
    assert.equal(request.getAttribute('Destination'), h.idps.IT.ssoUrl);
    assert.equal(request.getAttribute('ForceAuthn'), 'true');
    assert.equal(request.getAttribute('IsPassive'), 'false');
    assert.equal(request.getAttribute('ProviderName'), 'Passerelle');
    const issuer = child(request, SAML, 'Issuer');
    assert.equal(issuer.textContent, 'http://127.0.0.1:3000/saml/metadata');
    assert.equal(issuer.getAttribute('Format'), 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity');
    const policy = child(request, SAMLP, 'NameIDPolicy');
    assert.equal(policy.getAttribute('Format'), 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    assert.equal(policy.getAttribute('AllowCreate'), 'true');
    const context = child(request, SAMLP, 'RequestedAuthnContext');
    assert.equal(context.getAttribute('Comparison'), 'minimum');
    assert.equal(child(context, SAML, 'AuthnContextClassRef').textContent, 'http://eidas.europa.eu/LoA/high');
    const extensions = child(request, SAMLP, 'Extensions');
    assert.equal(child(extensions, EIDAS, 'SPType').textContent, 'public');
    const requested = Array.from(child(extensions, EIDAS, 'RequestedAttributes').getElementsByTagNameNS(EIDAS, 'RequestedAttribute'))
      .map((a) => [a.getAttribute('Name')!.split('/').pop(), a.getAttribute('isRequired'), a.getAttribute('NameFormat')]);
    assert.deepEqual(requested, [
      ['PersonIdentifier', 'true'], ['CurrentFamilyName', 'true'], ['CurrentGivenName', 'true'], ['DateOfBirth', 'true'],
      ['CurrentAddress', 'true'], ['Gender', 'false'],
    ].map(([n, r]) => [n, r, 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri']));
    assert.equal(child(child(request, SAMLP, 'Scoping'), SAMLP, 'RequesterID').textContent, 'bremerhaven-kita');
    const order = Array.from(request.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName);
    assert.deepEqual(order, ['Issuer', 'Signature', 'Extensions', 'NameIDPolicy', 'RequestedAuthnContext', 'Scoping']);
  });

  it('is signed (HTTP-POST: enveloped RSA-PSS) and verifies with the certificate in our metadata under the strict eIDAS policy', async () => {
    const login = await h.login('IT');
    assert.equal(login.binding, 'post');
    const request = parseXmlSecurely(login.authnRequestXml).documentElement!;
    const verified = verifyEnvelopedSignature(request, [ourSigningCert()], strictEidasPolicy);
    assert.equal(verified.signatureAlgorithm, algorithms.rsaPssSha256);
    assert.ok(child(request, DS, 'Signature'));
  });

  it('posts to the SSO URL with a CSP that allows only that form target', async () => {
    const response = await fetch(`${h.url}/test/login?country=IT`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /form-action https:\/\/idp\.it\.test(;|$)/);
    assert.match(await response.text(), /<form method="post" action="https:\/\/idp\.it\.test\/sso"/);
  });

  it('uses HTTP-Redirect (deflate + query signature) when the IdP metadata offers only that binding', async () => {
    const response = await fetch(`${h.url}/test/login?country=ES`, { redirect: 'manual' });
    assert.equal(response.status, 303);
    const location = response.headers.get('location')!;
    assert.ok(location.startsWith(`${h.idps.ES.ssoUrl}?SAMLRequest=`));
    const verified = verifyRedirectBinding(location.slice(location.indexOf('?') + 1), [ourSigningCert()], strictEidasPolicy);
    assert.equal(verified.message, 'SAMLRequest');
    assert.equal(verified.sigAlg, algorithms.rsaPssSha256);
    const login = await h.login('ES');
    assert.equal(login.binding, 'redirect');
    assert.doesNotMatch(login.authnRequestXml, /Signature/, 'no enveloped signature in the redirect binding');
  });

  it('remembers the request in the database, bound to a hash of an HttpOnly cookie, with the TTL and requested LoA', async () => {
    const login = await h.login('ES', { flow: 'flow-row', loa: 'substantial' });
    const row = await h.database.db.knex('saml_requests').where({ id: login.requestId }).first();
    const cookieValue = login.cookie.split('=')[1]!;
    assert.equal(row.country, 'ES');
    assert.equal(row.flow_id, 'flow-row');
    assert.equal(row.requested_loa, 'substantial');
    assert.equal(row.browser_binding, createHash('sha256').update(cookieValue).digest('hex'));
    assert.notEqual(row.browser_binding, cookieValue);
    assert.equal(row.relay_state, login.relayState);
    assert.equal(Number(row.created_at), frozenNow);
    assert.equal(Number(row.expires_at), frozenNow + h.ctx.config.saml.requestTtlSeconds * 1000);
    assert.equal(row.consumed_at, null);
  });

  it('sets the binding cookie HttpOnly, SameSite=Lax, Path=/ (read where logins start, so a second tab reuses it) on a plain-http loopback deployment', async () => {
    const response = await fetch(`${h.url}/test/login?country=IT`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('passerelle_saml='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/;/);
    assert.doesNotMatch(cookie, /Secure/);
    const again = await fetch(`${h.url}/test/login?country=IT`, { headers: { cookie: cookie.split(';')[0]! } });
    const second = again.headers.getSetCookie().find((c) => c.startsWith('passerelle_saml='))!;
    assert.equal(second.split(';')[0], cookie.split(';')[0], 'a second login in the same browser keeps the binding');
  });

  it('shows a 503 page (metadata_unavailable) for a country whose IdP metadata cannot be loaded, and writes nothing', async () => {
    const down = new SamlHarness();
    await down.start({ countries: (file) => [{ code: 'IT', names: { en: 'Italy' }, languages: ['it'], idp: { metadataUrl: 'http://127.0.0.1:1/it/metadata', allowInsecureMetadataUrl: true } }, { code: 'ES', names: { en: 'Spain' }, languages: ['es'], idp: { metadataFile: file('ES') } }] });
    try {
      const response = await fetch(`${down.url}/test/login?country=IT`, { headers: { accept: 'text/html' } });
      assert.equal(response.status, 503);
      assert.match(await response.text(), /metadata_unavailable/);
      assert.deepEqual(await down.counts(), { consumed: 0, seen: 0, requests: 0 });
      const unknown = await fetch(`${down.url}/test/login?country=FR`, { headers: { accept: 'text/html' } });
      assert.equal(unknown.status, 400);
      assert.match(await unknown.text(), /country_unknown/);
    } finally {
      await down.stop();
    }
  });

  it('sets the binding cookie __Host-, SameSite=None; Secure when the public URL is https (the IdP POST is cross-site)', async () => {
    const secure = new SamlHarness();
    await secure.start({ publicUrl: 'https://passerelle.example' });
    try {
      const response = await fetch(`${secure.url}/test/login?country=IT`);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-passerelle_saml='))!;
      assert.ok(cookie, response.headers.getSetCookie().join('\n'));
      assert.match(cookie, /SameSite=None/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /HttpOnly/);
    } finally {
      await secure.stop();
    }
  });
});
