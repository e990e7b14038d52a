import type { AuthenticatedCitizen } from '../../core/citizen.js';

/**
 * Names compare case-, accent- and whitespace-insensitively: national registers and eIDAS
 * transliterations differ in exactly these ways ("Bianchi Sofia" vs "BIANCHI SOFÍA").
 */
export function normalizeName(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\s\-'’]+/g, ' ').trim().toLowerCase();
}

export interface CredentialSubject {
  person_identifier?: unknown;
  personal_administrative_number?: unknown;
  family_name?: unknown;
  given_name?: unknown;
  birthdate?: unknown;
}

/**
 * The identifier the subject must carry: an eIDAS login's PersonIdentifier; for a wallet login,
 * the PID's administrative number (her Passerelle-made identifier is no authority's). A wallet
 * login without one has nothing an authority's document could name her by, so nothing matches.
 */
function expectedIdentifier(subject: CredentialSubject, citizen: AuthenticatedCitizen): boolean {
  if (citizen.source.protocol !== 'openid4vp') return typeof subject.person_identifier === 'string' && subject.person_identifier === citizen.personIdentifier;
  const number = subject.personal_administrative_number;
  return citizen.administrativeNumber !== undefined && typeof number === 'string' && number === citizen.administrativeNumber;
}

/** Whether the credential's subject is this citizen: identifier, names and birth date must all match. */
export function subjectMatchesCitizen(subject: CredentialSubject | undefined, citizen: AuthenticatedCitizen): boolean {
  if (!subject) return false;
  const { family_name: family, given_name: given, birthdate } = subject;
  if (typeof family !== 'string' || typeof given !== 'string' || typeof birthdate !== 'string') return false;
  return expectedIdentifier(subject, citizen)
    && normalizeName(family) === normalizeName(citizen.familyName)
    && normalizeName(given) === normalizeName(citizen.givenName)
    && birthdate === citizen.dateOfBirth;
}
