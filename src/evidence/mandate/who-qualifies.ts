import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { normalizeName } from '../authority/identity-match.js';

/**
 * Who may act for whom, read from one document (docs/evidence.md, "Family mandates"). The
 * citizen must appear in the document exactly once, matched by the evidence identity rules
 * (names compared case-, accent- and spacing-insensitively, and the birth date equal); an
 * entry that matches by name but has no birth date, or a second matching entry, makes the
 * document ambiguous, and an ambiguous document never yields a mandate. Only minors qualify
 * as the represented child: parental authority ends at 18.
 */
export interface PersonClaims { given_name: string; family_name: string; birthdate: string }

export interface ChildChoice { key: string; person: PersonClaims; adultOn: string }

export type Qualification =
  | { outcome: 'qualifies'; relationship: 'parent' | 'guardian'; representative: PersonClaims; children: ChildChoice[] }
  | { outcome: 'refused'; code: 'mandate_not_parent' | 'mandate_ambiguous' };

/** Evidence types a mandate can be derived from. */
export const mandateSourceTypes = ['family-composition', 'birth'] as const;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

interface Entry { given_name?: unknown; family_name?: unknown; birth_date?: unknown; relationship?: unknown }

function person(entry: Entry): PersonClaims | undefined {
  const { given_name: given, family_name: family, birth_date: born } = entry;
  if (typeof given !== 'string' || typeof family !== 'string' || given.trim() === '' || family.trim() === '') return undefined;
  if (typeof born !== 'string' || !isoDate.test(born)) return undefined;
  return { given_name: given, family_name: family, birthdate: born };
}

function sameName(entry: Entry, citizen: AuthenticatedCitizen): boolean {
  return typeof entry.given_name === 'string' && typeof entry.family_name === 'string'
    && normalizeName(entry.given_name) === normalizeName(citizen.givenName)
    && normalizeName(entry.family_name) === normalizeName(citizen.familyName);
}

/** The day the person turns 18 (ISO date); 29 February births come of age on 1 March. */
export function adultOn(birthdate: string): string {
  const [y, m, d] = birthdate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + 18, m - 1, d));
  return date.toISOString().slice(0, 10);
}

function isMinor(birthdate: string, now: number): boolean {
  return new Date(`${adultOn(birthdate)}T00:00:00Z`).getTime() > now;
}

/** The citizen's single entry among `entries`, or why there is none. */
function citizenEntry(entries: readonly Entry[], citizen: AuthenticatedCitizen): Entry | 'none' | 'ambiguous' {
  const byName = entries.filter((entry) => sameName(entry, citizen));
  const exact = byName.filter((entry) => entry.birth_date === citizen.dateOfBirth);
  if (exact.length > 1) return 'ambiguous';
  // Same names without a birth date to tell: could be her, could be a namesake.
  if (exact.length === 0) return byName.some((entry) => entry.birth_date === undefined || entry.birth_date === null) ? 'ambiguous' : 'none';
  return exact[0]!;
}

function choices(children: readonly Entry[], now: number): ChildChoice[] | 'ambiguous' {
  const people = children.map(person).filter((p): p is PersonClaims => p !== undefined).filter((p) => isMinor(p.birthdate, now));
  const keys = people.map((p) => `${normalizeName(p.given_name)}|${normalizeName(p.family_name)}|${p.birthdate}`);
  // Two identical entries cannot be told apart: which of them would the mandate name?
  if (new Set(keys).size !== keys.length) return 'ambiguous';
  return people.map((p, i) => ({ key: String(i), person: p, adultOn: adultOn(p.birthdate) }));
}

/** The representative is named as the login identified her (the document entry matched it). */
function asClaims(citizen: AuthenticatedCitizen): PersonClaims {
  return { given_name: citizen.givenName, family_name: citizen.familyName, birthdate: citizen.dateOfBirth };
}

function entriesOf(value: unknown): Entry[] {
  return Array.isArray(value) ? value.filter((v): v is Entry => Boolean(v) && typeof v === 'object' && !Array.isArray(v)) : [];
}

/**
 * Family composition: relationships are stated relative to the head of the household. The
 * head is a parent of the members marked `child`; a member marked `parent` (or `guardian`) is
 * a parent (guardian) of the head. A partner or spouse of the head is not shown as anyone's parent.
 */
function fromFamilyComposition(data: Record<string, unknown>, citizen: AuthenticatedCitizen, now: number): Qualification {
  const members = entriesOf(data.members);
  const own = citizenEntry(members, citizen);
  if (own === 'ambiguous') return { outcome: 'refused', code: 'mandate_ambiguous' };
  if (own === 'none') return { outcome: 'refused', code: 'mandate_not_parent' };
  const representative = asClaims(citizen);
  if (own.relationship === 'head') return qualify('parent', representative, members.filter((m) => m.relationship === 'child'), now);
  if (own.relationship === 'parent' || own.relationship === 'guardian') {
    return qualify(own.relationship, representative, members.filter((m) => m.relationship === 'head'), now);
  }
  return { outcome: 'refused', code: 'mandate_not_parent' };
}

/** Birth certificate: the person born is the child; the citizen must be among the parents (or guardians). */
function fromBirth(data: Record<string, unknown>, subject: Entry | undefined, citizen: AuthenticatedCitizen, now: number): Qualification {
  const parents = entriesOf(data.parents).filter((p) => p.relationship === undefined || p.relationship === 'parent' || p.relationship === 'guardian');
  const own = citizenEntry(parents, citizen);
  if (own === 'ambiguous') return { outcome: 'refused', code: 'mandate_ambiguous' };
  if (own === 'none' || !subject) return { outcome: 'refused', code: 'mandate_not_parent' };
  const child: Entry = { given_name: subject.given_name, family_name: subject.family_name, birth_date: data.birth_date };
  const representative = asClaims(citizen);
  return qualify(own.relationship === 'guardian' ? 'guardian' : 'parent', representative, [child], now);
}

function qualify(relationship: 'parent' | 'guardian', representative: PersonClaims, children: Entry[], now: number): Qualification {
  const found = choices(children, now);
  if (found === 'ambiguous') return { outcome: 'refused', code: 'mandate_ambiguous' };
  if (found.length === 0) return { outcome: 'refused', code: 'mandate_not_parent' };
  return { outcome: 'qualifies', relationship, representative, children: found };
}

/** `subject`: the credential's subject (needed for birth certificates, where the child is the subject). */
export function whoQualifies(input: {
  evidenceType: string; data: Record<string, unknown>; subject?: Entry; citizen: AuthenticatedCitizen; now: number;
}): Qualification {
  if (input.evidenceType === 'family-composition') return fromFamilyComposition(input.data, input.citizen, input.now);
  if (input.evidenceType === 'birth') return fromBirth(input.data, input.subject, input.citizen, input.now);
  return { outcome: 'refused', code: 'mandate_not_parent' };
}
