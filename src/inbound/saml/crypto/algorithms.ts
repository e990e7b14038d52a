/**
 * The URIs of every algorithm and namespace the eIDAS crypto module names. Refused algorithms are listed
 * too, so that a refusal can say which well-known weak algorithm it saw (the policy decides, not this table).
 */
export const namespaces = {
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  ds11: 'http://www.w3.org/2009/xmldsig11#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xenc11: 'http://www.w3.org/2009/xmlenc11#',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

export const algorithms = {
  // signature methods
  rsaPssSha256: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  rsaPssSha384: 'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1',
  rsaPssSha512: 'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  ecdsaSha384: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
  ecdsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha384: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaPssSha1: 'http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1',
  ecdsaSha1: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
  dsaSha1: 'http://www.w3.org/2000/09/xmldsig#dsa-sha1',
  hmacSha1: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
  rsaMd5: 'http://www.w3.org/2001/04/xmldsig-more#rsa-md5',
  // digests
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha224: 'http://www.w3.org/2001/04/xmldsig-more#sha224',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha384: 'http://www.w3.org/2001/04/xmldsig-more#sha384',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  md5: 'http://www.w3.org/2001/04/xmldsig-more#md5',
  // canonicalization and transforms
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  excC14nWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  // block encryption
  aes128Gcm: 'http://www.w3.org/2009/xmlenc11#aes128-gcm',
  aes192Gcm: 'http://www.w3.org/2009/xmlenc11#aes192-gcm',
  aes256Gcm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  aes128Cbc: 'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
  aes192Cbc: 'http://www.w3.org/2001/04/xmlenc#aes192-cbc',
  aes256Cbc: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  tripleDesCbc: 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc',
  // key transport
  rsaOaep: 'http://www.w3.org/2009/xmlenc11#rsa-oaep',
  rsaOaepMgf1p: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
  rsa15: 'http://www.w3.org/2001/04/xmlenc#rsa-1_5',
  mgf1Sha1: 'http://www.w3.org/2009/xmlenc11#mgf1sha1',
  mgf1Sha224: 'http://www.w3.org/2009/xmlenc11#mgf1sha224',
  mgf1Sha256: 'http://www.w3.org/2009/xmlenc11#mgf1sha256',
  mgf1Sha384: 'http://www.w3.org/2009/xmlenc11#mgf1sha384',
  mgf1Sha512: 'http://www.w3.org/2009/xmlenc11#mgf1sha512',
  // key agreement, derivation and wrapping
  ecdhEs: 'http://www.w3.org/2009/xmlenc11#ECDH-ES',
  concatKdf: 'http://www.w3.org/2009/xmlenc11#ConcatKDF',
  kwAes128: 'http://www.w3.org/2001/04/xmlenc#kw-aes128',
  kwAes192: 'http://www.w3.org/2001/04/xmlenc#kw-aes192',
  kwAes256: 'http://www.w3.org/2001/04/xmlenc#kw-aes256',
  // EncryptedData types
  typeElement: 'http://www.w3.org/2001/04/xmlenc#Element',
} as const;

export type NodeHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Digest URIs (xmldsig DigestMethod) to Node hash names. MD5 is deliberately absent: it is never usable. */
export const digestHashes: Readonly<Record<string, NodeHash>> = {
  [algorithms.sha1]: 'sha1',
  [algorithms.sha224]: 'sha224',
  [algorithms.sha256]: 'sha256',
  [algorithms.sha384]: 'sha384',
  [algorithms.sha512]: 'sha512',
};

export const mgfHashes: Readonly<Record<string, NodeHash>> = {
  [algorithms.mgf1Sha1]: 'sha1',
  [algorithms.mgf1Sha224]: 'sha224',
  [algorithms.mgf1Sha256]: 'sha256',
  [algorithms.mgf1Sha384]: 'sha384',
  [algorithms.mgf1Sha512]: 'sha512',
};

export type SignatureFamily = 'rsa-pss' | 'ecdsa' | 'rsa-pkcs1';

export interface SignatureMethod { family: SignatureFamily; hash: NodeHash }

/** Signature methods this module can compute at all; whether one may be used is the policy's decision. */
export const signatureMethods: Readonly<Record<string, SignatureMethod>> = {
  [algorithms.rsaPssSha256]: { family: 'rsa-pss', hash: 'sha256' },
  [algorithms.rsaPssSha384]: { family: 'rsa-pss', hash: 'sha384' },
  [algorithms.rsaPssSha512]: { family: 'rsa-pss', hash: 'sha512' },
  [algorithms.ecdsaSha256]: { family: 'ecdsa', hash: 'sha256' },
  [algorithms.ecdsaSha384]: { family: 'ecdsa', hash: 'sha384' },
  [algorithms.ecdsaSha512]: { family: 'ecdsa', hash: 'sha512' },
  [algorithms.rsaSha256]: { family: 'rsa-pkcs1', hash: 'sha256' },
  [algorithms.rsaSha384]: { family: 'rsa-pkcs1', hash: 'sha384' },
  [algorithms.rsaSha512]: { family: 'rsa-pkcs1', hash: 'sha512' },
};

export interface BlockCipher { mode: 'gcm' | 'cbc'; keyBytes: 16 | 24 | 32; nodeName: string }

export const blockCiphers: Readonly<Record<string, BlockCipher>> = {
  [algorithms.aes128Gcm]: { mode: 'gcm', keyBytes: 16, nodeName: 'aes-128-gcm' },
  [algorithms.aes192Gcm]: { mode: 'gcm', keyBytes: 24, nodeName: 'aes-192-gcm' },
  [algorithms.aes256Gcm]: { mode: 'gcm', keyBytes: 32, nodeName: 'aes-256-gcm' },
  [algorithms.aes128Cbc]: { mode: 'cbc', keyBytes: 16, nodeName: 'aes-128-cbc' },
  [algorithms.aes192Cbc]: { mode: 'cbc', keyBytes: 24, nodeName: 'aes-192-cbc' },
  [algorithms.aes256Cbc]: { mode: 'cbc', keyBytes: 32, nodeName: 'aes-256-cbc' },
};

export interface KeyWrap { kekBytes: 16 | 24 | 32; nodeName: string }

export const keyWraps: Readonly<Record<string, KeyWrap>> = {
  [algorithms.kwAes128]: { kekBytes: 16, nodeName: 'id-aes128-wrap' },
  [algorithms.kwAes192]: { kekBytes: 24, nodeName: 'id-aes192-wrap' },
  [algorithms.kwAes256]: { kekBytes: 32, nodeName: 'id-aes256-wrap' },
};

/** Named curves for ECDSA and ECDH-ES: Node's curve name ⇄ the OID used in ds11:NamedCurve. */
export const namedCurves: ReadonlyArray<{ nodeName: string; oid: string; coordinateBytes: number }> = [
  { nodeName: 'prime256v1', oid: '1.2.840.10045.3.1.7', coordinateBytes: 32 },
  { nodeName: 'secp384r1', oid: '1.3.132.0.34', coordinateBytes: 48 },
  { nodeName: 'secp521r1', oid: '1.3.132.0.35', coordinateBytes: 66 },
  { nodeName: 'brainpoolP256r1', oid: '1.3.36.3.3.2.8.1.1.7', coordinateBytes: 32 },
  { nodeName: 'brainpoolP384r1', oid: '1.3.36.3.3.2.8.1.1.11', coordinateBytes: 48 },
  { nodeName: 'brainpoolP512r1', oid: '1.3.36.3.3.2.8.1.1.13', coordinateBytes: 64 },
];
