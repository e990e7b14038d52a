import type { Knex } from 'knex';

/**
 * The evidence domain: the citizen's encrypted vault, consents (append-only, with their
 * own event stream), Passerelle's Token Status Lists, the citizen's hash-chained data
 * tracker, and the state of the evidence step of a login (flows).
 * Timestamps are epoch milliseconds, JSON is text (src/storage/values.ts).
 */
const appendOnlyTables = ['evidence_consents', 'evidence_consent_events', 'evidence_log'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evidence_items', (t) => {
    t.string('id', 36).primary();
    t.string('citizen_key', 64).notNullable();
    t.string('evidence_type', 100).notNullable();
    t.string('authority_id', 100).notNullable();
    t.string('issuer', 500).notNullable();
    /** preview (fetched in a flow, not yet shared or kept) | stored | erased | purged */
    t.string('state', 16).notNullable();
    t.string('flow_id', 36);
    t.boolean('kept').notNullable().defaultTo(false);
    t.string('media_type', 100).notNullable();
    t.string('filename', 255).notNullable();
    t.integer('byte_size').notNullable();
    /** SHA-256 (base64url) of the document bytes and of the authority credential as received. */
    t.string('document_digest', 64).notNullable();
    t.string('credential_digest', 64).notNullable();
    /** Envelope encryption: one data key per item, wrapped by a vault-wrapping key. Null once destroyed. */
    t.string('wrap_alg', 16).notNullable();
    t.string('wrap_kid', 100).notNullable();
    t.text('wrapped_key');
    t.text('document_enc');
    t.text('credential_enc');
    t.text('data_enc');
    t.bigInteger('issued_at');
    t.bigInteger('valid_until');
    t.bigInteger('requested_at').notNullable();
    t.bigInteger('fetched_at').notNullable();
    t.bigInteger('kept_at');
    /** Preview items are discarded after this (abandoned flows). */
    t.bigInteger('expires_at');
    t.bigInteger('ended_at');
    t.string('end_reason', 32);
    t.index(['citizen_key', 'state']);
    t.index(['state', 'expires_at']);
    t.index(['state', 'valid_until']);
  });

  await knex.schema.createTable('evidence_status_lists', (t) => {
    t.string('id', 36).primary();
    t.integer('bits').notNullable();
    t.integer('size').notNullable();
    t.bigInteger('created_at').notNullable();
  });

  await knex.schema.createTable('evidence_consents', (t) => {
    t.string('id', 36).primary();
    t.string('citizen_key', 64).notNullable();
    t.string('evidence_id', 36).notNullable().references('id').inTable('evidence_items');
    t.string('client_id', 255).notNullable();
    t.string('evidence_type', 100).notNullable();
    t.string('procedure', 255).notNullable();
    t.text('purpose').notNullable();
    t.string('legal_basis', 100).notNullable();
    t.bigInteger('explicit_request_at');
    t.bigInteger('given_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.string('flow_id', 36);
    t.string('interaction_uid', 255);
    t.string('status_list_id', 36).notNullable().references('id').inTable('evidence_status_lists');
    t.integer('status_idx').notNullable();
    /** Passerelle's signed attestation (no attribute values in it). */
    t.text('attestation').notNullable();
    t.index(['citizen_key']);
    t.index(['evidence_id']);
    t.index(['client_id']);
  });

  await knex.schema.createTable('evidence_consent_events', (t) => {
    t.increments('id').primary();
    t.string('consent_id', 36).notNullable().references('id').inTable('evidence_consents');
    /** withdrawn | expired | erased: each ends the consent; the first one counts. */
    t.string('event', 16).notNullable();
    t.bigInteger('at').notNullable();
    t.string('actor', 32).notNullable();
    t.unique(['consent_id', 'event']);
  });

  await knex.schema.createTable('evidence_status_entries', (t) => {
    t.string('list_id', 36).notNullable().references('id').inTable('evidence_status_lists');
    t.integer('idx').notNullable();
    t.string('consent_id', 36).notNullable().unique();
    /** 0 VALID, 1 INVALID (draft-ietf-oauth-status-list). */
    t.integer('status').notNullable();
    t.bigInteger('changed_at').notNullable();
    t.string('reason', 32);
    t.primary(['list_id', 'idx']);
  });

  await knex.schema.createTable('evidence_log', (t) => {
    t.increments('id').primary();
    t.string('citizen_key', 64).notNullable();
    t.integer('seq').notNullable();
    t.bigInteger('at').notNullable();
    t.string('event', 32).notNullable();
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 255);
    t.string('evidence_type', 100);
    t.string('evidence_id', 36);
    t.string('consent_id', 36);
    t.string('procedure', 255);
    t.text('purpose');
    t.string('outcome', 16).notNullable();
    t.string('detail', 64);
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['citizen_key', 'seq']);
  });

  // The head of each citizen's chain: appends lock it, and the tamper check compares it
  // with the last row, so a deleted tail is noticed too.
  await knex.schema.createTable('evidence_log_heads', (t) => {
    t.string('citizen_key', 64).primary();
    t.integer('seq').notNullable();
    t.string('hash', 64).notNullable();
  });

  await knex.schema.createTable('evidence_flows', (t) => {
    t.string('id', 36).primary();
    t.string('interaction_uid', 255).notNullable();
    t.string('client_id', 255).notNullable();
    t.string('citizen_key', 64).notNullable();
    t.string('lang', 8).notNullable();
    t.text('requests').notNullable();
    /** The citizen as the login produced it, encrypted like vault items (needed for the authority request). */
    t.string('wrap_kid', 100).notNullable();
    t.text('wrapped_key');
    t.text('citizen_enc');
    t.string('binding_hash', 64).notNullable();
    t.string('csrf_hash', 64).notNullable();
    /** open | shared | declined */
    t.string('state', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('finished_at');
    t.index(['expires_at']);
  });

  await knex.schema.createTable('evidence_flow_items', (t) => {
    t.string('flow_id', 36).notNullable().references('id').inTable('evidence_flows').onDelete('CASCADE');
    t.integer('idx').notNullable();
    t.string('evidence_id', 36);
    /** fetched | reused */
    t.string('source', 16);
    t.string('last_error', 64);
    t.primary(['flow_id', 'idx']);
  });

  await createAppendOnlyGuards(knex);
}

/** Refuses UPDATE and DELETE on the append-only tables, below the application. */
async function createAppendOnlyGuards(knex: Knex): Promise<void> {
  const client = String(knex.client.config.client);
  if (client === 'pg') {
    await knex.raw(`create or replace function evidence_append_only() returns trigger language plpgsql as $$
      begin raise exception 'append-only table %', tg_table_name; end $$`);
    for (const table of appendOnlyTables) {
      await knex.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function evidence_append_only()`);
    }
    return;
  }
  for (const table of appendOnlyTables) {
    await knex.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, 'append-only table'); end`);
    await knex.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, 'append-only table'); end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['evidence_flow_items', 'evidence_flows', 'evidence_log_heads', 'evidence_log', 'evidence_status_entries',
    'evidence_consent_events', 'evidence_consents', 'evidence_status_lists', 'evidence_items']) {
    await knex.schema.dropTableIfExists(table);
  }
  if (String(knex.client.config.client) === 'pg') await knex.raw('drop function if exists evidence_append_only()');
}
