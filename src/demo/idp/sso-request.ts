import type { Request } from 'express';
import { receivePostRequest, receiveRedirectRequest, type ReceivedAuthnRequest } from './authn-request-binding.js';
import { readAuthnRequest, type AuthnRequestFields } from './authn-request-read.js';
import type { CountryIdp } from './country-idp.js';
import { DemoIdpError } from './errors.js';
import type { SpDescription } from './sp-description.js';
import type { SpSource } from './sp-source.js';

/** How far an AuthnRequest's IssueInstant may be from our clock. */
const allowedSkewMs = 5 * 60_000;
const maxRelayStateLength = 1024;

export interface AcceptedAuthnRequest {
  readonly fields: AuthnRequestFields;
  readonly relayState?: string;
  readonly acsUrl: string;
  readonly sp: SpDescription;
}

function receive(req: Request, binding: 'redirect' | 'post', idp: CountryIdp, sp: SpDescription): ReceivedAuthnRequest {
  if (binding === 'redirect') {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    return receiveRedirectRequest(query, sp.signingCertificates, idp.requestAlgorithms);
  }
  return receivePostRequest((req.body ?? {}) as Record<string, unknown>, sp.signingCertificates, idp.requestAlgorithms);
}

/**
 * The table of checks an AuthnRequest passes before the login page shows: binding decoding
 * and signature (keys from the SP's metadata only), structure, issuer, destination, age,
 * and an AssertionConsumerService the SP registered.
 */
export async function acceptAuthnRequest(req: Request, binding: 'redirect' | 'post', idp: CountryIdp, spSource: SpSource, now: number): Promise<AcceptedAuthnRequest> {
  let sp = await spSource.get();
  let received: ReceivedAuthnRequest;
  try {
    received = receive(req, binding, idp, sp);
  } catch (error) {
    // Passerelle may have rotated its keys since we read its metadata: look once more.
    if (!(error instanceof DemoIdpError) || error.code !== 'request_signature_invalid') throw error;
    const fresh = await spSource.get({ fresh: true });
    if (fresh === sp) throw error;
    sp = fresh;
    received = receive(req, binding, idp, sp);
  }
  const fields = readAuthnRequest(received.xml);
  if (fields.issuer !== sp.entityId) throw new DemoIdpError('request_issuer_unknown', 'Issuer is not the SP entityID');
  if (!fields.destination) throw new DemoIdpError('request_malformed', 'Destination missing');
  if (fields.destination !== idp.ssoUrl) throw new DemoIdpError('request_destination_wrong', 'Destination is not this IdP');
  if (Math.abs(now - fields.issueInstant) > allowedSkewMs) throw new DemoIdpError('request_expired', 'IssueInstant outside the allowed window');
  if (fields.acsUrl !== undefined && !sp.acsUrls.includes(fields.acsUrl)) {
    throw new DemoIdpError('request_acs_unknown', 'AssertionConsumerServiceURL is not in the SP metadata');
  }
  if (received.relayState !== undefined && received.relayState.length > maxRelayStateLength) {
    throw new DemoIdpError('request_malformed', 'RelayState too long');
  }
  return { fields, relayState: received.relayState, acsUrl: fields.acsUrl ?? sp.acsUrls[0]!, sp };
}
