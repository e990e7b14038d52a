import assert from 'node:assert/strict';
import { algorithms } from '../../../src/inbound/saml/crypto/index.js';
import { buildResponse, minimumDataSet, uriFormat } from './support/response-builder.js';
import { SamlHarness } from './support/harness.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';

describe('SAML ACS accepts valid eIDAS responses', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });
  const encryption = (type: 'RSA' | 'EC') => h.ctx.keystore.active('saml-encryption', type).certificatePem!;

  it('accepts a signed response with a signed assertion, hands the citizen over and writes exactly the two rows', async () => {
    const login = await h.login('IT', { flow: 'flow-valid' });
    const before = await h.counts();
    const response = await h.post(buildResponse(h.idps.IT, login.fields), login);
    assert.equal(response.status, 200, response.text.slice(0, 500));
    assert.deepEqual(JSON.parse(response.text), { outcome: 'success', flowId: 'flow-valid' });
    const citizen = h.handOff.succeeded.at(-1)!.citizen;
    assert.equal(citizen.personIdentifier, 'IT/DE/ABC123456');
    assert.equal(citizen.familyName, 'Rossi');
    assert.equal(citizen.givenName, 'Giulia');
    assert.equal(citizen.dateOfBirth, '1990-04-12');
    assert.equal(citizen.loa, 'substantial');
    assert.equal(citizen.country, 'IT');
    assert.deepEqual(citizen.source, { protocol: 'eidas-saml', issuer: h.idps.IT.entityId });
    assert.equal(citizen.assertionId, login.fields.assertionId);
    assert.equal(citizen.authenticatedAt, login.fields.authnInstant);
    const after = await h.counts();
    assert.equal(after.consumed, before.consumed + 1);
    assert.equal(after.seen, before.seen + 1);
    // The binding cookie stays (another tab may still be logging in); the request itself is consumed.
    assert.equal(response.headers.getSetCookie().find((c) => c.startsWith('passerelle_saml=')), undefined);
  });

  it('accepts an assertion encrypted with AES-256-GCM and xmlenc11#rsa-oaep (MGF1-SHA256) to our RSA certificate', async () => {
    const login = await h.login('IT');
    const response = await h.post(buildResponse(h.idps.IT, login.fields, { encryptFor: encryption('RSA') }), login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
  });

  it('accepts AES-128-GCM with rsa-oaep-mgf1p key transport and the EncryptedKey beside EncryptedData', async () => {
    const login = await h.login('IT');
    const xml = buildResponse(h.idps.IT, login.fields, {
      encryptFor: encryption('RSA'),
      encryption: { dataAlgorithm: algorithms.aes128Gcm, keyTransport: algorithms.rsaOaepMgf1p, oaepDigest: algorithms.sha1, encryptedKeyPlacement: 'sibling' },
    });
    assert.equal((await h.post(xml, login)).status, 200);
  });

  it('accepts an assertion encrypted by ECDH-ES + ConcatKDF + kw-aes256 to our EC certificate', async () => {
    const login = await h.login('IT');
    const response = await h.post(buildResponse(h.idps.IT, login.fields, { encryptFor: encryption('EC') }), login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
  });

  it('accepts ECDSA P-256 signatures (ecdsa-sha256 and ecdsa-sha512) from an EC IdP, encrypted', async () => {
    for (const signatureAlgorithm of [algorithms.ecdsaSha256, algorithms.ecdsaSha512]) {
      const login = await h.login('ES');
      const xml = buildResponse(h.idps.ES, { ...login.fields, attributes: minimumDataSet('ES') }, {
        signatureAlgorithm, digestAlgorithm: algorithms.sha512, encryptFor: encryption('RSA'),
      });
      const response = await h.post(xml, login);
      assert.equal(response.status, 200, response.text.slice(0, 300));
      assert.equal(h.handOff.succeeded.at(-1)!.citizen.country, 'ES');
    }
  });

  it('accepts RSA-PSS with SHA-384 and SHA-512 and digests SHA-384/512', async () => {
    for (const [signatureAlgorithm, digestAlgorithm] of [[algorithms.rsaPssSha384, algorithms.sha384], [algorithms.rsaPssSha512, algorithms.sha512]] as const) {
      const login = await h.login('IT');
      assert.equal((await h.post(buildResponse(h.idps.IT, login.fields, { signatureAlgorithm, digestAlgorithm }), login)).status, 200);
    }
  });

  it('accepts an unsigned Response carrying a signed Assertion (eIDAS requires the assertion signature; S-19 policy)', async () => {
    const login = await h.login('IT');
    assert.equal((await h.post(buildResponse(h.idps.IT, login.fields, { responseSigner: false }), login)).status, 200);
  });

  it('accepts RSA PKCS#1 v1.5 SHA-256 and AES-CBC from a country configured for the national profile', async () => {
    const login = await h.login('RS');
    const xml = buildResponse(h.idps.RS, { ...login.fields, attributes: minimumDataSet('RS') }, {
      signatureAlgorithm: algorithms.rsaSha256, encryptFor: encryption('RSA'), encryption: { dataAlgorithm: algorithms.aes256Cbc },
    });
    const response = await h.post(xml, login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
  });

  it('accepts timestamps just inside the configured clock skew (S-43 boundary)', async () => {
    const login = await h.login('IT');
    const now = h.clock.now();
    const skew = h.ctx.config.saml.clockSkewSeconds * 1000;
    const xml = buildResponse(h.idps.IT, {
      ...login.fields, notBefore: now + skew - 1000, notOnOrAfter: now - skew + 1000, scdNotOnOrAfter: now - skew + 1000,
      issueInstant: now + skew - 1000, assertionIssueInstant: now + skew - 1000,
    });
    assert.equal((await h.post(xml, login)).status, 200);
  });

  it('accepts several audiences in one restriction when ours is among them', async () => {
    const login = await h.login('IT');
    const xml = buildResponse(h.idps.IT, { ...login.fields, audiences: [['https://other.example/sp', login.fields.audiences[0]![0]!]] });
    assert.equal((await h.post(xml, login)).status, 200);
  });

  it('translates the optional attributes: CurrentAddress from base64 XML, Latin-script names, several nationalities', async () => {
    const login = await h.login('IT', { attr: 'currentAddress,birthName' });
    const address = Buffer.from('<eidas-natural:LocatorDesignator>28</eidas-natural:LocatorDesignator>'
      + '<eidas-natural:Thoroughfare>Via Roma</eidas-natural:Thoroughfare><eidas-natural:PostName>Lecce</eidas-natural:PostName>'
      + '<eidas-natural:PostCode>73100</eidas-natural:PostCode>').toString('base64');
    const attributes = [...minimumDataSet('IT'),
      { name: natural + 'CurrentAddress', values: [address] },
      { name: natural + 'BirthName', values: [], rawValues: ['<saml2:AttributeValue>Bianchi</saml2:AttributeValue>', '<saml2:AttributeValue xmlns:eidas-natural="http://eidas.europa.eu/attributes/naturalperson" eidas-natural:LatinScript="false">Бианки</saml2:AttributeValue>'] },
      { name: natural + 'Nationality', values: ['IT', 'DE'] },
      { name: natural + 'Gender', values: ['Female'] },
      { name: 'http://e-justice.europa.eu/attributes/naturalperson/eJusticeNaturalPersonRole', values: ['ignored'], nameFormat: uriFormat },
    ];
    const response = await h.post(buildResponse(h.idps.IT, { ...login.fields, attributes }), login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const citizen = h.handOff.succeeded.at(-1)!.citizen;
    assert.deepEqual(citizen.currentAddress, { locatorDesignator: '28', thoroughfare: 'Via Roma', postName: 'Lecce', postCode: '73100' });
    assert.equal(citizen.birthName, 'Bianchi');
    assert.deepEqual(citizen.nationality, ['IT', 'DE']);
    assert.equal(citizen.gender, 'Female');
  });

  it('gives every login its own request ID and browser binding', async () => {
    const first = await h.login('IT');
    const second = await h.login('IT');
    assert.notEqual(first.requestId, second.requestId);
    assert.equal((await h.post(buildResponse(h.idps.IT, second.fields), second)).status, 200);
  });

  it('lets two logins started in the same browser (two tabs) both complete', async () => {
    const first = await h.login('IT');
    const second = await h.login('IT', {}, first);
    assert.equal(second.cookie, first.cookie, 'the browser keeps its binding');
    assert.equal((await h.post(buildResponse(h.idps.IT, second.fields), second)).status, 200);
    assert.equal((await h.post(buildResponse(h.idps.IT, first.fields), first)).status, 200);
  });
});
