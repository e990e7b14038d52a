import { algorithms, blockCiphers, digestHashes, keyWraps, signatureMethods, type SignatureMethod } from './algorithms.js';
import { refuse } from './failures.js';

/**
 * Which algorithms one country's IdP may use. `eidas` is the eIDAS cryptographic profile (Node 2.9
 * whitelists); `national` is for national IdPs that are not eIDAS nodes and may need the two opt-outs.
 * Under the `eidas` profile both opt-out flags are ignored: the strict profile always wins.
 */
export interface AlgorithmPolicy {
  profile: 'eidas' | 'national';
  allowRsaPkcs1v15Signatures: boolean;
  allowCbcEncryption: boolean;
  /** The peer declares eIDAS protocol 1.4, which forbids `xmlenc#rsa-oaep-mgf1p` key transport. */
  peerProtocol14?: boolean;
}

export const strictEidasPolicy: AlgorithmPolicy = Object.freeze({
  profile: 'eidas', allowRsaPkcs1v15Signatures: false, allowCbcEncryption: false,
});

export function nationalPolicy(options: { allowRsaPkcs1v15Signatures?: boolean; allowCbcEncryption?: boolean } = {}): AlgorithmPolicy {
  return Object.freeze({
    profile: 'national',
    allowRsaPkcs1v15Signatures: options.allowRsaPkcs1v15Signatures ?? false,
    allowCbcEncryption: options.allowCbcEncryption ?? false,
  });
}

const strongDigests: readonly string[] = [algorithms.sha256, algorithms.sha384, algorithms.sha512];
const ciphersOfMode = (mode: 'gcm' | 'cbc') => Object.keys(blockCiphers).filter((uri) => blockCiphers[uri]!.mode === mode);
const gcmCiphers: readonly string[] = ciphersOfMode('gcm');
const cbcCiphers: readonly string[] = ciphersOfMode('cbc');

function rsaPkcs1Allowed(policy: AlgorithmPolicy): boolean {
  return policy.profile === 'national' && policy.allowRsaPkcs1v15Signatures;
}

function cbcAllowed(policy: AlgorithmPolicy): boolean {
  return policy.profile === 'national' && policy.allowCbcEncryption;
}

/** The smallest RSA modulus accepted for signatures (eIDAS crypto requirements: 3072). */
export function minimumRsaBits(policy: AlgorithmPolicy): number {
  return policy.profile === 'eidas' ? 3072 : 2048;
}

/** Everything the policy accepts, e.g. for our metadata's algorithm-support extension and the docs. */
export function allowedAlgorithms(policy: AlgorithmPolicy): {
  signature: string[]; digest: string[]; blockEncryption: string[]; keyTransport: string[]; keyAgreement: string[]; keyWrap: string[];
} {
  const signature = Object.entries(signatureMethods)
    .filter(([, method]) => method.family !== 'rsa-pkcs1' || rsaPkcs1Allowed(policy))
    .map(([uri]) => uri);
  return {
    signature,
    digest: [...strongDigests],
    blockEncryption: cbcAllowed(policy) ? [...gcmCiphers, ...cbcCiphers] : [...gcmCiphers],
    keyTransport: policy.peerProtocol14 ? [algorithms.rsaOaep] : [algorithms.rsaOaep, algorithms.rsaOaepMgf1p],
    keyAgreement: [algorithms.ecdhEs],
    keyWrap: Object.keys(keyWraps),
  };
}

/** Signature method allowed by the policy, or a refusal naming it. Never SHA-1, MD5 or HMAC. */
export function requireSignatureMethod(uri: string, policy: AlgorithmPolicy): SignatureMethod {
  const method = signatureMethods[uri];
  if (!method) refuse(`signature method not allowed: ${uri}`);
  if (method.family === 'rsa-pkcs1' && !rsaPkcs1Allowed(policy)) refuse(`RSA PKCS#1 v1.5 signatures are not allowed by the ${policy.profile} policy`);
  return method;
}

/** Reference digest allowed by the policy (SHA-256/384/512 only). */
export function requireDigest(uri: string): string {
  const hash = digestHashes[uri];
  if (!hash || !strongDigests.includes(uri)) refuse(`digest method not allowed: ${uri}`);
  return hash;
}

export function requireBlockCipher(uri: string, policy: AlgorithmPolicy): (typeof blockCiphers)[string] {
  const cipher = blockCiphers[uri];
  if (!cipher) refuse(`data encryption method not allowed: ${uri}`);
  if (cipher.mode === 'cbc' && !cbcAllowed(policy)) refuse(`CBC data encryption is not allowed by the ${policy.profile} policy`);
  return cipher;
}

/** RSA-OAEP key transport allowed by the policy: `rsa-oaep-mgf1p` only for peers below eIDAS protocol 1.4. */
export function requireKeyTransport(uri: string, policy: AlgorithmPolicy): void {
  if (uri === algorithms.rsaOaepMgf1p && policy.peerProtocol14) {
    refuse('rsa-oaep-mgf1p key transport is forbidden by eIDAS protocol 1.4, which the IdP declares in its metadata (use xmlenc11#rsa-oaep with MGF1-SHA256, or ECDH-ES)');
  }
}
