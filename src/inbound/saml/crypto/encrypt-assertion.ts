import { constants, createPublicKey, diffieHellman, generateKeyPairSync, publicEncrypt, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { algorithms, blockCiphers, digestHashes, keyWraps, mgfHashes, namespaces } from './algorithms.js';
import { concatKdf, wrapKey } from './key-agreement.js';
import { curveOf, ecPointOf, isRsa } from './keys.js';
import { encryptData } from './data-encryption.js';
import { oaepEncrypt } from './oaep.js';

export interface EncryptAssertionOptions {
  /** Default AES-256-GCM. CBC exists only so tests can prove it is refused. */
  dataAlgorithm?: string;
  /** RSA recipients: xmlenc11#rsa-oaep (default) or rsa-oaep-mgf1p. */
  keyTransport?: string;
  /** OAEP DigestMethod (default SHA-256) and, for xmlenc11#rsa-oaep, the MGF (default mgf1sha256). */
  oaepDigest?: string;
  mgf?: string;
  /** EC recipients: key wrap (default kw-aes256) and ConcatKDF digest (default SHA-256). */
  keyWrap?: string;
  kdfDigest?: string;
  /** Where the EncryptedKey goes: inside EncryptedData/ds:KeyInfo (default) or beside EncryptedData. */
  encryptedKeyPlacement?: 'inline' | 'sibling';
}

const { ds, ds11, xenc, xenc11, saml } = namespaces;

/**
 * Encrypts an Assertion for a recipient certificate or public key, as an eIDAS proxy-service would:
 * AES-GCM data, RSA-OAEP key transport for RSA, ECDH-ES + ConcatKDF + AES key wrap for EC.
 * Returns the `saml2:EncryptedAssertion` element as a string, ready to put in a Response.
 */
export function encryptAssertion(assertionXml: string, recipient: KeyObject | string, options: EncryptAssertionOptions = {}): string {
  const certificate = typeof recipient === 'string' && recipient.includes('BEGIN CERTIFICATE') ? new X509Certificate(recipient) : undefined;
  const publicKey = certificate?.publicKey ?? (typeof recipient === 'string' ? createPublicKey(recipient) : recipient);
  const dataAlgorithm = options.dataAlgorithm ?? algorithms.aes256Gcm;
  const cipher = blockCiphers[dataAlgorithm];
  if (!cipher) throw new Error(`encryptAssertion: unsupported data algorithm ${dataAlgorithm}`);
  const cek = randomBytes(cipher.keyBytes);
  const cipherValue = encryptData(cipher, cek, Buffer.from(assertionXml, 'utf8')).toString('base64');
  const recipientInfo = certificate ? `<ds:X509Data><ds:X509Certificate>${certificate.raw.toString('base64')}</ds:X509Certificate></ds:X509Data>` : '';
  const encryptedKey = isRsa(publicKey) ? rsaEncryptedKey(publicKey, cek, options, recipientInfo) : ecEncryptedKey(publicKey, cek, options, recipientInfo);
  const sibling = options.encryptedKeyPlacement === 'sibling';
  return `<saml2:EncryptedAssertion xmlns:saml2="${saml}"><xenc:EncryptedData xmlns:xenc="${xenc}" xmlns:ds="${ds}" Type="${algorithms.typeElement}">`
    + `<xenc:EncryptionMethod Algorithm="${dataAlgorithm}"/>`
    + (sibling ? '' : `<ds:KeyInfo>${encryptedKey}</ds:KeyInfo>`)
    + `<xenc:CipherData><xenc:CipherValue>${cipherValue}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>`
    + (sibling ? encryptedKey.replace('<xenc:EncryptedKey>', `<xenc:EncryptedKey xmlns:xenc="${xenc}" xmlns:ds="${ds}">`) : '')
    + '</saml2:EncryptedAssertion>';
}

function rsaEncryptedKey(publicKey: KeyObject, cek: Buffer, options: EncryptAssertionOptions, recipientInfo: string): string {
  const transport = options.keyTransport ?? algorithms.rsaOaep;
  const digestUri = options.oaepDigest ?? algorithms.sha256;
  const hash = digestHashes[digestUri];
  if (!hash) throw new Error(`encryptAssertion: unsupported OAEP digest ${digestUri}`);
  let mgfUri: string | undefined;
  let mgfHash = hash;
  if (transport === algorithms.rsaOaep) {
    mgfUri = options.mgf ?? algorithms.mgf1Sha256;
    mgfHash = mgfHashes[mgfUri] ?? hash;
  } else if (transport === algorithms.rsaOaepMgf1p) {
    mgfHash = 'sha1';
  } else {
    throw new Error(`encryptAssertion: unsupported key transport ${transport}`);
  }
  // Same hash for both: OpenSSL's OAEP (independent of our decoder). Mixed hashes: our own encoder.
  const wrapped = hash === mgfHash
    ? publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, cek)
    : oaepEncrypt(publicKey, cek, { hash, mgfHash, label: Buffer.alloc(0) });
  const mgf = mgfUri ? `<xenc11:MGF xmlns:xenc11="${xenc11}" Algorithm="${mgfUri}"/>` : '';
  return `<xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="${transport}"><ds:DigestMethod Algorithm="${digestUri}"/>${mgf}</xenc:EncryptionMethod>`
    + (recipientInfo ? `<ds:KeyInfo>${recipientInfo}</ds:KeyInfo>` : '')
    + `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>`;
}

function ecEncryptedKey(publicKey: KeyObject, cek: Buffer, options: EncryptAssertionOptions, recipientInfo: string): string {
  const curve = curveOf(publicKey);
  if (!curve) throw new Error('encryptAssertion: recipient key must be RSA or EC on a supported curve');
  const wrapUri = options.keyWrap ?? algorithms.kwAes256;
  const wrap = keyWraps[wrapUri];
  const kdfUri = options.kdfDigest ?? algorithms.sha256;
  const kdfHash = digestHashes[kdfUri];
  if (!wrap || !kdfHash) throw new Error('encryptAssertion: unsupported key wrap or KDF digest');
  const ephemeral = generateKeyPairSync('ec', { namedCurve: curve.nodeName });
  const z = diffieHellman({ privateKey: ephemeral.privateKey, publicKey });
  // "0000": one padding-count byte then one zero byte per field, as the eIDAS Node writes them (MANIFEST C1).
  const kek = concatKdf(kdfHash, z, Buffer.from([0, 0, 0]), wrap.kekBytes);
  const wrapped = wrapKey(wrap, kek, cek).toString('base64');
  const point = ecPointOf(ephemeral.publicKey).toString('base64');
  return `<xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="${wrapUri}"/><ds:KeyInfo>`
    + `<xenc:AgreementMethod Algorithm="${algorithms.ecdhEs}">`
    + `<xenc11:KeyDerivationMethod xmlns:xenc11="${xenc11}" Algorithm="${algorithms.concatKdf}">`
    + `<xenc11:ConcatKDFParams AlgorithmID="0000" PartyUInfo="0000" PartyVInfo="0000"><ds:DigestMethod Algorithm="${kdfUri}"/></xenc11:ConcatKDFParams></xenc11:KeyDerivationMethod>`
    + `<xenc:OriginatorKeyInfo><ds:KeyValue><ds11:ECKeyValue xmlns:ds11="${ds11}"><ds11:NamedCurve URI="urn:oid:${curve.oid}"/>`
    + `<ds11:PublicKey>${point}</ds11:PublicKey></ds11:ECKeyValue></ds:KeyValue></xenc:OriginatorKeyInfo>`
    + (recipientInfo ? `<xenc:RecipientKeyInfo>${recipientInfo}</xenc:RecipientKeyInfo>` : '')
    + `</xenc:AgreementMethod></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>${wrapped}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>`;
}
