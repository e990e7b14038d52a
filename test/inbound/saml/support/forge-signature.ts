import { createHash, createHmac, sign, constants, type KeyObject } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { canonicalizeExclusive } from '../../../../src/inbound/saml/crypto/index.js';
import { DS, mutate } from './xml-mutate.js';

/**
 * Signs an element with algorithms our signer refuses to produce (SHA-1, MD5, HMAC, extra
 * transforms…), so tests can prove the verifier refuses them even when cryptographically valid.
 */
export interface ForgeOptions {
  referenceId: string;
  signatureUri: string;
  digestUri: string;
  digestHash: string;
  /** Computes the SignatureValue over the canonical SignedInfo. */
  sign: (octets: Buffer) => Buffer;
  transforms?: string[];
  c14nUri?: string;
  methodChildren?: string;
}

export function forgeSignature(xml: string, options: ForgeOptions): string {
  return mutate(xml, (doc) => {
    const all = doc.getElementsByTagName('*');
    let target: Element | undefined;
    for (let i = 0; i < all.length; i++) if (all[i]!.getAttribute('ID') === options.referenceId) target = all[i]!;
    if (!target) throw new Error('no target');
    const digest = createHash(options.digestHash).update(canonicalizeExclusive(target), 'utf8').digest('base64');
    const transforms = (options.transforms ?? ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'])
      .map((t) => `<ds:Transform Algorithm="${t}"/>`).join('');
    const signedInfoXml = `<ds:SignedInfo xmlns:ds="${DS}"><ds:CanonicalizationMethod Algorithm="${options.c14nUri ?? 'http://www.w3.org/2001/10/xml-exc-c14n#'}"/>`
      + `<ds:SignatureMethod Algorithm="${options.signatureUri}">${options.methodChildren ?? ''}</ds:SignatureMethod><ds:Reference URI="#${options.referenceId}"><ds:Transforms>${transforms}</ds:Transforms>`
      + `<ds:DigestMethod Algorithm="${options.digestUri}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
    const signedInfo = doc.importNode(new DOMParser().parseFromString(signedInfoXml, 'application/xml').documentElement!, true) as Element;
    const signature = doc.createElementNS(DS, 'ds:Signature');
    signature.appendChild(signedInfo);
    const octets = Buffer.from(canonicalizeExclusive(signedInfo), 'utf8');
    const value = doc.createElementNS(DS, 'ds:SignatureValue');
    value.appendChild(doc.createTextNode(options.sign(octets).toString('base64')));
    signature.appendChild(value);
    const issuer = Array.from({ length: target.childNodes.length }, (_, i) => target!.childNodes[i]!).find((n) => n.nodeType === 1 && (n as Element).localName === 'Issuer');
    target.insertBefore(signature, issuer ? issuer.nextSibling : target.firstChild);
  });
}

export const rsaSigner = (key: KeyObject, hash: string) => (octets: Buffer) => sign(hash, octets, { key, padding: constants.RSA_PKCS1_PADDING });
export const hmacSigner = (secret: Buffer, hash = 'sha1') => (octets: Buffer) => createHmac(hash, secret).update(octets).digest();
export const pssSigner = (key: KeyObject, hash = 'sha256', saltLength = 32) => (octets: Buffer) =>
  sign(hash, octets, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
