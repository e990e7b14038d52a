import type { KeyObject } from 'node:crypto';
import type { Config, CountryConfig } from '../../../config/schema.js';
import type { AuthenticatedCitizen } from '../../../core/citizen.js';
import type { PasserelleError } from '../../../core/errors.js';
import type { Loa } from '../../../core/loa.js';
import type { Database } from '../../../storage/database.js';
import type { IdpMetadata } from '../metadata/idp-metadata.js';
import type { IdpMetadataRegistry } from '../metadata/metadata-registry.js';
import type { PendingSamlRequest } from '../saml-request-store.js';

/** One received attribute: its values as plain text, with the eIDAS LatinScript marker. */
export interface ReceivedAttributeValue { text: string; latinScript: boolean }

/** What the checks need from the running instance. */
export interface AcsDependencies {
  readonly config: Config;
  readonly db: Database;
  readonly registry: IdpMetadataRegistry;
  readonly decryptionKeys: () => KeyObject[];
}

/**
 * The state a SAML Response accumulates while it passes the checks. Each check reads what
 * earlier checks established and adds its own finding; nothing here is written anywhere
 * until every check has passed.
 */
export interface AcsState {
  readonly deps: AcsDependencies;
  readonly now: number;
  readonly skewMs: number;
  readonly acsUrl: string;
  readonly spEntityId: string;
  /** Hash of this browser's binding cookie (undefined: no cookie). */
  readonly browserBinding: string | undefined;
  readonly relayState: string | undefined;
  readonly document: Document;
  readonly response: Element;
  pending?: PendingSamlRequest;
  /** This browser's request, found expired or already answered: its flow is told it is over. */
  endedFlow?: PendingSamlRequest;
  country?: CountryConfig;
  idp?: IdpMetadata;
  /** Set by the status check when the IdP reports a failure or cancellation; the pipeline stops. */
  statusFailure?: PasserelleError;
  encrypted?: boolean;
  /** The one, verified Assertion (in the response document or in its decrypted document). */
  assertion?: Element;
  assertionId?: string;
  /** Until when the assertion may be replayed at most (replay cache expiry). */
  assertionExpiresAt?: number;
  loa?: Loa;
  /** The asserted level when it was below the request (with a `loa_too_low` statusFailure). */
  refusedLoa?: Loa;
  authnInstant?: number;
  attributes?: Map<string, ReceivedAttributeValue[]>;
  citizen?: AuthenticatedCitizen;
}

export interface AcsCheck {
  /** What the check enforces, for logs. */
  readonly name: string;
  run(state: AcsState): void | Promise<void>;
}

/** Narrows a field that an earlier check must have set (a programming error otherwise). */
export function established<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`ACS pipeline order: ${what} not established yet`);
  return value;
}
