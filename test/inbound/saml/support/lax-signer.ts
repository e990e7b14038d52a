import { createHash, sign, type KeyObject } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { algorithms, canonicalizeExclusive, namespaces, parseXmlSecurely } from '../../../../src/inbound/saml/crypto/index.js';

/**
 * Signs an element the way an attacker with a lax parser would: the digest is computed over what xmldom makes
 * of the text when every parser error is ignored (lone surrogates become U+FFFD in UTF-8, control characters
 * and stray markup pass), and the Signature is spliced into the SOURCE text after `anchor`, so the bytes on the
 * wire stay exactly as written. For well-formed input this is an ordinary, valid ECDSA-SHA256 signature.
 */
export function laxSign(source: string, elementId: string, privateKey: KeyObject, anchor: string): string {
  let digest = createHash('sha256').update('').digest('base64');
  try {
    // xmldom 0.8 reads normalizeLineEndings but its types do not list it.
    const options = { errorHandler: () => undefined, normalizeLineEndings: (s: string) => s.replace(/\r\n?/g, '\n') };
    const document = new DOMParser(options).parseFromString(source, 'application/xml');
    const target = Array.from(document.getElementsByTagName('*')).find((e) => e.getAttribute('ID') === elementId);
    if (target) digest = createHash('sha256').update(canonicalizeExclusive(target), 'utf8').digest('base64');
  } catch {
    // Too broken even for a lax parser: keep the digest of nothing; every verifier must refuse it anyway.
  }
  const signedInfo = `<ds:SignedInfo xmlns:ds="${namespaces.ds}"><ds:CanonicalizationMethod Algorithm="${algorithms.excC14n}"/>`
    + `<ds:SignatureMethod Algorithm="${algorithms.ecdsaSha256}"/><ds:Reference URI="#${elementId}"><ds:Transforms>`
    + `<ds:Transform Algorithm="${algorithms.envelopedSignature}"/><ds:Transform Algorithm="${algorithms.excC14n}"/></ds:Transforms>`
    + `<ds:DigestMethod Algorithm="${algorithms.sha256}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const octets = Buffer.from(canonicalizeExclusive(parseXmlSecurely(signedInfo).documentElement), 'utf8');
  const value = sign('sha256', octets, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
  const signature = `<ds:Signature xmlns:ds="${namespaces.ds}">${signedInfo.replace(` xmlns:ds="${namespaces.ds}"`, '')}<ds:SignatureValue>${value}</ds:SignatureValue></ds:Signature>`;
  const at = source.indexOf(anchor);
  if (at === -1) throw new Error(`laxSign: anchor ${anchor} not in the source`);
  return source.slice(0, at + anchor.length) + signature + source.slice(at + anchor.length);
}
