import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { algorithms, digestHashes, keyWraps, mgfHashes, namespaces, type KeyWrap, type NodeHash } from './algorithms.js';
import { childElements, onlyChild, optionalChild, requiredAttribute, strictBase64, strictText } from './dom.js';
import { malformedEncryption, refuse } from './failures.js';
import { curveByOid, curveOf, ecPublicKeyFromPoint } from './keys.js';
import type { OaepParameters } from './oaep.js';
import { requireKeyTransport, type AlgorithmPolicy } from './policy.js';

const { ds, ds11, xenc, xenc11 } = namespaces;

export type KeyPlan =
  | { kind: 'rsa-oaep'; oaep: OaepParameters; wrappedKey: Buffer }
  | { kind: 'ecdh-es'; wrap: KeyWrap; kdfHash: NodeHash; otherInfo: Buffer; curveOid: string; originator: KeyObject; wrappedKey: Buffer };

/** OAEP label hashes: SHA-1 is acceptable inside OAEP (rsa-oaep-mgf1p requires it), MD5 is not. */
const oaepDigests: readonly string[] = [algorithms.sha1, algorithms.sha256, algorithms.sha384, algorithms.sha512];
const kdfDigests: readonly string[] = [algorithms.sha256, algorithms.sha384, algorithms.sha512];

/** Reads one xenc:EncryptedKey into a plan; refuses anything outside the allow-list before any key is used. */
export function planEncryptedKey(encryptedKey: Element, policy: AlgorithmPolicy): KeyPlan {
  const allowed = ['EncryptionMethod', 'KeyInfo', 'CipherData', 'ReferenceList', 'CarriedKeyName'];
  for (const child of childElements(encryptedKey)) {
    if (!allowed.includes(child.localName)) malformedEncryption(`EncryptedKey child ${child.localName}`);
  }
  const method = onlyChild(encryptedKey, xenc, 'EncryptionMethod', malformedEncryption);
  const algorithm = requiredAttribute(method, 'Algorithm', malformedEncryption);
  const wrappedKey = cipherValueOf(encryptedKey);
  if (algorithm === algorithms.rsaOaep || algorithm === algorithms.rsaOaepMgf1p) {
    requireKeyTransport(algorithm, policy);
    return { kind: 'rsa-oaep', oaep: oaepParameters(method, algorithm), wrappedKey };
  }
  const wrap = keyWraps[algorithm];
  if (!wrap) refuse(`key transport or wrap algorithm not allowed: ${algorithm}`);
  if (childElements(method).length > 0) malformedEncryption('key wrap method takes no parameters');
  const keyInfo = onlyChild(encryptedKey, ds, 'KeyInfo', malformedEncryption);
  const agreement = onlyChild(keyInfo, xenc, 'AgreementMethod', malformedEncryption);
  return { kind: 'ecdh-es', wrap, wrappedKey, ...planAgreement(agreement) };
}

export function cipherValueOf(parent: Element): Buffer {
  const cipherData = onlyChild(parent, xenc, 'CipherData', malformedEncryption);
  if (childElements(cipherData, xenc, 'CipherReference').length > 0) refuse('CipherReference is not allowed');
  const value = onlyChild(cipherData, xenc, 'CipherValue', malformedEncryption);
  return strictBase64(strictText(value, malformedEncryption), malformedEncryption, 'CipherValue');
}

function oaepParameters(method: Element, algorithm: string): OaepParameters {
  for (const child of childElements(method)) {
    const known = (child.namespaceURI === ds && child.localName === 'DigestMethod')
      || (child.namespaceURI === xenc && child.localName === 'OAEPparams')
      || (algorithm === algorithms.rsaOaep && child.namespaceURI === xenc11 && child.localName === 'MGF');
    if (!known) malformedEncryption(`RSA-OAEP parameter ${child.localName}`);
  }
  const digestMethod = optionalChild(method, ds, 'DigestMethod', malformedEncryption);
  const digestUri = digestMethod ? requiredAttribute(digestMethod, 'Algorithm', malformedEncryption) : algorithms.sha1;
  if (!oaepDigests.includes(digestUri)) refuse(`RSA-OAEP digest not allowed: ${digestUri}`);
  const mgf = optionalChild(method, xenc11, 'MGF', malformedEncryption);
  const mgfUri = mgf ? requiredAttribute(mgf, 'Algorithm', malformedEncryption) : algorithms.mgf1Sha1;
  const mgfHash = mgfHashes[mgfUri];
  if (!mgfHash) refuse(`RSA-OAEP mask generation function not allowed: ${mgfUri}`);
  const params = optionalChild(method, xenc, 'OAEPparams', malformedEncryption);
  const label = params ? strictBase64(strictText(params, malformedEncryption), malformedEncryption, 'OAEPparams') : Buffer.alloc(0);
  return { hash: digestHashes[digestUri]!, mgfHash, label };
}

function planAgreement(agreement: Element): { kdfHash: NodeHash; otherInfo: Buffer; curveOid: string; originator: KeyObject } {
  const algorithm = requiredAttribute(agreement, 'Algorithm', malformedEncryption);
  if (algorithm !== algorithms.ecdhEs) refuse(`key agreement algorithm not allowed: ${algorithm}`);
  for (const child of childElements(agreement)) {
    if (!['KeyDerivationMethod', 'OriginatorKeyInfo', 'RecipientKeyInfo'].includes(child.localName)) {
      malformedEncryption(`AgreementMethod child ${child.localName}`);
    }
  }
  const derivation = onlyChild(agreement, xenc11, 'KeyDerivationMethod', malformedEncryption);
  const kdf = requiredAttribute(derivation, 'Algorithm', malformedEncryption);
  if (kdf !== algorithms.concatKdf) refuse(`key derivation algorithm not allowed: ${kdf}`);
  const params = onlyChild(derivation, xenc11, 'ConcatKDFParams', malformedEncryption);
  const digestUri = requiredAttribute(onlyChild(params, ds, 'DigestMethod', malformedEncryption), 'Algorithm', malformedEncryption);
  if (!kdfDigests.includes(digestUri)) refuse(`ConcatKDF digest not allowed: ${digestUri}`);
  const otherInfo = Buffer.concat(['AlgorithmID', 'PartyUInfo', 'PartyVInfo', 'SuppPubInfo', 'SuppPrivInfo']
    .map((name) => bitString(params.getAttribute(name) ?? '', name)));
  const originator = originatorKey(onlyChild(agreement, xenc, 'OriginatorKeyInfo', malformedEncryption));
  return { kdfHash: digestHashes[digestUri]!, otherInfo, ...originator };
}

/** ConcatKDF parameters are hex bit strings whose first byte counts padding bits; only whole bytes are used. */
function bitString(hex: string, name: string): Buffer {
  if (hex === '') return Buffer.alloc(0);
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) malformedEncryption(`${name} is not hex`);
  const bytes = Buffer.from(hex, 'hex');
  if (bytes[0] !== 0) malformedEncryption(`${name} has padding bits`);
  return bytes.subarray(1);
}

function originatorKey(info: Element): { curveOid: string; originator: KeyObject } {
  const keyValue = optionalChild(info, ds, 'KeyValue', malformedEncryption);
  try {
    if (keyValue) {
      const ec = onlyChild(keyValue, ds11, 'ECKeyValue', malformedEncryption);
      if (childElements(ec, ds11, 'ECParameters').length > 0) refuse('explicit EC parameters are not allowed');
      const curveOid = requiredAttribute(onlyChild(ec, ds11, 'NamedCurve', malformedEncryption), 'URI', malformedEncryption).replace(/^urn:oid:/, '');
      if (!curveByOid(curveOid)) refuse(`EC curve not allowed: ${curveOid}`);
      const point = strictBase64(strictText(onlyChild(ec, ds11, 'PublicKey', malformedEncryption), malformedEncryption), malformedEncryption, 'PublicKey');
      return { curveOid, originator: ecPublicKeyFromPoint(curveOid, point) };
    }
    const der = onlyChild(info, ds11, 'DEREncodedKeyValue', malformedEncryption);
    const originator = createPublicKey({ key: strictBase64(strictText(der, malformedEncryption), malformedEncryption, 'DEREncodedKeyValue'), format: 'der', type: 'spki' });
    const curve = curveOf(originator);
    if (!curve) refuse('originator key is not EC on an allowed curve');
    return { curveOid: curve.oid, originator };
  } catch (error) {
    if (error instanceof Error && error.name === 'PasserelleError') throw error;
    return malformedEncryption('originator public key is not a valid point');
  }
}
