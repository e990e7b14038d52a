import { PasserelleError } from './errors.js';
import type { Loa } from './loa.js';
import { buildOrganisation, type Organisation } from './organisation.js';
import { isValidDateOfBirth } from './date-of-birth.js';
import { isCleanText } from './text-value.js';

/** A postal address as eIDAS CurrentAddress carries it (all parts optional). */
export interface CitizenAddress {
  poBox?: string;
  locatorDesignator?: string;
  locatorName?: string;
  cvaddressArea?: string;
  thoroughfare?: string;
  postName?: string;
  adminUnitFirstLine?: string;
  adminUnitSecondLine?: string;
  postCode?: string;
  fullCvaddress?: string;
}

export type Gender = 'Male' | 'Female' | 'Unspecified';

/** The neutral, protocol-free result of a successful foreign eID login. */
export interface AuthenticatedCitizen {
  /** eIDAS unique identifier `XX/YY/opaque`. */
  readonly personIdentifier: string;
  readonly familyName: string;
  readonly givenName: string;
  /** ISO date `YYYY-MM-DD` (partial dates `YYYY` or `YYYY-MM` are kept as sent). */
  readonly dateOfBirth: string;
  readonly birthName?: string;
  readonly placeOfBirth?: string;
  readonly currentAddress?: CitizenAddress;
  readonly gender?: Gender;
  readonly phoneNumber?: string;
  readonly nationality?: readonly string[];
  readonly countryOfBirth?: string;
  readonly townOfBirth?: string;
  readonly countryOfResidence?: string;
  readonly emailAddress?: string;
  /**
   * Set when the citizen logged in on behalf of an organisation (eIDAS 1.2 representation): the
   * organisation is the represented legal person, and every natural-person field above describes its
   * representative, the person who authenticated.
   */
  readonly onBehalfOf?: Organisation;
  /**
   * A wallet login's PID `personal_administrative_number`, when the PID has one: the number its
   * provider (in `country`) gave her, which her home country's registers know her by. Her
   * `personIdentifier` is then one Passerelle made, which no issuing authority knows, so evidence
   * requests name her by this number instead (docs/evidence-authorities.md). Never sent to portals.
   */
  readonly administrativeNumber?: string;
  /** Level of assurance the identity provider asserted. */
  readonly loa: Loa;
  /** ISO 3166-1 alpha-2 code of the country whose eID was used. */
  readonly country: string;
  /** Where the identity came from: protocol and issuer (e.g. the IdP entityID). */
  readonly source: { readonly protocol: 'eidas-saml' | 'oidc' | 'openid4vp'; readonly issuer: string };
  /** Identifier of the upstream assertion, for audit correlation. */
  readonly assertionId: string;
  /** When the upstream authentication happened (epoch milliseconds). */
  readonly authenticatedAt: number;
}

const identifierPattern = /^([A-Z]{2})\/([A-Z]{2})\/(.+)$/;
const freeTextFields = ['familyName', 'givenName', 'birthName', 'placeOfBirth', 'townOfBirth', 'phoneNumber', 'emailAddress', 'administrativeNumber'] as const;
const countryPattern = /^[A-Z]{2}$/;

/** Control characters (C0, DEL, C1) or lone surrogates: never part of a name or identifier (text-value.ts). */
export function hasControlCharacters(value: string): boolean {
  return !isCleanText(value);
}

export function parsePersonIdentifier(value: string): { issuingCountry: string; receivingCountry: string; id: string } | undefined {
  const match = identifierPattern.exec(value);
  if (!match || match[3]!.length > 256 || !isCleanText(match[3]!)) return undefined;
  return { issuingCountry: match[1]!, receivingCountry: match[2]!, id: match[3]! };
}

/**
 * Builds the citizen and checks every invariant once, so no later step sees a half-built one.
 * `receivingCountry` is the country Passerelle operates in (the second code of the identifier).
 */
export function buildCitizen(input: Omit<AuthenticatedCitizen, never>, receivingCountry: string): AuthenticatedCitizen {
  for (const field of ['personIdentifier', 'familyName', 'givenName', 'dateOfBirth'] as const) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new PasserelleError('citizen_attribute_missing', `mandatory attribute ${field} missing`);
    }
  }
  const identifier = parsePersonIdentifier(input.personIdentifier);
  if (!identifier) throw new PasserelleError('person_identifier_invalid', 'identifier does not match XX/YY/id');
  if (identifier.issuingCountry !== input.country) {
    throw new PasserelleError('person_identifier_invalid', 'identifier issuing country differs from the authenticating country');
  }
  if (identifier.receivingCountry !== receivingCountry) {
    throw new PasserelleError('person_identifier_invalid', 'identifier receiving country is not ours');
  }
  if (!isValidDateOfBirth(input.dateOfBirth, input.authenticatedAt)) {
    throw new PasserelleError('citizen_attribute_malformed', 'dateOfBirth is not a real calendar date (YYYY-MM-DD, YYYY-MM or YYYY) up to today');
  }
  for (const field of freeTextFields) {
    const value = input[field];
    if (value !== undefined && !isCleanText(value)) throw new PasserelleError('citizen_attribute_malformed', `${field} contains a control character`);
  }
  if (input.administrativeNumber !== undefined && (input.administrativeNumber.trim() === '' || input.administrativeNumber.length > 256)) {
    throw new PasserelleError('citizen_attribute_malformed', 'administrativeNumber is empty or longer than 256 characters');
  }
  // A full address may span lines; line feeds are the one control character an address part may hold.
  for (const [part, value] of Object.entries(input.currentAddress ?? {})) {
    if (typeof value === 'string' && !isCleanText(value.replace(/\n/g, ''))) throw new PasserelleError('citizen_attribute_malformed', `currentAddress.${part} contains a control character`);
  }
  if (input.gender !== undefined && !['Male', 'Female', 'Unspecified'].includes(input.gender)) {
    throw new PasserelleError('citizen_attribute_malformed', 'gender is not Male, Female or Unspecified');
  }
  for (const field of ['countryOfBirth', 'countryOfResidence'] as const) {
    const value = input[field];
    if (value !== undefined && !countryPattern.test(value)) {
      throw new PasserelleError('citizen_attribute_malformed', `${field} is not a country code`);
    }
  }
  if (input.nationality?.some((n) => !countryPattern.test(n))) {
    throw new PasserelleError('citizen_attribute_malformed', 'nationality is not a country code');
  }
  const onBehalfOf = input.onBehalfOf === undefined ? undefined : buildOrganisation(input.onBehalfOf, input.country, receivingCountry);
  return Object.freeze({ ...input, ...(onBehalfOf ? { onBehalfOf } : {}) });
}
