import type { Request, Response } from 'express';
import type { IssuingAuthorityConfig } from '../config/schema.js';
import type { AppContext } from '../context.js';
import type { AuthenticatedCitizen } from '../core/citizen.js';
import type { Language } from '../web/i18n.js';
import type { FetchedEvidence, RequestEvidenceInput, VerifiedAuthorityCredential, VerifyCredentialOptions } from './authority/index.js';

export type { FetchedEvidence, RequestEvidenceInput } from './authority/index.js';

/**
 * The seam between the evidence domain and its neighbours, defined here once: the OpenID
 * Provider implements `OidcPort` and calls `EvidenceInteractionPort` (src/outbound/oidc imports
 * these types from here), and the issuing-authority client is the `AuthorityPort`.
 * `evidenceFeature` takes them as dependencies so tests can pass doubles; src/features.ts wires
 * the real OpenID Provider.
 */

/** One `authorization_details` entry of type `evidence`, as the OpenID Provider validated it. */
export interface EvidenceRequestDetail {
  type: 'evidence';
  evidence_type: string;
  procedure: string;
  purpose?: string;
  [key: string]: unknown;
}

/**
 * One `authorization_details` entry of type `representation`: the portal asks that the citizen
 * act for a child of hers in `procedure` (docs/integration-portal.md). The child is chosen by
 * the citizen among those her document shows.
 */
export interface RepresentationRequestDetail {
  type: 'representation';
  procedure: string;
  purpose?: string;
  [key: string]: unknown;
}

export type EvidenceStepResult =
  | {
    decision: 'shared';
    consents: Array<{ detail: EvidenceRequestDetail; consentId: string }>;
    /** Mandates given for the representation details (absent or empty when none was asked). */
    mandates?: Array<{ detail: RepresentationRequestDetail; mandateId: string }>;
  }
  | { decision: 'declined' };

export interface EvidenceBeginInput {
  interactionUid: string;
  clientId: string;
  citizenKey: string;
  citizen: AuthenticatedCitizen;
  details: EvidenceRequestDetail[];
  /** Representation details of the same request (a mandate for a child). */
  representations?: RepresentationRequestDetail[];
  lang: Language;
}

/** Implemented here, called by the OpenID Provider after identity consent. */
export interface EvidenceInteractionPort {
  begin(req: Request, res: Response, input: EvidenceBeginInput): Promise<void>;
}

/** What the evidence API learns from a portal's bearer token. */
export interface AccessTokenInfo {
  clientId: string;
  /** Pseudonymous citizen key (the account id). */
  citizenKey: string;
  authorizationDetails: ReadonlyArray<{ type: string; consent_id?: string; [key: string]: unknown }>;
  /** Epoch milliseconds or seconds; normalised by the portal API. */
  expiresAt: number;
}

export interface OidcPort {
  completeEvidenceStep(req: Request, res: Response, interactionUid: string, result: EvidenceStepResult): Promise<void> | void;
  introspectAccessToken(token: string): Promise<AccessTokenInfo | undefined> | AccessTokenInfo | undefined;
  citizenFromSession(req: Request, res: Response): Promise<SessionCitizen | undefined> | SessionCitizen | undefined;
  startSelfLogin(req: Request, res: Response, returnTo: string): Promise<void> | void;
}

export interface SessionCitizen {
  /** Pseudonymous citizen key (the OpenID Provider's account id). */
  citizenKey: string;
  /** Absent when the attributes already expired while the session lives on. */
  citizen?: AuthenticatedCitizen;
}

/** Only what the evidence domain uses of the authority client (src/evidence/authority). */
export type AuthorityCredentialCheck = Pick<VerifiedAuthorityCredential,
  'issuer' | 'authorityId' | 'country' | 'vct' | 'evidenceType' | 'issuedAt' | 'validUntil' | 'expired' | 'documentDigest' | 'subject'>;

export interface AuthorityPort {
  requestEvidence(ctx: AppContext, request: RequestEvidenceInput): Promise<FetchedEvidence>;
  authorityFor(ctx: AppContext, country: string, evidenceType: string): IssuingAuthorityConfig | undefined;
  /** Throws (PasserelleError `credential_invalid`) when the credential does not verify. */
  verifyAuthorityCredential(ctx: AppContext, credential: string, options: VerifyCredentialOptions): Promise<AuthorityCredentialCheck>;
}

export interface EvidenceDeps {
  oidc: OidcPort;
  /** Defaults to the real client (src/evidence/authority); tests may pass a double. */
  authority?: AuthorityPort;
  /** Test seam: called at named points inside transactions; throwing there must leave no partial rows. */
  checkpoint?: (stage: string) => void | Promise<void>;
}
