import { algorithms, namespaces, type SignatureMethod } from './algorithms.js';
import { inclusivePrefixList } from './canonicalize.js';
import { childElements, onlyChild, requiredAttribute, strictBase64, strictText } from './dom.js';
import { refuse, signatureInvalid } from './failures.js';
import { requireDigest, requireSignatureMethod, type AlgorithmPolicy } from './policy.js';

const ds = namespaces.ds;

/** What a ds:Signature claims, after every structural and algorithm check, before any crypto. */
export interface ParsedSignature {
  signature: Element;
  signedInfo: Element;
  signedInfoPrefixes: string[];
  signatureAlgorithm: string;
  method: SignatureMethod;
  signatureValue: Buffer;
  referenceUri: string;
  digestAlgorithm: string;
  digestHash: string;
  digestValue: Buffer;
  referencePrefixes: string[];
}

/**
 * Reads one ds:Signature as the eIDAS profile allows it and nothing more: SignedInfo, SignatureValue and an
 * optional KeyInfo (never used for trust); one Reference; enveloped-signature plus exclusive c14n transforms.
 */
export function parseSignature(signature: Element, policy: AlgorithmPolicy): ParsedSignature {
  const children = childElements(signature);
  const names = children.map((c) => (c.namespaceURI === ds ? c.localName : `{${c.namespaceURI}}${c.localName}`));
  const shapeOk = (names.length === 2 || (names.length === 3 && names[2] === 'KeyInfo'))
    && names[0] === 'SignedInfo' && names[1] === 'SignatureValue';
  if (!shapeOk) signatureInvalid(`unexpected Signature content: ${names.join(', ')}`);
  const [signedInfo, signatureValueElement] = children as [Element, Element];

  const infoChildren = childElements(signedInfo);
  const c14nMethod = onlyChild(signedInfo, ds, 'CanonicalizationMethod', signatureInvalid);
  const signatureMethod = onlyChild(signedInfo, ds, 'SignatureMethod', signatureInvalid);
  const reference = onlyChild(signedInfo, ds, 'Reference', (detail) => signatureInvalid(`exactly one Reference is allowed (${detail})`));
  if (infoChildren.length !== 3) signatureInvalid('SignedInfo has unexpected children');

  const c14n = requiredAttribute(c14nMethod, 'Algorithm', signatureInvalid);
  if (c14n !== algorithms.excC14n) refuse(`canonicalization method not allowed: ${c14n}`);
  const signatureAlgorithm = requiredAttribute(signatureMethod, 'Algorithm', signatureInvalid);
  const method = requireSignatureMethod(signatureAlgorithm, policy);
  if (childElements(signatureMethod).length > 0) refuse('SignatureMethod parameters (e.g. HMACOutputLength) are not allowed');

  if (!reference.hasAttribute('URI')) signatureInvalid('Reference has no URI');
  const { digestAlgorithm, digestHash, digestValue, referencePrefixes } = parseReference(reference);
  return {
    signature,
    signedInfo,
    signedInfoPrefixes: inclusivePrefixList(c14nMethod),
    signatureAlgorithm,
    method,
    signatureValue: strictBase64(strictText(signatureValueElement, signatureInvalid), signatureInvalid, 'SignatureValue'),
    referenceUri: reference.getAttribute('URI') ?? '',
    digestAlgorithm,
    digestHash,
    digestValue,
    referencePrefixes,
  };
}

function parseReference(reference: Element) {
  const children = childElements(reference);
  if (children.length !== 3 || !children.every((c) => c.namespaceURI === ds)
    || children.map((c) => c.localName).join() !== 'Transforms,DigestMethod,DigestValue') {
    signatureInvalid('Reference must hold Transforms, DigestMethod and DigestValue');
  }
  const [transforms, digestMethod, digestValueElement] = children as [Element, Element, Element];
  const referencePrefixes = checkTransforms(transforms);
  const digestAlgorithm = requiredAttribute(digestMethod, 'Algorithm', signatureInvalid);
  const digestHash = requireDigest(digestAlgorithm);
  const digestValue = strictBase64(strictText(digestValueElement, signatureInvalid), signatureInvalid, 'DigestValue');
  return { digestAlgorithm, digestHash, digestValue, referencePrefixes };
}

/** Exactly enveloped-signature and exclusive c14n (either order, as both yield the same octets). */
function checkTransforms(transforms: Element): string[] {
  const list = childElements(transforms);
  if (list.some((t) => t.namespaceURI !== ds || t.localName !== 'Transform')) signatureInvalid('Transforms has unexpected children');
  const uris = list.map((t) => requiredAttribute(t, 'Algorithm', signatureInvalid));
  for (const uri of uris) {
    if (uri !== algorithms.envelopedSignature && uri !== algorithms.excC14n) refuse(`transform not allowed: ${uri}`);
  }
  if (uris.length !== 2 || !uris.includes(algorithms.envelopedSignature) || !uris.includes(algorithms.excC14n)) {
    refuse('transforms must be exactly enveloped-signature and exclusive c14n');
  }
  const c14nTransform = list[uris.indexOf(algorithms.excC14n)]!;
  if (childElements(list[uris.indexOf(algorithms.envelopedSignature)]!).length > 0) signatureInvalid('enveloped-signature transform takes no parameters');
  return inclusivePrefixList(c14nTransform);
}
