import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Sharings written straight into the tables (no flow, no signature), for tests about how
 * retention copes with many rows: one kept item, one status list, `count` consents on it.
 */
export async function insertSharings(knex: Knex, input: { citizenKey: string; count: number; givenAt: number; expiresAt: number; validUntil?: number }): Promise<{ itemId: string; consentIds: string[] }> {
  const itemId = randomUUID();
  const listId = randomUUID();
  await knex('evidence_items').insert({
    id: itemId, citizen_key: input.citizenKey, evidence_type: 'birth', authority_id: 'it-anpr', issuer: 'https://anpr.example', state: 'stored',
    kept: true, media_type: 'application/pdf', filename: 'x.pdf', byte_size: 1, document_digest: 'd', credential_digest: 'c',
    wrap_alg: 'A256KW', wrap_kid: 'k', wrapped_key: 'w', document_enc: 'e', credential_enc: 'e', data_enc: 'e',
    issued_at: input.givenAt, valid_until: input.validUntil ?? null, requested_at: input.givenAt, fetched_at: input.givenAt, kept_at: input.givenAt,
  });
  await knex('evidence_status_lists').insert({ id: listId, bits: 1, size: 16_384, created_at: input.givenAt, allocated: input.count });
  const consentIds = Array.from({ length: input.count }, () => randomUUID());
  for (let from = 0; from < consentIds.length; from += 200) {
    const ids = consentIds.slice(from, from + 200);
    await knex('evidence_consents').insert(ids.map((id, n) => ({
      id, citizen_key: input.citizenKey, evidence_id: itemId, client_id: 'bremerhaven-kita', evidence_type: 'birth', procedure: 'p', purpose: 'q',
      legal_basis: 'GDPR Art. 6(1)(a) consent', given_at: input.givenAt, expires_at: input.expiresAt, status_list_id: listId, status_idx: from + n, attestation: 'a',
    })));
    await knex('evidence_status_entries').insert(ids.map((id, n) => ({ list_id: listId, idx: from + n, consent_id: id, status: 0, changed_at: input.givenAt })));
  }
  return { itemId, consentIds };
}
