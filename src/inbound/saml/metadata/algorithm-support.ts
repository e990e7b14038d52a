import { algorithms, allowedAlgorithms, strictEidasPolicy } from '../crypto/index.js';

/**
 * What our SP metadata advertises: the algorithms of the strict eIDAS profile (reference/eidas.md
 * b.6), which every country may use. Per-country relaxations (RSA PKCS#1 v1.5 signatures,
 * AES-CBC) are accepted only from the countries configured for them and are deliberately not
 * advertised: they are tolerated, not invited. docs/integration-idp.md lists both.
 */
const strict = allowedAlgorithms(strictEidasPolicy);

const method = (algorithm: string, inner = '') =>
  inner ? `<md:EncryptionMethod Algorithm="${algorithm}">${inner}</md:EncryptionMethod>` : `<md:EncryptionMethod Algorithm="${algorithm}"/>`;

export const strictProfileAlgorithms = {
  digests: strict.digest,
  signatures: strict.signature,
  /** EncryptionMethod elements for an RSA encryption certificate (key transport), preferred first. */
  rsaEncryption: [
    ...strict.blockEncryption.slice().reverse().map((a) => method(a)),
    method(algorithms.rsaOaep, `<ds:DigestMethod Algorithm="${algorithms.sha256}"/><xenc11:MGF xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" Algorithm="${algorithms.mgf1Sha256}"/>`),
    method(algorithms.rsaOaepMgf1p),
  ],
  /** EncryptionMethod elements for an EC encryption certificate (key agreement + key wrap). */
  ecEncryption: [
    ...strict.blockEncryption.slice().reverse().map((a) => method(a)),
    method(algorithms.ecdhEs),
    ...strict.keyWrap.slice().reverse().map((a) => method(a)),
  ],
} as const;
