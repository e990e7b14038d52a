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
  family_name?: unknown;
  given_name?: unknown;
  birthdate?: unknown;
}

/** Whether the credential's subject is this citizen: identifier, names and birth date must all match. */
export function subjectMatchesCitizen(subject: CredentialSubject | undefined, citizen: AuthenticatedCitizen): boolean {
  if (!subject) return false;
  const { person_identifier: id, family_name: family, given_name: given, birthdate } = subject;
  if (typeof id !== 'string' || typeof family !== 'string' || typeof given !== 'string' || typeof birthdate !== 'string') return false;
  return id === citizen.personIdentifier
    && normalizeName(family) === normalizeName(citizen.familyName)
    && normalizeName(given) === normalizeName(citizen.givenName)
    && birthdate === citizen.dateOfBirth;
}
