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
 * Finds the person's record: the identifier must be known (else no_record), and the names and
 * birth date sent must match the record (else identity_mismatch): an identifier alone never
 * unlocks a record.
 */
export function matchRecord(request: VerifiedEvidenceRequest, records: readonly DemoRecord[]): DemoRecord {
  const record = records.find((r) => r.personIdentifier === request.identity.person_identifier);
  if (!record) throw new AuthorityRefusal('no_record', 'unknown person identifier');
  const { family_name: family, given_name: given, birthdate } = request.identity;
  const matches = normalizeName(record.familyName) === normalizeName(family)
    && normalizeName(record.givenName) === normalizeName(given)
    && record.birthDate === birthdate;
  if (!matches) throw new AuthorityRefusal('identity_mismatch', 'name or birth date differ from the record');
  return record;
}
