import assert from 'node:assert/strict';
import { SAML, ValidateInResponseTo, type Profile, type SamlConfig } from '@node-saml/node-saml';
import type { AuthenticatedCitizen } from '../../../src/core/citizen.js';
import { algorithms } from '../../../src/inbound/saml/crypto/index.js';
import { buildResponse, minimumDataSet, type BuildOptions, type ResponseFields } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { forgeSignature, rsaSigner } from './support/forge-signature.js';
import { SamlHarness, sp, type StartedLogin } from './support/harness.js';
import { assertionLevelAttacks, flipSignatureValue, responseLevelAttacks, severalRoots, stripResponseSignature, victimOf } from './support/signature-attacks.js';
import { testKey, type TestIdp } from './support/test-idp.js';
import { DS, child, mutate } from './support/xml-mutate.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
type Country = 'RS' | 'IT';
type Expected = { status: number; code: string | string[] };
type Verdict = { accepted: true; profile: Profile } | { accepted: false; reason: string };
/** The part of node-saml's parsed Assertion (xml2js shape) that we compare. */
type AssertionAsXml2js = {
  $: { ID: string };
  AuthnStatement: Array<{ $: { AuthnInstant: string }; AuthnContext: Array<{ AuthnContextClassRef: Array<{ _: string }> }> }>;
};

/** The signature algorithms both implementations can verify, each from a country whose policy allows it. */
const signingProfiles = [
  { country: 'RS', signatureAlgorithm: algorithms.rsaSha256, label: 'rsa-sha256 (RSA PKCS#1 v1.5, RS under the national profile)' },
  { country: 'IT', signatureAlgorithm: algorithms.rsaPssSha256, label: 'sha256-rsa-MGF1 (RSASSA-PSS, IT under the strict eIDAS profile)' },
] as const;

/** node-saml requiring both signatures, and with our signing policy (S-19: the Response signature is optional, the Assertion's is not). */
const bothSigned: Partial<SamlConfig> = { wantAuthnResponseSigned: true };
const assertionSigned: Partial<SamlConfig> = { wantAuthnResponseSigned: false };
const nodeSamlConfigs: Array<[name: string, options: Partial<SamlConfig>]> = [
  ['node-saml requiring both signatures', bothSigned],
  ['node-saml requiring the Assertion signature only', assertionSigned],
];

/** A refusal for a reason other than the attack proves nothing: node-saml must not refuse on time, audience or request binding. */
const unrelatedReason = /expired|not yet valid|audience|InResponseTo|No decryption key/i;
const attackRefusal: Expected = { status: 403, code: ['saml_signature_invalid', 'saml_response_rejected'] };

/**
 * @node-saml/node-saml 5.1.0 (xml-crypto 6.3.2, xml-encryption 3.1.0) as an independent reference:
 * the same bytes go to our ACS and to node-saml's validatePostResponseAsync. Where node-saml can
 * judge, the verdicts must agree; where it accepts what we refuse on purpose, the difference is
 * asserted as such; where it cannot verify or decrypt at all, that is asserted too.
 * node-saml reads the wall clock, so our frozen clock is set to Date.now() before every login.
 */
describe('node-saml 5.1.0 as an independent second opinion on our ACS verdicts', () => {
  const h = new SamlHarness();
  let decryptionPvk: string;
  before(async () => {
    await h.start({ now: Date.now() });
    decryptionPvk = h.ctx.keystore.active('saml-encryption', 'RSA').privateKey!.export({ type: 'pkcs8', format: 'pem' }).toString();
  });
  after(async () => { await h.stop(); });

  const ourRsaCertificate = () => h.ctx.keystore.active('saml-encryption', 'RSA').certificatePem!;
  const gcmMgf1p = (): BuildOptions => ({
    encryptFor: ourRsaCertificate(),
    encryption: { dataAlgorithm: algorithms.aes256Gcm, keyTransport: algorithms.rsaOaepMgf1p, oaepDigest: algorithms.sha1 },
  });

  async function start(country: Country): Promise<{ login: StartedLogin; fields: ResponseFields; idp: TestIdp }> {
    h.clock.set(Date.now());
    const login = await h.login(country);
    return { login, fields: { ...login.fields, attributes: minimumDataSet(country) }, idp: h.idps[country] };
  }

  /** node-saml as our SP: our ACS, entityID and RSA decryption key, the IdP's certificate and entityID, our clock skew. */
  function nodeSamlFor(idp: TestIdp, options: Partial<SamlConfig> = {}): SAML {
    return new SAML({
      callbackUrl: sp.acsUrl, issuer: sp.entityId, audience: sp.entityId, idpCert: idp.certificatePem, idpIssuer: idp.entityId,
      wantAssertionsSigned: true, wantAuthnResponseSigned: true, validateInResponseTo: ValidateInResponseTo.never,
      acceptedClockSkewMs: h.ctx.config.saml.clockSkewSeconds * 1000, decryptionPvk, ...options,
    });
  }

  async function nodeSaml(xml: string, idp: TestIdp, options: Partial<SamlConfig> = {}, saml = nodeSamlFor(idp, options)): Promise<Verdict> {
    try {
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
      return profile ? { accepted: true, profile } : { accepted: false, reason: 'no profile' };
    } catch (error) {
      return { accepted: false, reason: (error as Error).message };
    }
  }

  async function nodeSamlAccepts(xml: string, idp: TestIdp, options: Partial<SamlConfig> = {}): Promise<Profile> {
    const verdict = await nodeSaml(xml, idp, options);
    assert.ok(verdict.accepted, `node-saml refused: ${verdict.accepted ? '' : verdict.reason}`);
    return verdict.profile;
  }

  async function nodeSamlRefuses(xml: string, idp: TestIdp, options: Partial<SamlConfig> = {}): Promise<string> {
    const verdict = await nodeSaml(xml, idp, options);
    assert.ok(!verdict.accepted, `node-saml accepted, identifier ${verdict.accepted ? String((verdict.profile.attributes as Record<string, unknown>)[natural + 'PersonIdentifier']) : ''}`);
    return verdict.reason;
  }

  async function weAccept(xml: string, login: StartedLogin): Promise<AuthenticatedCitizen> {
    const before = h.handOff.succeeded.length;
    const response = await h.post(xml, login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
    assert.equal(h.handOff.succeeded.length, before + 1, 'one login handed over');
    return h.handOff.succeeded.at(-1)!.citizen;
  }

  /** Both node-saml configurations refuse for a signature or structure reason, and so do we, storing nothing. */
  async function bothRefuse(xml: string, login: StartedLogin, idp: TestIdp, ours: Expected = attackRefusal): Promise<void> {
    for (const [name, options] of nodeSamlConfigs) {
      const reason = await nodeSamlRefuses(xml, idp, options);
      assert.doesNotMatch(reason, unrelatedReason, `${name} refused for an unrelated reason`);
    }
    await expectRejected(h, xml, login, ours);
  }

  /** node-saml's view of the identity must be ours: same assertion, issuer, LoA, instant and attributes. */
  function assertSameIdentity(profile: Profile, citizen: AuthenticatedCitizen, country: Country): void {
    const attributes = profile.attributes as Record<string, unknown>;
    assert.equal(citizen.personIdentifier, `${country}/DE/ABC123456`);
    assert.equal(attributes[natural + 'PersonIdentifier'], citizen.personIdentifier);
    assert.equal(attributes[natural + 'CurrentFamilyName'], citizen.familyName);
    assert.equal(attributes[natural + 'CurrentGivenName'], citizen.givenName);
    assert.equal(attributes[natural + 'DateOfBirth'], citizen.dateOfBirth);
    assert.equal(profile.issuer, citizen.source.issuer);
    assert.equal(profile.nameID, 'opaque-name-id');
    const { Assertion: assertion } = profile.getAssertion!() as { Assertion: AssertionAsXml2js };
    assert.equal(assertion.$.ID, citizen.assertionId);
    assert.equal(Date.parse(assertion.AuthnStatement[0]!.$.AuthnInstant), citizen.authenticatedAt);
    assert.equal(assertion.AuthnStatement[0]!.AuthnContext[0]!.AuthnContextClassRef[0]!._, `http://eidas.europa.eu/LoA/${citizen.loa}`);
  }

  for (const { country, signatureAlgorithm, label } of signingProfiles) {
    const signed = (idp: TestIdp, fields: ResponseFields, options: BuildOptions = {}) => buildResponse(idp, fields, { signatureAlgorithm, ...options });

    describe(`${label}: valid responses`, () => {
      it('a Response and Assertion both signed are accepted by both, with the same assertion, issuer, LoA and attributes', async () => {
        const { login, fields, idp } = await start(country);
        const xml = signed(idp, fields);
        await nodeSamlAccepts(xml, idp, assertionSigned);
        assertSameIdentity(await nodeSamlAccepts(xml, idp, bothSigned), await weAccept(xml, login), country);
      });

      it('the same Assertion encrypted with AES-256-GCM and rsa-oaep-mgf1p to our RSA certificate is accepted by both, with the same identity', async () => {
        const { login, fields, idp } = await start(country);
        const xml = signed(idp, fields, gcmMgf1p());
        assert.match(xml, /EncryptedAssertion/);
        assertSameIdentity(await nodeSamlAccepts(xml, idp), await weAccept(xml, login), country);
      });
    });

    describe(`${label}: every signature-wrapping and tampering variant is refused by both`, () => {
      for (const [name, edit] of responseLevelAttacks(country)) {
        it(`refuses ${name}`, async () => {
          const { login, fields, idp } = await start(country);
          await bothRefuse(edit(signed(idp, fields)), login, idp);
        });
      }
      it('refuses several root elements: the signed Response followed by a forged copy', async () => {
        const { login, fields, idp } = await start(country);
        await bothRefuse(severalRoots(country)(signed(idp, fields)), login, idp, { status: 400, code: 'saml_response_malformed' });
      });
      for (const [name, edit] of assertionLevelAttacks(country)) {
        it(`refuses ${name}`, async () => {
          const { login, fields, idp } = await start(country);
          await bothRefuse(edit(signed(idp, fields)), login, idp);
        });
        it(`refuses ${name}, with the Response signature stripped`, async () => {
          const { login, fields, idp } = await start(country);
          await bothRefuse(stripResponseSignature(edit(signed(idp, fields))), login, idp);
        });
      }

      it('refuses a Response stripped of every signature', async () => {
        const { login, fields, idp } = await start(country);
        await bothRefuse(signed(idp, fields, { assertionSigner: false, responseSigner: false }), login, idp);
      });

      it('refuses an unsigned Assertion inside a signed Response', async () => {
        const { login, fields, idp } = await start(country);
        await bothRefuse(signed(idp, fields, { assertionSigner: false }), login, idp);
      });

      it('refuses content re-signed by an attacker key carried in KeyInfo (X509Data, then RSAKeyValue)', async () => {
        const attacker = await testKey('attacker');
        for (const keyValue of [false, true]) {
          const { login, fields, idp } = await start(country);
          const victim = { ...fields, attributes: minimumDataSet(country, victimOf(country)) };
          let xml = signed(idp, victim, { assertionSigner: attacker, responseSigner: attacker });
          if (keyValue) {
            const jwk = attacker.signingKey.export({ format: 'jwk' });
            const b64 = (v: string | undefined) => Buffer.from(v ?? '', 'base64url').toString('base64');
            xml = xml.replace(/<ds:KeyInfo>[\s\S]*?<\/ds:KeyInfo>/g, `<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${b64(jwk.n)}</ds:Modulus><ds:Exponent>${b64(jwk.e)}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>`);
          }
          await bothRefuse(xml, login, idp);
        }
      });

      it('refuses a Response and Assertion signed by another IdP that we trust for another country', async () => {
        const { login, fields, idp } = await start(country);
        const other = h.idps[country === 'RS' ? 'IT' : 'RS'];
        await bothRefuse(signed(idp, fields, { assertionSigner: other, responseSigner: other }), login, idp);
      });

      it('refuses an unsigned Assertion an attacker encrypted to our certificate (encryption is not authentication)', async () => {
        const { login, fields, idp } = await start(country);
        await bothRefuse(signed(idp, fields, { ...gcmMgf1p(), assertionSigner: false, responseSigner: false }), login, idp);
      });
    });
  }

  describe('documented differences: what node-saml 5.1.0 accepts and we refuse on purpose (rsa-sha256, RS)', () => {
    /** A Response validly signed by the trusted key that differs from a valid one in one respect. */
    async function nodeSamlAcceptsWeRefuse(change: (f: ResponseFields) => Partial<ResponseFields>, ours: Expected): Promise<Profile> {
      const { login, fields, idp } = await start('RS');
      const xml = rsaSha256(idp, { ...fields, ...change(fields) });
      const profile = await nodeSamlAccepts(xml, idp, bothSigned);
      await expectRejected(h, xml, login, ours);
      return profile;
    }
    const rsaSha256 = (idp: TestIdp, fields: ResponseFields, options: BuildOptions = {}) => buildResponse(idp, fields, { signatureAlgorithm: algorithms.rsaSha256, ...options });
    const rejected: Expected = { status: 403, code: 'saml_response_rejected' };
    const now = () => h.clock.now();
    const skew = () => h.ctx.config.saml.clockSkewSeconds * 1000;

    it('node-saml does not check Destination: it accepts another ACS URL and none; we refuse', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ destination: 'https://evil.example/acs' }), { status: 403, code: 'saml_destination_mismatch' });
      await nodeSamlAcceptsWeRefuse(() => ({ destination: null }), { status: 403, code: 'saml_destination_mismatch' });
    });

    it('node-saml does not check SubjectConfirmationData Recipient: it accepts another ACS URL and none; we refuse', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ recipient: 'https://evil.example/acs' }), { status: 403, code: 'saml_destination_mismatch' });
      await nodeSamlAcceptsWeRefuse(() => ({ recipient: null }), { status: 403, code: 'saml_destination_mismatch' });
    });

    it('node-saml does not check the Issuer of a login Response (idpIssuer is for logout only): it accepts another IdP\'s entityID; we refuse', async () => {
      const other = h.idps.IT.entityId;
      await nodeSamlAcceptsWeRefuse(() => ({ issuer: other }), { status: 403, code: 'saml_issuer_mismatch' });
      const profile = await nodeSamlAcceptsWeRefuse(() => ({ assertionIssuer: other }), { status: 403, code: 'saml_issuer_mismatch' });
      assert.equal(profile.issuer, other, 'node-saml reports the foreign issuer without objecting');
    });

    it('node-saml does not check the SubjectConfirmation Method: it accepts holder-of-key; we refuse', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ method: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' }), rejected);
    });

    it('NotOnOrAfter: node-saml accepts Conditions without any time bound and refuses a missing NotOnOrAfter only as a date-parsing error; we require it', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ notOnOrAfter: null, notBefore: null }), rejected);
      for (const change of [{ notOnOrAfter: null }, { scdNotOnOrAfter: null }]) {
        const { login, fields, idp } = await start('RS');
        const xml = rsaSha256(idp, { ...fields, ...change });
        assert.match(await nodeSamlRefuses(xml, idp, bothSigned), /Error parsing NotOnOrAfter/);
        await expectRejected(h, xml, login, rejected);
      }
    });

    it('node-saml with validateInResponseTo "never" skips SubjectConfirmationData times: it accepts one that has expired; we refuse', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ scdNotOnOrAfter: now() - skew() - 1000 }), { status: 403, code: 'saml_expired' });
    });

    it('node-saml does not check IssueInstant: it accepts an Assertion issued in the future and a Response issued before our request; we refuse', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ assertionIssueInstant: now() + skew() + 5000 }), { status: 403, code: 'saml_expired' });
      await nodeSamlAcceptsWeRefuse(() => ({ issueInstant: now() - skew() - 60_000 }), { status: 403, code: 'saml_expired' });
    });

    it('node-saml with validateInResponseTo "never" accepts a Response to a request nobody sent; we refuse', async () => {
      await nodeSamlAcceptsWeRefuse(() => ({ inResponseTo: '_never-sent', scdInResponseTo: '_never-sent' }), { status: 403, code: 'saml_request_unknown' });
    });

    it('node-saml keeps no replay cache: it accepts the same Response twice; we accept it once', async () => {
      const { login, fields, idp } = await start('RS');
      const xml = rsaSha256(idp, fields);
      const saml = nodeSamlFor(idp, bothSigned);
      for (const attempt of ['first', 'second']) assert.ok((await nodeSaml(xml, idp, bothSigned, saml)).accepted, `${attempt} post`);
      await weAccept(xml, login);
      await expectRejected(h, xml, login, { status: 403, code: 'saml_request_unknown' });
    });

    it('node-saml (xml-crypto 6.3.2) accepts rsa-sha1 signatures with SHA-1 digests from the trusted key; we refuse', async () => {
      const { login, fields, idp } = await start('RS');
      const sha1 = (xml: string, referenceId: string) => forgeSignature(xml, {
        referenceId, signatureUri: algorithms.rsaSha1, digestUri: algorithms.sha1, digestHash: 'sha1', sign: rsaSigner(idp.signingKey, 'sha1'),
      });
      const unsigned = buildResponse(idp, fields, { assertionSigner: false, responseSigner: false });
      // The Assertion is signed as its own document (as an IdP does), then the Response around it.
      const [from, to] = [unsigned.indexOf('<saml2:Assertion'), unsigned.indexOf('</saml2:Assertion>') + '</saml2:Assertion>'.length];
      const xml = sha1(unsigned.slice(0, from) + sha1(unsigned.slice(from, to), fields.assertionId) + unsigned.slice(to), fields.responseId);
      await nodeSamlAccepts(xml, idp, bothSigned);
      await expectRejected(h, xml, login, { status: 403, code: 'saml_algorithm_refused' });
    });

    it('node-saml keeps the last of two PersonIdentifier attributes (the victim\'s); we refuse duplicates', async () => {
      const profile = await nodeSamlAcceptsWeRefuse((f) => ({ attributes: [...f.attributes, { name: natural + 'PersonIdentifier', values: [victimOf('RS')] }] }), rejected);
      assert.equal((profile.attributes as Record<string, unknown>)[natural + 'PersonIdentifier'], victimOf('RS'));
    });

    it('a comment inside a signed PersonIdentifier: node-saml reads the full identifier from the canonical bytes; we refuse it', async () => {
      const { login, fields, idp } = await start('RS');
      const full = `${victimOf('RS')}.attacker`;
      const xml = rsaSha256(idp, { ...fields, attributes: minimumDataSet('RS', full) }, {
        responseSigner: false, editSignedAssertion: (assertion) => assertion.replace(full, `${victimOf('RS')}<!---->.attacker`),
      });
      const profile = await nodeSamlAccepts(xml, idp, assertionSigned);
      assert.equal((profile.attributes as Record<string, unknown>)[natural + 'PersonIdentifier'], full, 'never the truncated identifier');
      await expectRejected(h, xml, login, rejected);
    });

    it('a Response signature that does not verify next to a valid Assertion signature: node-saml without wantAuthnResponseSigned ignores it; we refuse', async () => {
      const { login, fields, idp } = await start('RS');
      const xml = mutate(rsaSha256(idp, fields), (_doc, response) => flipSignatureValue(child(response, DS, 'Signature')));
      assert.match(await nodeSamlRefuses(xml, idp, bothSigned), /Invalid document signature/);
      await nodeSamlAccepts(xml, idp, assertionSigned);
      await expectRejected(h, xml, login, { status: 403, code: 'saml_signature_invalid' });
    });

    it('an unsigned Response carrying a signed Assertion: we accept it (eIDAS, S-19); node-saml accepts it only without wantAuthnResponseSigned', async () => {
      const { login, fields, idp } = await start('RS');
      const xml = rsaSha256(idp, fields, { responseSigner: false });
      assert.match(await nodeSamlRefuses(xml, idp, bothSigned), /Invalid document signature/);
      assertSameIdentity(await nodeSamlAccepts(xml, idp, assertionSigned), await weAccept(xml, login), 'RS');
    });
  });

  describe('outside the comparison: what node-saml 5.1.0 cannot verify or decrypt, and we accept', () => {
    const cases: Array<[name: string, country: 'IT' | 'ES', options: () => BuildOptions]> = [
      ['RSASSA-PSS SHA-384 (xml-crypto registers only sha256-rsa-MGF1)', 'IT', () => ({ signatureAlgorithm: algorithms.rsaPssSha384, digestAlgorithm: algorithms.sha384 })],
      ['RSASSA-PSS SHA-512', 'IT', () => ({ signatureAlgorithm: algorithms.rsaPssSha512, digestAlgorithm: algorithms.sha512 })],
      ['ECDSA P-256 ecdsa-sha256 (xml-crypto has no ECDSA)', 'ES', () => ({ signatureAlgorithm: algorithms.ecdsaSha256 })],
      ['xmlenc11#rsa-oaep with MGF1-SHA256 key transport (xml-encryption knows only rsa-oaep-mgf1p and rsa-1_5)', 'IT', () => ({ encryptFor: ourRsaCertificate() })],
      ['ECDH-ES + ConcatKDF + kw-aes256 key agreement to our EC certificate', 'IT', () => ({ encryptFor: h.ctx.keystore.active('saml-encryption', 'EC').certificatePem! })],
    ];
    for (const [name, country, options] of cases) {
      it(`${name}: node-saml refuses, we accept`, async () => {
        h.clock.set(Date.now());
        const login = await h.login(country);
        const idp = h.idps[country];
        const xml = buildResponse(idp, { ...login.fields, attributes: minimumDataSet(country) }, options());
        await nodeSamlRefuses(xml, idp);
        await weAccept(xml, login);
      });
    }
  });
});

