import { X509Certificate } from 'node:crypto';
import { PasserelleError } from '../../../core/errors.js';
import type { TrustedList, TrustedPidProvider } from '../trusted-list.js';

const maxChainLength = 5;

function validAt(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}

function issuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

function reachesAnchor(last: X509Certificate, anchor: X509Certificate, now: number): boolean {
  if (!validAt(anchor, now)) return false;
  return last.raw.equals(anchor.raw) || issuedBy(last, anchor);
}

/**
 * The PID's signing certificate chain (x5c, leaf first) must be valid now, each certificate
 * signed by the next (a CA), and end at, or be issued by, an anchor of a trusted PID provider.
 * Returns that provider and the leaf, whose key then verifies the PID's signature.
 */
export function checkIssuerChain(list: TrustedList, x5c: unknown, now: number): { provider: TrustedPidProvider; leaf: X509Certificate } {
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > maxChainLength || !x5c.every((c) => typeof c === 'string' || c instanceof Uint8Array)) {
    throw new PasserelleError('wallet_issuer_untrusted', 'the PID carries no usable x5c chain');
  }
  let chain: X509Certificate[];
  try {
    chain = x5c.map((c: string | Uint8Array) => new X509Certificate(typeof c === 'string' ? Buffer.from(c, 'base64') : Buffer.from(c)));
  } catch (error) {
    throw new PasserelleError('wallet_issuer_untrusted', 'an x5c certificate is unreadable', { cause: error });
  }
  if (!chain.every((certificate) => validAt(certificate, now))) throw new PasserelleError('wallet_issuer_untrusted', 'a certificate of the chain is not valid now');
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!issuedBy(chain[i]!, chain[i + 1]!)) throw new PasserelleError('wallet_issuer_untrusted', `x5c[${i}] is not issued by x5c[${i + 1}]`);
  }
  const last = chain[chain.length - 1]!;
  const provider = list.providers.find((p) => p.anchors.some((anchor) => reachesAnchor(last, anchor, now)));
  if (!provider) throw new PasserelleError('wallet_issuer_untrusted', 'the chain reaches no trusted PID provider');
  return { provider, leaf: chain[0]! };
}
