import { constants, createPrivateKey, createPublicKey, sign, verify, type KeyLike, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm, SignatureAlgorithmType } from 'xml-crypto';

/**
 * The signature algorithms the demo IdPs speak, by XML-DSig URI. xml-crypto 6 knows only RSA
 * PKCS#1 v1.5 (and an RSA-PSS variant it hands only string keys); eIDAS needs ECDSA and RSA-PSS,
 * so the demo brings its own small classes. They are registered per SignedXml instance,
 * never globally: the broker runs in the same process during the demo and must not
 * inherit anything from here.
 */
export const signatureUris = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaPssSha256: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  rsaPssSha384: 'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1',
  rsaPssSha512: 'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  ecdsaSha384: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
  ecdsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
} as const;

export type SignatureUri = (typeof signatureUris)[keyof typeof signatureUris];

export const digestSha256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

interface AlgorithmSpec {
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  readonly family: 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa';
}

const specs: Record<SignatureUri, AlgorithmSpec> = {
  [signatureUris.rsaSha256]: { hash: 'sha256', family: 'rsa-pkcs1' },
  [signatureUris.rsaPssSha256]: { hash: 'sha256', family: 'rsa-pss' },
  [signatureUris.rsaPssSha384]: { hash: 'sha384', family: 'rsa-pss' },
  [signatureUris.rsaPssSha512]: { hash: 'sha512', family: 'rsa-pss' },
  [signatureUris.ecdsaSha256]: { hash: 'sha256', family: 'ecdsa' },
  [signatureUris.ecdsaSha384]: { hash: 'sha384', family: 'ecdsa' },
  [signatureUris.ecdsaSha512]: { hash: 'sha512', family: 'ecdsa' },
};

export function isSignatureUri(value: string): value is SignatureUri {
  return Object.prototype.hasOwnProperty.call(specs, value);
}

/** Which key type an algorithm needs: a wrong pairing is refused before any crypto runs. */
export function keyTypeOf(uri: SignatureUri): 'rsa' | 'ec' {
  return specs[uri].family === 'ecdsa' ? 'ec' : 'rsa';
}

interface KeyOptions {
  key: KeyObject;
  padding?: number;
  saltLength?: number;
  dsaEncoding?: 'der' | 'ieee-p1363';
}

function signOptions(spec: AlgorithmSpec, key: KeyObject): KeyOptions {
  if (spec.family === 'rsa-pss') {
    // RFC 6931: the salt is as long as the digest, MGF1 uses the same hash.
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  }
  if (spec.family === 'ecdsa') {
    // XML-DSig carries ECDSA signatures as raw r||s, not DER.
    return { key, dsaEncoding: 'ieee-p1363' };
  }
  return { key, padding: constants.RSA_PKCS1_PADDING };
}

function privateKeyObject(key: KeyLike | KeyObject): KeyObject {
  return typeof key === 'string' || Buffer.isBuffer(key) ? createPrivateKey(key) : (key as KeyObject);
}

/** Raw signature over bytes (XML SignedInfo or the redirect binding's query octets). */
export function signBytes(uri: SignatureUri, data: Buffer, key: KeyLike | KeyObject): Buffer {
  const spec = specs[uri];
  const privateKey = privateKeyObject(key);
  if ((spec.family === 'ecdsa') !== (privateKey.asymmetricKeyType === 'ec')) throw new Error(`key type does not fit ${uri}`);
  return sign(spec.hash, data, signOptions(spec, privateKey));
}

/**
 * Verifies a raw signature. ECDSA signatures are accepted as raw r||s (the XML-DSig form)
 * and, for the redirect binding only, also as DER, which some SAML stacks send there.
 */
export function verifyBytes(uri: SignatureUri, data: Buffer, key: KeyLike | KeyObject, signature: Buffer, allowDerEcdsa = false): boolean {
  const spec = specs[uri];
  const publicKey = typeof key === 'string' || Buffer.isBuffer(key) ? createPublicKey(key) : (key as KeyObject);
  const actualType = publicKey.asymmetricKeyType;
  if ((spec.family === 'ecdsa') !== (actualType === 'ec')) return false;
  try {
    if (verify(spec.hash, data, signOptions(spec, publicKey), signature)) return true;
    if (spec.family === 'ecdsa' && allowDerEcdsa) return verify(spec.hash, data, { key: publicKey, dsaEncoding: 'der' }, signature);
    return false;
  } catch {
    return false;
  }
}

/** An xml-crypto algorithm class bound to one URI. */
function algorithmClass(uri: SignatureUri): new () => SignatureAlgorithm {
  return class implements SignatureAlgorithm {
    getSignature(signedInfo: Parameters<SignatureAlgorithm['getSignature']>[0], privateKey: KeyLike): string;
    getSignature(signedInfo: Parameters<SignatureAlgorithm['getSignature']>[0], privateKey: KeyLike, callback?: (err: Error | null, value?: string) => void): void;
    getSignature(signedInfo: Parameters<SignatureAlgorithm['getSignature']>[0], privateKey: KeyLike, callback?: (err: Error | null, value?: string) => void): string | void {
      const value = signBytes(uri, Buffer.from(signedInfo as string), privateKey).toString('base64');
      if (callback) return callback(null, value);
      return value;
    }

    verifySignature(material: string, key: KeyLike, signatureValue: string): boolean;
    verifySignature(material: string, key: KeyLike, signatureValue: string, callback?: (err: Error | null, value?: boolean) => void): void;
    verifySignature(material: string, key: KeyLike, signatureValue: string, callback?: (err: Error | null, value?: boolean) => void): boolean | void {
      const ok = verifyBytes(uri, Buffer.from(material), key, Buffer.from(signatureValue.replace(/\s+/g, ''), 'base64'));
      if (callback) return callback(null, ok);
      return ok;
    }

    getAlgorithmName(): SignatureAlgorithmType {
      return uri as SignatureAlgorithmType;
    }
  };
}

/**
 * The table to put on a SignedXml instance (`sig.SignatureAlgorithms = ...`): only these
 * algorithms, so SHA-1 and HMAC are out by construction.
 */
export function signatureAlgorithmTable(allowed: readonly SignatureUri[] = Object.keys(specs) as SignatureUri[]): Record<string, new () => SignatureAlgorithm> {
  return Object.fromEntries(allowed.map((uri) => [uri, algorithmClass(uri)]));
}
