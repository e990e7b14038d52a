import type { Request } from 'express';
import { PasserelleError } from '../../core/errors.js';
import { parseXmlSecurely } from './crypto/index.js';
import { maxRelayStateBytes } from './saml-constants.js';

/**
 * Reads the HTTP-POST binding form: exactly one SAMLResponse (strict base64 of UTF-8 XML) and
 * at most one RelayState of at most 80 bytes. Anything else is a 400 before any XML is
 * parsed (S-35, S-55, S-56). The XML parser refuses DTDs, entities and several roots (S-29…S-33).
 */
export function readAcsForm(req: Request): { document: Document; relayState: string | undefined } {
  if (!req.is('application/x-www-form-urlencoded')) {
    throw new PasserelleError('saml_response_malformed', 'the ACS accepts only an HTTP-POST form');
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const samlResponse = body.SAMLResponse;
  const relayState = body.RelayState;
  if (typeof samlResponse !== 'string' || samlResponse === '') throw new PasserelleError('saml_response_malformed', 'SAMLResponse missing or repeated');
  if (relayState !== undefined && typeof relayState !== 'string') throw new PasserelleError('saml_response_malformed', 'RelayState repeated');
  if (relayState !== undefined && Buffer.byteLength(relayState, 'utf8') > maxRelayStateBytes) {
    throw new PasserelleError('saml_response_malformed', 'RelayState longer than 80 bytes');
  }
  const compact = samlResponse.replace(/[\r\n\t ]+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new PasserelleError('saml_response_malformed', 'SAMLResponse is not base64');
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw new PasserelleError('saml_response_malformed', 'SAMLResponse is not UTF-8');
  }
  let document: Document;
  try {
    document = parseXmlSecurely(xml);
  } catch (error) {
    throw new PasserelleError('saml_response_malformed', 'SAMLResponse is not acceptable XML', { cause: error });
  }
  if (!document.documentElement) throw new PasserelleError('saml_response_malformed', 'SAMLResponse has no root element');
  return { document, relayState };
}
