import type { Knex } from 'knex';

/**
 * Evidence costs that must not grow with the data (issue #12):
 * - `evidence_status_lists.allocated`: how many indexes a list has handed out, so a share finds
 *   its list with one conditional UPDATE instead of counting every entry ever issued;
 * - `evidence_log.count` / `first_at`: a row that stands for several identical accesses (the
 *   summary a closed dedupe window leaves; null on every other row, and then not hashed);
 * - `evidence_log_windows`: the open dedupe windows (one per citizen, consent, accessor and kind);
 * - `evidence_log_checkpoints`: signed (seq, hash) points of each citizen's chain, so a view
 *   re-hashes only what came after the latest one (and the segments it shows);
 * - `evidence_purge_cursors`: up to when the retention run has handled expiries and consent ends;
 * - indexes for the retention run's range scans.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_status_lists', (t) => {
    t.integer('allocated').notNullable().defaultTo(0);
    t.index(['allocated', 'created_at']);
  });
  await knex.raw(`update evidence_status_lists set allocated =
    (select count(*) from evidence_status_entries e where e.list_id = evidence_status_lists.id)`);

  await knex.schema.alterTable('evidence_log', (t) => {
    t.integer('count');
    t.bigInteger('first_at');
  });

  await knex.schema.createTable('evidence_log_windows', (t) => {
    /** SHA-256 of (citizen, consent, accessor, kind): what makes two accesses identical. */
    t.string('window_key', 64).primary();
    t.string('citizen_key', 64).notNullable();
    /** The chained row that opened the window. */
    t.integer('seq').notNullable();
    t.bigInteger('opened_at').notNullable();
    t.bigInteger('closes_at').notNullable();
    /** Accesses after the opening one, and when the first and last of them happened. */
    t.integer('repeats').notNullable().defaultTo(0);
    t.bigInteger('first_repeat_at');
    t.bigInteger('last_repeat_at');
    /** The entry as recorded (no values, the same fields as a tracker row), for the summary row. */
    t.text('entry').notNullable();
    t.index(['closes_at']);
    t.index(['citizen_key']);
  });

  await knex.schema.createTable('evidence_log_checkpoints', (t) => {
    t.string('citizen_key', 64).notNullable();
    t.integer('seq').notNullable();
    t.string('hash', 64).notNullable();
    t.bigInteger('at').notNullable();
    /** ES256 JWS (compact) by the evidence-signing key over {citizen_key, seq, hash, at}. */
    t.text('jws').notNullable();
    t.primary(['citizen_key', 'seq']);
  });

  await knex.schema.createTable('evidence_purge_cursors', (t) => {
    t.string('name', 32).primary();
    t.bigInteger('at').notNullable();
  });

  await knex.schema.alterTable('evidence_consents', (t) => { t.index(['expires_at', 'id']); });
  await knex.schema.alterTable('evidence_consent_events', (t) => { t.index(['at']); });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_consent_events', (t) => { t.dropIndex(['at']); });
  await knex.schema.alterTable('evidence_consents', (t) => { t.dropIndex(['expires_at', 'id']); });
  for (const table of ['evidence_purge_cursors', 'evidence_log_checkpoints', 'evidence_log_windows']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('evidence_log', (t) => { t.dropColumn('count'); t.dropColumn('first_at'); });
  await knex.schema.alterTable('evidence_status_lists', (t) => { t.dropIndex(['allocated', 'created_at']); t.dropColumn('allocated'); });
}
