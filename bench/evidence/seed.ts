import type { Knex } from 'knex';

export interface SeedSize { citizens: number; documents: number; consents: number; trackerRows: number }

/** The size of issue #12's measurements: a deployment some years in. */
export const fullSeed: SeedSize = { citizens: 100_000, documents: 145_000, consents: 171_000, trackerRows: 1_100_000 };

/**
 * Fills the evidence tables of a PostgreSQL schema with generated rows, server-side
 * (`insert … select … from generate_series`), in a few seconds for the full size: stored
 * documents, consents in force with their status-list entries (lists counted as full as they
 * are), and tracker rows with their heads. The rows are shaped like real ones (same indexes
 * hit) but carry no content and no valid hashes: no measurement reads a seeded citizen's chain.
 */
export async function seedEvidence(knex: Knex, size: SeedSize, now: number, prefix = 'seed'): Promise<void> {
  if (!/^[a-z]{1,8}$/.test(prefix)) throw new Error('seed prefix: a few lowercase letters');
  const day = 86_400_000;
  const uuid = (expr: string) => `(substr(md5(${expr}),1,8)||'-'||substr(md5(${expr}),9,4)||'-4'||substr(md5(${expr}),14,3)||'-a'||substr(md5(${expr}),18,3)||'-'||substr(md5(${expr}),21,12))`;
  const n = (value: number) => String(Math.trunc(value));
  const [c, d, k, perList] = [n(size.citizens), n(size.documents), n(size.consents), '8192'];
  const [past, given, expires, valid] = [n(now - 30 * day), n(now - 20 * day), n(now + 60 * day), n(now + 365 * day)];
  await knex.raw(`insert into evidence_items (id, citizen_key, evidence_type, authority_id, issuer, state, kept, media_type, filename, byte_size,
      document_digest, credential_digest, wrap_alg, wrap_kid, wrapped_key, document_enc, credential_enc, data_enc, issued_at, valid_until, requested_at, fetched_at)
    select ${uuid(`'${prefix}item'||i`)}, '${prefix}-'||(i % ${c}), 'birth', 'it-anpr', 'https://seed.example', 'stored', (i % 3 = 0), 'application/pdf', 'seed.pdf', 1,
      md5('d'||i), md5('c'||i), 'A256KW', 'seed', 'w', 'e', 'e', 'e', ${past}, ${valid}, ${past}, ${past}
    from generate_series(0, ${d} - 1) as i`);
  await knex.raw(`insert into evidence_status_lists (id, bits, size, created_at, allocated)
    select ${uuid(`'${prefix}list'||l`)}, 1, 16384, ${past} + l, least(${perList}, ${k} - l * ${perList})
    from generate_series(0, (${k} + ${perList} - 1) / ${perList} - 1) as l`);
  await knex.raw(`insert into evidence_consents (id, citizen_key, evidence_id, client_id, evidence_type, procedure, purpose, legal_basis,
      given_at, expires_at, status_list_id, status_idx, attestation)
    select ${uuid(`'${prefix}consent'||i`)}, '${prefix}-'||((i % ${d}) % ${c}), ${uuid(`'${prefix}item'||(i % ${d})`)}, 'bench-portal', 'birth', 'seed', 'seed',
      'GDPR Art. 6(1)(a) consent', ${given}, ${expires} + (i % 1000) * 60000, ${uuid(`'${prefix}list'||(i / ${perList})`)}, i % ${perList}, 'seed'
    from generate_series(0, ${k} - 1) as i`);
  await knex.raw(`insert into evidence_status_entries (list_id, idx, consent_id, status, changed_at)
    select ${uuid(`'${prefix}list'||(i / ${perList})`)}, i % ${perList}, ${uuid(`'${prefix}consent'||i`)}, 0, ${given}
    from generate_series(0, ${k} - 1) as i`);
  await knex.raw(`insert into evidence_log (citizen_key, seq, at, event, actor_type, actor_id, evidence_type, outcome, detail, prev_hash, hash)
    select '${prefix}-'||(i % ${c}), i / ${c} + 1, ${given} + i, 'portal_access', 'portal', 'bench-portal', 'birth', 'ok', 'document',
      md5('p'||i)||md5('q'||i), md5('h'||i)||md5('k'||i)
    from generate_series(0, ${n(size.trackerRows)} - 1) as i`);
  await knex.raw(`insert into evidence_log_heads (citizen_key, seq, hash)
    select citizen_key, max(seq), 'seed' from evidence_log where citizen_key like '${prefix}-%' group by citizen_key`);
  await knex.raw('analyze');
}
