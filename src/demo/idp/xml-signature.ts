import type { KeyObject } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { digestSha256, signatureAlgorithmTable, type SignatureUri } from './algorithms.js';

const dsig = 'http://www.w3.org/2000/09/xmldsig#';
const excC14n = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const enveloped = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export interface XmlSigningKey {
  algorithm: SignatureUri;
  privateKey: KeyObject;
  /** Base64 DER of the certificate, put into KeyInfo. */
  certificateBase64: string;
}

/** Where the signature goes: SAML's schemas want it right after the Issuer, metadata's first. */
export interface SignatureLocation {
  reference: string;
  action: 'after' | 'prepend';
}

/** Signs the element `elementXpath` (which must carry an ID attribute) with an enveloped signature. */
export function signEnveloped(xml: string, key: XmlSigningKey, elementXpath: string, location: SignatureLocation): string {
  const sig = new SignedXml({
    privateKey: key.privateKey,
    signatureAlgorithm: key.algorithm,
    canonicalizationAlgorithm: excC14n,
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : '';
      return `<${p}X509Data><${p}X509Certificate>${key.certificateBase64}</${p}X509Certificate></${p}X509Data>`;
    },
  });
  sig.SignatureAlgorithms = signatureAlgorithmTable([key.algorithm]);
  sig.addReference({ xpath: elementXpath, transforms: [enveloped, excC14n], digestAlgorithm: digestSha256 });
  sig.computeSignature(xml, { prefix: 'ds', location });
  return sig.getSignedXml();
}

export interface VerifiedSignature {
  /** The certificate (base64 DER) whose key verified it. */
  certificateBase64: string;
  algorithm: string;
}

/**
 * Verifies the one signature that is a direct child of the document element and covers
 * exactly that element (by its ID), with one of `certificates` (keys from metadata only; any
 * KeyInfo in the message is ignored). Returns undefined when nothing verifies.
 */
export function verifyRootSignature(xml: string, certificates: readonly string[], allowed: readonly SignatureUri[]): VerifiedSignature | undefined {
  const doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root) return undefined;
  const signatures = Array.from(root.childNodes as unknown as ArrayLike<Element>)
    .filter((n) => n.nodeType === 1 && n.namespaceURI === dsig && n.localName === 'Signature');
  if (signatures.length !== 1) return undefined;
  if (doc.getElementsByTagNameNS(dsig, 'Signature').length !== 1) return undefined;
  const signature = signatures[0]!;
  const references = signature.getElementsByTagNameNS(dsig, 'Reference');
  const rootId = root.getAttribute('ID');
  if (references.length !== 1 || !rootId || references[0]!.getAttribute('URI') !== `#${rootId}`) return undefined;
  const method = signature.getElementsByTagNameNS(dsig, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  if (!(allowed as readonly string[]).includes(method)) return undefined;
  for (const certificateBase64 of certificates) {
    const sig = new SignedXml({ publicCert: pem(certificateBase64), getCertFromKeyInfo: () => null });
    sig.SignatureAlgorithms = signatureAlgorithmTable(allowed);
    try {
      sig.loadSignature(signature);
      if (sig.checkSignature(xml) && sig.getSignedReferences().length === 1) return { certificateBase64, algorithm: method };
    } catch {
      // a key of the wrong type or a malformed signature: try the next certificate
    }
  }
  return undefined;
}

export function pem(certificateBase64: string): string {
  const body = certificateBase64.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
