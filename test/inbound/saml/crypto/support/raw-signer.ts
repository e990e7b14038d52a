import { constants, createHash, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { algorithms, canonicalizeExclusive, namespaces, parseXmlSecurely } from '../../../../../src/inbound/saml/crypto/index.js';
import { serialize } from './assertions.js';

/**
 * A deliberately permissive signer for negative tests: it produces cryptographically VALID signatures with
 * any algorithm URI, transform list or Reference the test asks for (SHA-1, PKCS#1 v1.5, #WithComments…), so a
 * refusal proves the policy refused it, not that the signature was broken.
 */
export interface RawSignOptions {
  elementId: string;
  privateKey: KeyObject;
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  c14nAlgorithm?: string;
  transforms?: string[];
  referenceUris?: string[];
  keyInfoCertificateBase64?: string;
  extraSignatureChild?: string;
}

const nodeHash: Record<string, string> = {
  [algorithms.sha1]: 'sha1', [algorithms.sha256]: 'sha256', [algorithms.sha384]: 'sha384', [algorithms.sha512]: 'sha512', [algorithms.md5]: 'md5',
};

function signWith(uri: string, key: KeyObject, data: Buffer): Buffer {
  const [, fragment] = uri.split('#');
  const hash = /sha512/.test(fragment!) ? 'sha512' : /sha384/.test(fragment!) ? 'sha384' : /sha256/.test(fragment!) ? 'sha256' : /md5/.test(fragment!) ? 'md5' : 'sha1';
  if (/rsa-MGF1/.test(fragment!)) {
    return sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: { sha1: 20, md5: 16, sha256: 32, sha384: 48, sha512: 64 }[hash] });
  }
  if (/ecdsa/.test(fragment!)) return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' });
  return sign(hash, data, { key, padding: constants.RSA_PKCS1_PADDING });
}

export function rawSign(xml: string, options: RawSignOptions): string {
  const document = parseXmlSecurely(xml);
  const target = [...Array.from(document.getElementsByTagName('*'))].find((e) => e.getAttribute('ID') === options.elementId);
  if (!target) throw new Error('no target');
  const digestAlgorithm = options.digestAlgorithm ?? algorithms.sha256;
  const transforms = options.transforms ?? [algorithms.envelopedSignature, algorithms.excC14n];
  const c14n = options.c14nAlgorithm ?? algorithms.excC14n;
  const references = (options.referenceUris ?? [`#${options.elementId}`]).map((uri) => {
    const referenced = uri === '' ? document.documentElement : [...Array.from(document.getElementsByTagName('*'))].find((e) => `#${e.getAttribute('ID')}` === uri) ?? target;
    // refusal tests only need the digest a lenient verifier would compute over the element as it is
    const digest = createHash(nodeHash[digestAlgorithm] ?? 'sha256').update(canonicalizeExclusive(referenced)).digest('base64');
    return `<ds:Reference URI="${uri}"><ds:Transforms>${transforms.map((t) => `<ds:Transform Algorithm="${t}"/>`).join('')}</ds:Transforms>`
      + `<ds:DigestMethod Algorithm="${digestAlgorithm}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`;
  });
  const signatureAlgorithm = options.signatureAlgorithm ?? algorithms.rsaPssSha256;
  const signedInfo = `<ds:SignedInfo xmlns:ds="${namespaces.ds}"><ds:CanonicalizationMethod Algorithm="${c14n}"/>`
    + `<ds:SignatureMethod Algorithm="${signatureAlgorithm}"/>${references.join('')}</ds:SignedInfo>`;
  const signedInfoElement = parseXmlSecurely(signedInfo).documentElement;
  const value = signWith(signatureAlgorithm, options.privateKey, Buffer.from(canonicalizeExclusive(signedInfoElement), 'utf8')).toString('base64');
  const keyInfo = options.keyInfoCertificateBase64
    ? `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${options.keyInfoCertificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` : '';
  const signature = parseXmlSecurely(`<ds:Signature xmlns:ds="${namespaces.ds}">${signedInfo.replace(` xmlns:ds="${namespaces.ds}"`, '')}`
    + `<ds:SignatureValue>${value}</ds:SignatureValue>${keyInfo}${options.extraSignatureChild ?? ''}</ds:Signature>`).documentElement;
  const imported = document.importNode(signature, true);
  const issuer = Array.from(target.childNodes).find((n) => n.nodeType === 1 && (n as Element).localName === 'Issuer');
  target.insertBefore(imported, issuer ? issuer.nextSibling : target.firstChild);
  return serialize(document);
}
