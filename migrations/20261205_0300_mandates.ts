import type { Knex } from 'knex';

/**
 * Family mandates (representation attestations): "this parent may act for this child in this
 * procedure", derived from a vault document that shows the relationship. The terms are written
 * once; revocation, expiry and the end of the underlying document are events (append-only,
 * like consents). The signed attestation names both people, so it is sealed like vault
 * content (its own data key, wrapped by a vault-wrapping key). A mandate's status-list entry
 * is an `evidence_status_entries` row keyed by the mandate id.
 */
const appendOnlyTables = ['evidence_mandates', 'evidence_mandate_events'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evidence_mandates', (t) => {
    t.string('id', 36).primary();
    t.string('citizen_key', 64).notNullable();
    /** The document the relationship was read from. */
    t.string('evidence_id', 36).notNullable().references('id').inTable('evidence_items');
    t.string('evidence_type', 100).notNullable();
    t.string('client_id', 255).notNullable();
    t.string('procedure', 255).notNullable();
    t.text('purpose').notNullable();
    /** parent | guardian: what the document states. */
    t.string('relationship', 16).notNullable();
    t.bigInteger('given_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.string('flow_id', 36);
    t.string('interaction_uid', 255);
    t.string('status_list_id', 36).notNullable().references('id').inTable('evidence_status_lists');
    t.integer('status_idx').notNullable();
    t.string('wrap_kid', 100).notNullable();
    t.text('wrapped_key').notNullable();
    t.text('attestation_enc').notNullable();
    t.index(['citizen_key']);
    t.index(['evidence_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('evidence_mandate_events', (t) => {
    t.increments('id').primary();
    t.string('mandate_id', 36).notNullable().references('id').inTable('evidence_mandates');
    /** revoked | expired | erased: each ends the mandate; the first one counts. */
    t.string('event', 16).notNullable();
    t.bigInteger('at').notNullable();
    t.string('actor', 32).notNullable();
    t.unique(['mandate_id', 'event']);
  });

  const client = String(knex.client.config.client);
  for (const table of appendOnlyTables) {
    if (client === 'pg') {
      // evidence_append_only() comes from 20261127_0300_evidence.
      await knex.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function evidence_append_only()`);
    } else {
      await knex.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, 'append-only table'); end`);
      await knex.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, 'append-only table'); end`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('evidence_mandate_events');
  await knex.schema.dropTableIfExists('evidence_mandates');
}
