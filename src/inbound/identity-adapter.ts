import type { Request, Response } from 'express';
import type { AuthenticatedCitizen } from '../core/citizen.js';
import type { PasserelleError } from '../core/errors.js';
import type { PersonKind, RequestedAttribute } from '../core/legal-person-attributes.js';
import type { Loa } from '../core/loa.js';

/**
 * The seam between an inbound identity adapter (eIDAS SAML today, national OIDC later) and
 * whatever asked for a login (the OpenID Provider's interaction). Neither side knows the
 * other's protocol: they exchange a flow id, the neutral citizen, or a PasserelleError.
 */
export interface LoginRequest {
  /** Opaque id of the waiting flow (the OIDC interaction uid). Stored server-side only. */
  flowId: string;
  /** ISO 3166-1 alpha-2 code of the citizen's country. */
  country: string;
  /** Lowest LoA the caller accepts; adapters request at least this and refuse less. */
  minimumLoa: Loa;
  /**
   * Who logs in: a natural person (the default), or a natural person on behalf of an organisation
   * (`legal`: the legal-person attributes are requested, the representative's come with them).
   */
  subject?: PersonKind;
  /** Attributes of that kind of person the caller wants; the other kind's are ignored. */
  requestedAttributes: readonly RequestedAttribute[];
  /** Name of the requesting portal, for SAML Scoping/RequesterID and audit. */
  requesterId?: string;
}

export interface IdentityAdapter {
  readonly protocol: 'eidas-saml' | 'oidc' | 'openid4vp';
  /** Countries this adapter can authenticate. */
  countries(): readonly string[];
  /**
   * The highest level of assurance the country's identity provider is certified for, as it
   * publishes it; undefined when it does not say (or is not loaded yet). A country that cannot
   * reach the level a portal asks for is not offered a login that can only fail.
   */
  certifiedLoa?(country: string): Loa | undefined;
  /** Sends the browser to the country's identity provider. */
  startLogin(req: Request, res: Response, login: LoginRequest): Promise<void>;
}

export interface LoginFailureFacts {
  country?: string;
  requestedLoa?: Loa;
  assertedLoa?: Loa;
}

/** Implemented by the side that waits for a login (the OpenID Provider). */
export interface LoginHandOff {
  loginSucceeded(req: Request, res: Response, flowId: string, citizen: AuthenticatedCitizen): Promise<void>;
  /**
   * Cancellation (`authentication_cancelled`), an upstream failure, or a login that took too
   * long (`login_flow_expired`): the portal later receives an OAuth error. `facts` say what
   * the citizen's explanation needs: whose identity provider answered, and for `loa_too_low`
   * the level asked for and the level asserted.
   */
  loginFailed(req: Request, res: Response, flowId: string, error: PasserelleError, facts?: LoginFailureFacts): Promise<void>;
  /**
   * A second answer for a login of this browser that was already answered (back, refresh):
   * refuse it with `error`, changing nothing, on a page that leads back to the portal.
   */
  loginOver?(req: Request, res: Response, flowId: string, error: PasserelleError): Promise<void>;
}

/**
 * An adapter offered beside the countries rather than for one (the EU Digital Identity Wallet):
 * only to the portals it can act for.
 */
export interface PortalScopedAdapter extends IdentityAdapter {
  offeredTo(clientId: string): boolean;
}
