/**
 * eIDAS XML cryptography: what xml-crypto lacks (RSASSA-PSS, ECDSA r||s, XML Encryption 1.1 key transport
 * and key agreement) behind one algorithm policy. The SAML connector uses only this surface.
 */
export { algorithms, namespaces } from './algorithms.js';
export { allowedAlgorithms, minimumRsaBits, nationalPolicy, strictEidasPolicy, type AlgorithmPolicy } from './policy.js';
export { parseXmlSecurely, type SecureParseOptions } from './parse-xml.js';
export { verifyEnvelopedSignature, type VerifiedSignature, type VerifyOptions } from './verify-signature.js';
export { decryptEncryptedAssertion, planDecryption } from './decrypt-assertion.js';
export { encryptAssertion, type EncryptAssertionOptions } from './encrypt-assertion.js';
export { signXml, type SignXmlOptions } from './sign-xml.js';
export { signRedirectBinding, verifyRedirectBinding, type RedirectParams, type VerifiedRedirect } from './redirect-binding.js';
export { canonicalizeExclusive } from './canonicalize.js';
export type { TrustedKey } from './keys.js';
export { idAttributeNames } from './dom.js';
export { UntrustedKeyError } from './failures.js';
