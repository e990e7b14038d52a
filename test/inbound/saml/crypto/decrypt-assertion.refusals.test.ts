import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  algorithms, decryptEncryptedAssertion, encryptAssertion, nationalPolicy, parseXmlSecurely, planDecryption, strictEidasPolicy,
} from '../../../../src/inbound/saml/crypto/index.js';
import { isPasserelleError } from '../../../../src/core/errors.js';
import { assertionXml } from './support/assertions.js';
import { independentCert, independentKey } from './support/paths.js';

const rsaKey = () => independentKey('sp-rsa3072-encryption');
const rsaCert = () => independentCert('sp-rsa3072-encryption');
const root = (xml: string) => parseXmlSecurely(xml).documentElement;
const lenient = nationalPolicy({ allowCbcEncryption: true, allowRsaPkcs1v15Signatures: true });

/**
 * Refused before any private-key operation: planDecryption (which takes no key at all) already throws, and
 * decryption with a working key gives the refusal, not a decryption result or a decryption failure.
 */
function refusedBeforeDecryption(xml: string, reason?: RegExp): void {
  for (const policy of [strictEidasPolicy, lenient]) {
    assert.throws(() => planDecryption(root(xml), policy), { code: 'saml_algorithm_refused', ...(reason ? { message: reason } : {}) });
    assert.throws(() => decryptEncryptedAssertion(root(xml), [rsaKey()], policy), { code: 'saml_algorithm_refused' });
  }
}

const replaceCipherValue = (xml: string, index: number, value: string) => {
  let i = -1;
  return xml.replace(/<xenc:CipherValue>[^<]*<\/xenc:CipherValue>/g, (match) => (++i === index ? `<xenc:CipherValue>${value}</xenc:CipherValue>` : match));
};
const cipherValue = (xml: string, index: number) => Buffer.from([...xml.matchAll(/<xenc:CipherValue>([^<]*)</g)][index]![1]!, 'base64');

describe('eIDAS assertion decryption: refusals and failures', () => {
  it('refuses rsa-1_5 key transport (Bleichenbacher) before decryption, under every policy', () => {
    refusedBeforeDecryption(encryptAssertion(assertionXml(), rsaCert()).replace(algorithms.rsaOaep, algorithms.rsa15), /rsa-1_5/);
  });

  it('refuses tripledes-cbc data encryption before decryption, under every policy', () => {
    refusedBeforeDecryption(encryptAssertion(assertionXml(), rsaCert()).replace(algorithms.aes256Gcm, algorithms.tripleDesCbc), /tripledes/);
  });

  it('refuses unknown data, key transport, key wrap, key agreement and KDF algorithms', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    refusedBeforeDecryption(encryptAssertion(assertionXml(), rsaCert()).replace(algorithms.aes256Gcm, 'urn:example:aes512-gcm'));
    refusedBeforeDecryption(encryptAssertion(assertionXml(), rsaCert()).replace(algorithms.rsaOaep, 'urn:example:rsa-oaep'));
    refusedBeforeDecryption(encryptAssertion(assertionXml(), ec.publicKey).replace(algorithms.kwAes256, 'http://www.w3.org/2001/04/xmlenc#kw-tripledes'));
    refusedBeforeDecryption(encryptAssertion(assertionXml(), ec.publicKey).replace(algorithms.ecdhEs, 'http://www.w3.org/2009/xmlenc11#dh-es'));
    refusedBeforeDecryption(encryptAssertion(assertionXml(), ec.publicKey).replace(algorithms.concatKdf, 'http://www.w3.org/2009/xmlenc11#pbkdf2'));
  });

  it('refuses SHA-1 inside ConcatKDF and MD5 as OAEP digest', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    refusedBeforeDecryption(encryptAssertion(assertionXml(), ec.publicKey).replace(`<ds:DigestMethod Algorithm="${algorithms.sha256}"/>`, `<ds:DigestMethod Algorithm="${algorithms.sha1}"/>`));
    refusedBeforeDecryption(encryptAssertion(assertionXml(), rsaCert()).replace(`<ds:DigestMethod Algorithm="${algorithms.sha256}"/>`, `<ds:DigestMethod Algorithm="${algorithms.md5}"/>`));
  });

  it('refuses AES-CBC by default (eIDAS and plain national policy), before decryption', () => {
    const xml = encryptAssertion(assertionXml(), rsaCert(), { dataAlgorithm: algorithms.aes256Cbc });
    for (const policy of [strictEidasPolicy, nationalPolicy({ allowRsaPkcs1v15Signatures: true })]) {
      assert.throws(() => planDecryption(root(xml), policy), { code: 'saml_algorithm_refused', message: /CBC/ });
      assert.throws(() => decryptEncryptedAssertion(root(xml), [rsaKey()], policy), { code: 'saml_algorithm_refused' });
    }
  });

  it('refuses ds:RetrievalMethod in the EncryptedData KeyInfo (no fetching, no indirection)', () => {
    const xml = encryptAssertion(assertionXml(), rsaCert(), { encryptedKeyPlacement: 'sibling' })
      .replace(`<xenc:EncryptionMethod Algorithm="${algorithms.aes256Gcm}"/>`,
        `<xenc:EncryptionMethod Algorithm="${algorithms.aes256Gcm}"/><ds:KeyInfo><ds:RetrievalMethod URI="https://attacker.example/key" Type="http://www.w3.org/2001/04/xmlenc#EncryptedKey"/></ds:KeyInfo>`);
    refusedBeforeDecryption(xml, /RetrievalMethod/);
    const inKey = encryptAssertion(assertionXml(), rsaCert()).replace('<ds:X509Data>', '<ds:RetrievalMethod URI="https://attacker.example/cert"/><ds:X509Data>');
    refusedBeforeDecryption(inKey, /RetrievalMethod/);
  });

  it('refuses xenc:CipherReference for the content and for the key', () => {
    const reference = '<xenc:CipherReference URI="https://attacker.example/data"/>';
    const xml = encryptAssertion(assertionXml(), rsaCert());
    const lastCipherData = xml.lastIndexOf('<xenc:CipherData>');
    refusedBeforeDecryption(`${xml.slice(0, lastCipherData)}<xenc:CipherData>${reference}</xenc:CipherData></xenc:EncryptedData></saml2:EncryptedAssertion>`, /CipherReference/);
    refusedBeforeDecryption(xml.replace(/<xenc:CipherData><xenc:CipherValue>[^<]*<\/xenc:CipherValue><\/xenc:CipherData><\/xenc:EncryptedKey>/, `<xenc:CipherData>${reference}</xenc:CipherData></xenc:EncryptedKey>`), /CipherReference/);
  });

  it('refuses EncryptedData of Type Content, extra elements beside it, and more than four EncryptedKeys', () => {
    const xml = encryptAssertion(assertionXml(), rsaCert());
    refusedBeforeDecryption(xml.replace(algorithms.typeElement, 'http://www.w3.org/2001/04/xmlenc#Content'));
    refusedBeforeDecryption(xml.replace('</saml2:EncryptedAssertion>', '<saml2:Assertion ID="_x"/></saml2:EncryptedAssertion>'));
    const key = /<xenc:EncryptedKey>.*<\/xenc:EncryptedKey>/.exec(xml)![0];
    refusedBeforeDecryption(xml.replace(key, key.repeat(5)));
  });

  it('refuses an ECDH-ES originator point that is not on the named curve (invalid-curve attack)', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const xml = encryptAssertion(assertionXml(), ec.publicKey);
    const point = /<ds11:PublicKey>([^<]+)</.exec(xml)![1]!;
    const bytes = Buffer.from(point, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
    refusedBeforeDecryption(xml.replace(point, bytes.toString('base64')), /not a valid point/);
  });

  it('fails with one and the same error for every failure after a key was used (no decryption oracle)', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = encryptAssertion(assertionXml(), rsaCert());
    const ecdh = encryptAssertion(assertionXml(), ec.publicKey);
    const data = cipherValue(rsa, 1);
    const flippedTag = Buffer.from(data);
    flippedTag[flippedTag.length - 1] = flippedTag[flippedTag.length - 1]! ^ 1;
    const flippedWrap = cipherValue(ecdh, 0);
    flippedWrap[3] = flippedWrap[3]! ^ 1;
    const cbc = encryptAssertion(assertionXml(), rsaCert(), { dataAlgorithm: algorithms.aes128Cbc });
    const cbcData = cipherValue(cbc, 1);
    cbcData[cbcData.length - 17] = cbcData[cbcData.length - 17]! ^ 0x55; // spoils the padding byte

    const attempts: Array<[string, () => string]> = [
      ['GCM tag flipped', () => decryptEncryptedAssertion(root(replaceCipherValue(rsa, 1, flippedTag.toString('base64'))), [rsaKey()], strictEidasPolicy)],
      ['OAEP ciphertext random', () => decryptEncryptedAssertion(root(replaceCipherValue(rsa, 0, randomBytes(384).toString('base64'))), [rsaKey()], strictEidasPolicy)],
      ['wrong RSA key', () => decryptEncryptedAssertion(root(rsa), [independentKey('idp-rsa3072-signing')], strictEidasPolicy)],
      ['key wrap corrupted', () => decryptEncryptedAssertion(root(replaceCipherValue(ecdh, 0, flippedWrap.toString('base64'))), [ec.privateKey], strictEidasPolicy)],
      ['wrong EC key', () => decryptEncryptedAssertion(root(ecdh), [generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey], strictEidasPolicy)],
      ['no suitable key', () => decryptEncryptedAssertion(root(ecdh), [rsaKey()], strictEidasPolicy)],
      ['CBC padding spoiled', () => decryptEncryptedAssertion(root(replaceCipherValue(cbc, 1, cbcData.toString('base64'))), [rsaKey()], nationalPolicy({ allowCbcEncryption: true }))],
    ];
    const outcomes = new Set<string>();
    for (const [name, attempt] of attempts) {
      try {
        attempt();
        assert.fail(`${name} decrypted`);
      } catch (error) {
        assert.ok(isPasserelleError(error), name);
        outcomes.add(`${error.code}|${error.message}|${String(error.cause)}`);
      }
    }
    assert.deepEqual([...outcomes], ['saml_decryption_failed|the encrypted assertion could not be decrypted|undefined']);
  });
});
