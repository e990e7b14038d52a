import { loaFromUri, loaSatisfies, type Loa } from '../../core/loa.js';
import { AuthorityRefusal } from './protocol.js';
import type { DemoRecord } from './records.js';
import type { VerifiedEvidenceRequest } from './verify-request.js';

/** Names compare case-, accent- and spacing-insensitively (registers and eIDAS transliterations differ there). */
function normalizeName(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\s\-'’]+/g, ' ').trim().toLowerCase();
}

export function checkLoa(request: VerifiedEvidenceRequest, minimum: Loa): void {
  const loa = loaFromUri(request.loa);
  if (!loa) throw new AuthorityRefusal('invalid_request', 'loa is not an eIDAS LoA URI');
  if (!loaSatisfies(loa, minimum)) throw new AuthorityRefusal('loa_too_low', `LoA ${loa} is below ${minimum}`);
}

/**
 * The record the identifier names: an eIDAS PersonIdentifier, or for a wallet PID the
 * administrative number its provider gave (only a PID of this authority's country: another
 * country's numbers are not ours). A PID without a number names no record: names and birth
 * date alone never unlock one.
 */
function recordFor(request: VerifiedEvidenceRequest, records: readonly DemoRecord[], country: string): DemoRecord | undefined {
  const { person_identifier: identifier, issuing_country: pidCountry, personal_administrative_number: number } = request.identity;
  if (identifier !== undefined) return records.find((r) => r.personIdentifier === identifier);
  if (pidCountry !== country || number === undefined) return undefined;
  return records.find((r) => r.administrativeNumber !== undefined && r.administrativeNumber === number);
}

/**
 * Finds the person's record: the identifier must be known (else no_record), and the names and
 * birth date sent must match the record (else identity_mismatch): an identifier alone never
 * unlocks a record.
 */
export function matchRecord(request: VerifiedEvidenceRequest, records: readonly DemoRecord[], country: string): DemoRecord {
  const record = recordFor(request, records, country);
  if (!record) throw new AuthorityRefusal('no_record', 'unknown person identifier');
  const { family_name: family, given_name: given, birthdate } = request.identity;
  const matches = normalizeName(record.familyName) === normalizeName(family)
    && normalizeName(record.givenName) === normalizeName(given)
    && record.birthDate === birthdate;
  if (!matches) throw new AuthorityRefusal('identity_mismatch', 'name or birth date differ from the record');
  return record;
}
