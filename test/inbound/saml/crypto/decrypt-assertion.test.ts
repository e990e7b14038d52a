import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  algorithms, decryptEncryptedAssertion, encryptAssertion, nationalPolicy, parseXmlSecurely, strictEidasPolicy,
} from '../../../../src/inbound/saml/crypto/index.js';
import { assertionXml } from './support/assertions.js';
import { independentCert, independentKey } from './support/paths.js';

const rsaKey = () => independentKey('sp-rsa3072-encryption');
const rsaCert = () => independentCert('sp-rsa3072-encryption');
const root = (xml: string) => parseXmlSecurely(xml).documentElement;
const plaintext = assertionXml();

function roundTrip(encrypted: string, keys = [rsaKey()], policy = strictEidasPolicy): string {
  return decryptEncryptedAssertion(root(encrypted), keys, policy);
}

describe('eIDAS assertion decryption: accepted algorithms', () => {
  for (const data of [algorithms.aes128Gcm, algorithms.aes192Gcm, algorithms.aes256Gcm]) {
    it(`decrypts ${data.split('#')[1]} content`, () => {
      assert.equal(roundTrip(encryptAssertion(plaintext, rsaCert(), { dataAlgorithm: data })), plaintext);
    });
  }

  const oaepVariants = [
    { digest: algorithms.sha1, mgf: algorithms.mgf1Sha1 },
    { digest: algorithms.sha256, mgf: algorithms.mgf1Sha256 },
    { digest: algorithms.sha384, mgf: algorithms.mgf1Sha384 },
    { digest: algorithms.sha512, mgf: algorithms.mgf1Sha512 },
    { digest: algorithms.sha256, mgf: algorithms.mgf1Sha1 },
    { digest: algorithms.sha1, mgf: algorithms.mgf1Sha256 },
  ];
  for (const { digest, mgf } of oaepVariants) {
    it(`decrypts xmlenc11#rsa-oaep with DigestMethod ${digest.split('#')[1]} and MGF ${mgf.split('#')[1]}`, () => {
      assert.equal(roundTrip(encryptAssertion(plaintext, rsaCert(), { keyTransport: algorithms.rsaOaep, oaepDigest: digest, mgf })), plaintext);
    });
  }

  it('decrypts xmlenc11#rsa-oaep without DigestMethod and MGF (both default to SHA-1)', () => {
    const encrypted = encryptAssertion(plaintext, rsaCert(), { keyTransport: algorithms.rsaOaep, oaepDigest: algorithms.sha1, mgf: algorithms.mgf1Sha1 })
      .replace(/<ds:DigestMethod [^>]*\/>/, '').replace(/<xenc11:MGF [^>]*\/>/, '');
    assert.equal(roundTrip(encrypted), plaintext);
  });

  for (const digest of [algorithms.sha1, algorithms.sha256, algorithms.sha512]) {
    it(`decrypts rsa-oaep-mgf1p with DigestMethod ${digest.split('#')[1]} (MGF1 always SHA-1)`, () => {
      assert.equal(roundTrip(encryptAssertion(plaintext, rsaCert(), { keyTransport: algorithms.rsaOaepMgf1p, oaepDigest: digest })), plaintext);
    });
  }

  it('decrypts rsa-oaep-mgf1p without DigestMethod', () => {
    const encrypted = encryptAssertion(plaintext, rsaCert(), { keyTransport: algorithms.rsaOaepMgf1p, oaepDigest: algorithms.sha1 }).replace(/<ds:DigestMethod [^>]*\/>/, '');
    assert.equal(roundTrip(encrypted), plaintext);
  });

  const curves = ['P-256', 'P-384', 'P-521', 'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1'];
  const wraps = [algorithms.kwAes128, algorithms.kwAes192, algorithms.kwAes256];
  for (const [i, curve] of curves.entries()) {
    it(`decrypts ECDH-ES + ConcatKDF on ${curve} with ${wraps[i % 3]!.split('#')[1]}`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const encrypted = encryptAssertion(plaintext, publicKey, { keyWrap: wraps[i % 3], kdfDigest: i % 2 ? algorithms.sha512 : algorithms.sha256 });
      assert.equal(roundTrip(encrypted, [rsaKey(), privateKey]), plaintext);
    });
  }

  it('decrypts with the EncryptedKey beside EncryptedData instead of inside its KeyInfo', () => {
    assert.equal(roundTrip(encryptAssertion(plaintext, rsaCert(), { encryptedKeyPlacement: 'sibling' })), plaintext);
  });

  it('finds the right key among several private keys of ours (key rollover)', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = independentKey('idp-rsa3072-signing');
    assert.equal(roundTrip(encryptAssertion(plaintext, rsaCert()), [ec.privateKey, other, rsaKey()]), plaintext);
    assert.equal(roundTrip(encryptAssertion(plaintext, ec.publicKey), [other, rsaKey(), ec.privateKey]), plaintext);
  });

  it('decrypts a CBC-encrypted assertion only under a national policy with allowCbcEncryption', () => {
    for (const data of [algorithms.aes128Cbc, algorithms.aes256Cbc]) {
      const encrypted = encryptAssertion(plaintext, rsaCert(), { dataAlgorithm: data });
      assert.throws(() => roundTrip(encrypted), { code: 'saml_algorithm_refused' });
      assert.throws(() => roundTrip(encrypted, [rsaKey()], nationalPolicy()), { code: 'saml_algorithm_refused' });
      assert.throws(() => roundTrip(encrypted, [rsaKey()], { ...strictEidasPolicy, allowCbcEncryption: true }), { code: 'saml_algorithm_refused' });
      assert.equal(roundTrip(encrypted, [rsaKey()], nationalPolicy({ allowCbcEncryption: true })), plaintext);
    }
  });
});
