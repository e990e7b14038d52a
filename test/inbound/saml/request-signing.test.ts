import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import {
  algorithms, nationalPolicy, parseXmlSecurely, strictEidasPolicy, verifyEnvelopedSignature, verifyRedirectBinding,
} from '../../../src/inbound/saml/crypto/index.js';
import { SamlHarness, type HarnessOptions } from './support/harness.js';
import { DS, SAMLP, child } from './support/xml-mutate.js';

const names = { en: 'Test' };
const national = (extra: Record<string, boolean> = {}) => ({ profile: 'national' as const, allowRsaPkcs1v15Signatures: true, ...extra });

/** Issue 10 item 3: the AuthnRequest signature follows the country's policy and the IdP's metadata. */
describe('AuthnRequest signing per country and IdP metadata', () => {
  async function harness(metadata: HarnessOptions['metadata'], countries: HarnessOptions['countries']) {
    return new SamlHarness().start({ metadata, countries });
  }
  const cert = (h: SamlHarness, type: 'RSA' | 'EC') => h.ctx.keystore.active('saml-signing', type).certificatePem!;
  const signatureMethodOf = (xml: string) => {
    const signature = child(parseXmlSecurely(xml).documentElement!, DS, 'Signature');
    const signedInfo = child(signature, DS, 'SignedInfo');
    const reference = child(signedInfo, DS, 'Reference');
    return { signature: child(signedInfo, DS, 'SignatureMethod').getAttribute('Algorithm'), digest: child(reference, DS, 'DigestMethod').getAttribute('Algorithm') };
  };

  describe('an eIDAS country', () => {
    let h: SamlHarness;
    before(async () => {
      h = await harness({
        IT: { signingMethods: [algorithms.ecdsaSha512, algorithms.ecdsaSha256], digestMethods: [algorithms.sha512] },
        ES: { signingMethods: [algorithms.rsaSha256] },
        RS: { signingMethods: [algorithms.rsaSha256, algorithms.rsaPssSha384], wantAuthnRequestsSigned: false },
      }, (file) => [
        { code: 'IT', names, languages: ['it'], idp: { metadataFile: file('IT') } },
        { code: 'ES', names, languages: ['es'], idp: { metadataFile: file('ES') } },
        { code: 'RS', names, languages: ['en'], idp: { metadataFile: file('RS') } },
      ]);
    });
    after(async () => { await h.stop(); });

    it('signs with the ECDSA method and digest the IdP lists (our EC key), verifiable under the strict eIDAS policy', async () => {
      const login = await h.login('IT');
      assert.deepEqual(signatureMethodOf(login.authnRequestXml), { signature: algorithms.ecdsaSha256, digest: algorithms.sha512 });
      const verified = verifyEnvelopedSignature(parseXmlSecurely(login.authnRequestXml).documentElement!, [cert(h, 'EC')], strictEidasPolicy);
      assert.equal(verified.signatureAlgorithm, algorithms.ecdsaSha256);
    });

    it('never signs with RSA PKCS#1 v1.5 under the eIDAS profile, even for an IdP that lists only that: the login does not start, nothing is stored', async () => {
      const before = await h.counts();
      const response = await fetch(`${h.url}/test/login?country=ES`, { redirect: 'manual' });
      assert.equal(response.status, 502);
      assert.match(await response.text(), /metadata_invalid/);
      assert.deepEqual(await h.counts(), before);
    });

    it('signs even when the IdP says WantAuthnRequestsSigned="false", because the configuration does not allow unsigned requests', async () => {
      const login = await h.login('RS');
      assert.equal(signatureMethodOf(login.authnRequestXml).signature, algorithms.rsaPssSha384);
    });
  });

  describe('a national country', () => {
    let h: SamlHarness;
    before(async () => {
      h = await harness({
        IT: { signingMethods: [] },
        ES: { bindings: ['redirect'], wantAuthnRequestsSigned: false },
        RS: { wantAuthnRequestsSigned: null },
      }, (file) => [
        { code: 'IT', names, languages: ['it'], idp: { metadataFile: file('IT') }, algorithms: national() },
        { code: 'ES', names, languages: ['es'], idp: { metadataFile: file('ES') }, algorithms: national({ allowUnsignedAuthnRequests: true }) },
        { code: 'RS', names, languages: ['en'], idp: { metadataFile: file('RS') }, algorithms: national({ allowUnsignedAuthnRequests: true }) },
      ]);
    });
    after(async () => { await h.stop(); });

    it('signs with RSA-SHA256 (PKCS#1 v1.5) when the national profile allows it and the IdP names no methods', async () => {
      const login = await h.login('IT');
      assert.deepEqual(signatureMethodOf(login.authnRequestXml), { signature: algorithms.rsaSha256, digest: algorithms.sha256 });
      verifyEnvelopedSignature(parseXmlSecurely(login.authnRequestXml).documentElement!, [cert(h, 'RSA')], nationalPolicy({ allowRsaPkcs1v15Signatures: true }));
      assert.throws(() => verifyEnvelopedSignature(parseXmlSecurely(login.authnRequestXml).documentElement!, [cert(h, 'RSA')], strictEidasPolicy));
    });

    it('sends the request unsigned (no SigAlg, no Signature) only where configuration and metadata both say so', async () => {
      const response = await fetch(`${h.url}/test/login?country=ES`, { redirect: 'manual' });
      assert.equal(response.status, 303);
      const location = new URL(response.headers.get('location')!);
      assert.deepEqual([...location.searchParams.keys()].sort(), ['RelayState', 'SAMLRequest']);
      const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
      assert.equal(parseXmlSecurely(xml).documentElement!.getElementsByTagNameNS(DS, 'Signature').length, 0);
      assert.ok(child(parseXmlSecurely(xml).documentElement!, SAMLP, 'Extensions'));
    });

    it('signs when the metadata leaves WantAuthnRequestsSigned out, although the configuration would allow unsigned requests', async () => {
      const login = await h.login('RS');
      assert.equal(signatureMethodOf(login.authnRequestXml).signature, algorithms.rsaSha256);
    });

    it('signs the HTTP-Redirect query with the chosen method too', async () => {
      const signed = await new SamlHarness().start({
        metadata: { IT: { bindings: ['redirect'] } },
        countries: (file) => [{ code: 'IT', names, languages: ['it'], idp: { metadataFile: file('IT') }, algorithms: national() }],
      });
      try {
        const response = await fetch(`${signed.url}/test/login?country=IT`, { redirect: 'manual' });
        const location = response.headers.get('location')!;
        const verified = verifyRedirectBinding(location.slice(location.indexOf('?') + 1), [cert(signed, 'RSA')], nationalPolicy({ allowRsaPkcs1v15Signatures: true }));
        assert.equal(verified.sigAlg, algorithms.rsaSha256);
      } finally {
        await signed.stop();
      }
    });
  });

  it('refuses allowUnsignedAuthnRequests under the eIDAS profile at start', async () => {
    await assert.rejects(new SamlHarness().start({
      countries: (file) => [{ code: 'IT', names, languages: ['it'], idp: { metadataFile: file('IT') }, algorithms: { allowUnsignedAuthnRequests: true } }],
    }), /relaxations need profile "national"/);
  });
});
