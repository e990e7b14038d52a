import { createPublicKey } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { isSignatureUri, verifyBytes, type SignatureUri } from './algorithms.js';
import { DemoIdpError } from './errors.js';
import { pem, verifyRootSignature } from './xml-signature.js';

const maxEncodedBytes = 64 * 1024;
const maxXmlBytes = 128 * 1024;

/** An AuthnRequest as it arrived, after the binding's decoding and signature check. */
export interface ReceivedAuthnRequest {
  readonly xml: string;
  readonly relayState?: string;
  readonly binding: 'redirect' | 'post';
  readonly signatureAlgorithm: SignatureUri;
  /** The SP certificate (base64 DER) whose key verified the signature. */
  readonly signedBy: string;
}

function decodeBase64(value: string): Buffer {
  if (value.length > maxEncodedBytes || !/^[A-Za-z0-9+/=\s]+$/.test(value)) {
    throw new DemoIdpError('request_malformed', 'SAMLRequest is not base64 or too large');
  }
  return Buffer.from(value, 'base64');
}

function refuseDtd(xml: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new DemoIdpError('request_malformed', 'AuthnRequest carries a DTD');
  return xml;
}

/**
 * The raw (still URL-encoded) query parameters: the redirect binding signs the octets exactly
 * as sent, so they must not be decoded and re-encoded.
 */
function rawQueryParameters(rawQuery: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq);
    if (map.has(name)) throw new DemoIdpError('request_malformed', `query parameter ${name} repeated`);
    map.set(name, part.slice(eq + 1));
  }
  return map;
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** HTTP-Redirect: DEFLATE + base64 + URL-encoding, with a detached signature over the query. */
export function receiveRedirectRequest(rawQuery: string, certificates: readonly string[], allowed: readonly SignatureUri[]): ReceivedAuthnRequest {
  const params = rawQueryParameters(rawQuery);
  const rawRequest = params.get('SAMLRequest');
  if (!rawRequest) throw new DemoIdpError('request_missing');
  const rawRelayState = params.get('RelayState');
  const rawSigAlg = params.get('SigAlg');
  const rawSignature = params.get('Signature');
  if (!rawSigAlg || !rawSignature) throw new DemoIdpError('request_unsigned');
  let sigAlg: string;
  let xml: string;
  try {
    sigAlg = formDecode(rawSigAlg);
    xml = inflateRawSync(decodeBase64(formDecode(rawRequest)), { maxOutputLength: maxXmlBytes }).toString('utf8');
  } catch (error) {
    if (error instanceof DemoIdpError) throw error;
    throw new DemoIdpError('request_malformed', 'SAMLRequest does not inflate');
  }
  if (!isSignatureUri(sigAlg) || !allowed.includes(sigAlg)) throw new DemoIdpError('request_algorithm_refused', `SigAlg ${sigAlg}`);
  const octets = `SAMLRequest=${rawRequest}` + (rawRelayState !== undefined ? `&RelayState=${rawRelayState}` : '') + `&SigAlg=${rawSigAlg}`;
  const signature = decodeBase64(formDecode(rawSignature));
  const signedBy = certificates.find((cert) => verifyBytes(sigAlg as SignatureUri, Buffer.from(octets), createPublicKey(pem(cert)), signature, true));
  if (!signedBy) throw new DemoIdpError('request_signature_invalid', 'redirect signature does not verify with any SP signing key');
  return {
    xml: refuseDtd(xml),
    relayState: rawRelayState !== undefined ? formDecode(rawRelayState) : undefined,
    binding: 'redirect', signatureAlgorithm: sigAlg, signedBy,
  };
}

/** HTTP-POST: base64 in a form field, with an enveloped XML signature on the AuthnRequest. */
export function receivePostRequest(body: Record<string, unknown>, certificates: readonly string[], allowed: readonly SignatureUri[]): ReceivedAuthnRequest {
  const encoded = body['SAMLRequest'];
  if (typeof encoded !== 'string' || encoded === '') throw new DemoIdpError('request_missing');
  const relayState = body['RelayState'];
  if (relayState !== undefined && typeof relayState !== 'string') throw new DemoIdpError('request_malformed', 'RelayState is not a string');
  const decoded = decodeBase64(encoded);
  if (decoded.length > maxXmlBytes) throw new DemoIdpError('request_malformed', 'AuthnRequest too large');
  const xml = refuseDtd(decoded.toString('utf8'));
  if (!/<([A-Za-z_][\w.-]*:)?Signature[\s>]/.test(xml)) throw new DemoIdpError('request_unsigned');
  const method = /SignatureMethod[^>]*Algorithm="([^"]+)"/.exec(xml)?.[1] ?? '';
  if (!isSignatureUri(method) || !allowed.includes(method)) throw new DemoIdpError('request_algorithm_refused', `SignatureMethod ${method}`);
  const verified = verifyRootSignature(xml, certificates, allowed);
  if (!verified) throw new DemoIdpError('request_signature_invalid', 'enveloped signature does not verify with any SP signing key');
  return { xml, relayState, binding: 'post', signatureAlgorithm: method, signedBy: verified.certificateBase64 };
}
