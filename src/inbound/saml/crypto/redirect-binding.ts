import type { KeyObject } from 'node:crypto';
import { signatureMethods } from './algorithms.js';
import { strictBase64 } from './dom.js';
import { signatureInvalid } from './failures.js';
import type { TrustedKey } from './keys.js';
import { requireSignatureMethod, type AlgorithmPolicy } from './policy.js';
import { defaultSignatureAlgorithm, signRaw } from './signature-algorithms.js';
import { verifyWithTrustedKeys } from './trusted-verify.js';

type MessageName = 'SAMLRequest' | 'SAMLResponse';
export type RedirectParams = ({ SAMLRequest: string; SAMLResponse?: undefined } | { SAMLResponse: string; SAMLRequest?: undefined }) & { RelayState?: string };

/**
 * HTTP-Redirect binding signature (saml-bindings §3.4.4.1) over "SAMLRequest=…&RelayState=…&SigAlg=…", each
 * value URL-encoded with encodeURIComponent. `query` is the complete query string to append to the SSO URL.
 */
export function signRedirectBinding(params: RedirectParams, privateKey: KeyObject, sigAlg?: string): { SigAlg: string; Signature: string; query: string } {
  const algorithm = sigAlg ?? defaultSignatureAlgorithm(privateKey);
  const method = signatureMethods[algorithm];
  if (!method) throw new Error(`signRedirectBinding: unsupported SigAlg ${algorithm}`);
  const name: MessageName = params.SAMLRequest !== undefined ? 'SAMLRequest' : 'SAMLResponse';
  const value = params.SAMLRequest ?? params.SAMLResponse ?? '';
  const signed = [`${name}=${encodeURIComponent(value)}`];
  if (params.RelayState !== undefined) signed.push(`RelayState=${encodeURIComponent(params.RelayState)}`);
  signed.push(`SigAlg=${encodeURIComponent(algorithm)}`);
  const octets = signed.join('&');
  const signature = signRaw(method, privateKey, Buffer.from(octets, 'utf8')).toString('base64');
  return { SigAlg: algorithm, Signature: signature, query: `${octets}&Signature=${encodeURIComponent(signature)}` };
}

export interface VerifiedRedirect { message: MessageName; value: string; relayState?: string; sigAlg: string; trustedKeyIndex: number }

/**
 * Verifies a Redirect-binding query string exactly as received (the signature covers the raw, still
 * URL-encoded octets, so they are not re-encoded). Duplicate or missing parameters are refused.
 */
export function verifyRedirectBinding(rawQuery: string, trusted: ReadonlyArray<TrustedKey>, policy: AlgorithmPolicy): VerifiedRedirect {
  const raw = new Map<string, string>();
  for (const pair of rawQuery.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    if (!['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg', 'Signature'].includes(name)) continue;
    if (raw.has(name)) signatureInvalid(`duplicate ${name} parameter`);
    raw.set(name, at < 0 ? '' : pair.slice(at + 1));
  }
  const message: MessageName | undefined = raw.has('SAMLRequest') === raw.has('SAMLResponse') ? undefined : (raw.has('SAMLRequest') ? 'SAMLRequest' : 'SAMLResponse');
  const rawSigAlg = raw.get('SigAlg');
  const rawSignature = raw.get('Signature');
  if (!message || rawSigAlg === undefined || rawSignature === undefined) signatureInvalid('unsigned or incomplete redirect-binding message');
  const decode = (value: string): string => {
    try { return decodeURIComponent(value.replace(/\+/g, ' ')); } catch { return signatureInvalid('malformed URL encoding'); }
  };
  const sigAlg = decode(rawSigAlg);
  const method = requireSignatureMethod(sigAlg, policy);
  const signed = [`${message}=${raw.get(message)}`];
  if (raw.has('RelayState')) signed.push(`RelayState=${raw.get('RelayState')}`);
  signed.push(`SigAlg=${rawSigAlg}`);
  const signature = strictBase64(decode(rawSignature), signatureInvalid, 'Signature');
  const trustedKeyIndex = verifyWithTrustedKeys(method, trusted, policy, Buffer.from(signed.join('&'), 'utf8'), signature);
  const relay = raw.get('RelayState');
  return { message, value: decode(raw.get(message)!), ...(relay !== undefined ? { relayState: decode(relay) } : {}), sigAlg, trustedKeyIndex };
}
