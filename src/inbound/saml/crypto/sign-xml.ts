import { createHash, type KeyObject } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import { algorithms, digestHashes, namespaces, signatureMethods } from './algorithms.js';
import { canonicalizeExclusive } from './canonicalize.js';
import { childElements, elementsWithId } from './dom.js';
import { parseXmlSecurely } from './parse-xml.js';
import { defaultSignatureAlgorithm, keyFit, signRaw } from './signature-algorithms.js';
import { nationalPolicy } from './policy.js';

export interface SignXmlOptions {
  /** ID of the element to sign (the Reference is "#" + this ID). */
  referenceId: string;
  privateKey: KeyObject;
  /** Base64 DER of our certificate, published as KeyInfo/X509Data for the receiver's convenience. */
  certificateBase64?: string;
  /** Place the Signature right after this child (e.g. 'Issuer'); default: after Issuer if any, else first. */
  insertAfterLocalName?: string;
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
}

const ds = namespaces.ds;

/** Signs `xml` with an enveloped, exclusive-c14n signature of the element with ID `referenceId`. */
export function signXml(xml: string, options: SignXmlOptions): string {
  const document = parseXmlSecurely(xml);
  const targets = elementsWithId(document, options.referenceId);
  if (targets.length !== 1) throw new Error(`signXml: expected one element with ID ${options.referenceId}, found ${targets.length}`);
  const target = targets[0]!;
  const signatureAlgorithm = options.signatureAlgorithm ?? defaultSignatureAlgorithm(options.privateKey);
  const method = signatureMethods[signatureAlgorithm];
  if (!method || keyFit(method, options.privateKey, nationalPolicy({ allowRsaPkcs1v15Signatures: true })) !== 'usable') {
    throw new Error(`signXml: ${signatureAlgorithm} cannot be used with this key`);
  }
  const digestAlgorithm = options.digestAlgorithm ?? algorithms.sha256;
  const digestHash = digestHashes[digestAlgorithm];
  if (!digestHash || digestHash === 'sha1') throw new Error(`signXml: digest ${digestAlgorithm} not supported`);
  // Digest before the Signature exists: identical to applying the enveloped-signature transform afterwards.
  const digest = createHash(digestHash).update(canonicalizeExclusive(target), 'utf8').digest('base64');

  const el = (name: string, attributes: Record<string, string> = {}, text?: string): Element => {
    const element = document.createElementNS(ds, `ds:${name}`);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (text !== undefined) element.appendChild(document.createTextNode(text));
    return element;
  };
  const append = (parent: Element, ...children: Element[]): Element => { children.forEach((c) => parent.appendChild(c)); return parent; };

  const signature = el('Signature');
  signature.setAttributeNS(namespaces.xmlns, 'xmlns:ds', ds);
  const signedInfo = append(el('SignedInfo'),
    el('CanonicalizationMethod', { Algorithm: algorithms.excC14n }),
    el('SignatureMethod', { Algorithm: signatureAlgorithm }),
    append(el('Reference', { URI: `#${options.referenceId}` }),
      append(el('Transforms'), el('Transform', { Algorithm: algorithms.envelopedSignature }), el('Transform', { Algorithm: algorithms.excC14n })),
      el('DigestMethod', { Algorithm: digestAlgorithm }),
      el('DigestValue', {}, digest)));
  const signatureValue = el('SignatureValue');
  append(signature, signedInfo, signatureValue);
  if (options.certificateBase64) {
    append(signature, append(el('KeyInfo'), append(el('X509Data'), el('X509Certificate', {}, options.certificateBase64.replace(/\s+/g, '')))));
  }
  insertSignature(target, signature, options.insertAfterLocalName);

  const octets = Buffer.from(canonicalizeExclusive(signedInfo), 'utf8');
  signatureValue.appendChild(document.createTextNode(signRaw(method, options.privateKey, octets).toString('base64')));
  return new XMLSerializer().serializeToString(document);
}

function insertSignature(target: Element, signature: Element, afterLocalName?: string): void {
  const anchorName = afterLocalName ?? 'Issuer';
  const anchor = childElements(target).find((child) => child.localName === anchorName);
  if (!anchor && afterLocalName) throw new Error(`signXml: no ${afterLocalName} child to place the Signature after`);
  target.insertBefore(signature, anchor ? anchor.nextSibling : target.firstChild);
}
