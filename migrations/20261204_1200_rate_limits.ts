import type { Knex } from 'knex';

/**
 * Request counters shared by every instance (fixed windows). One row per client, limit and
 * window: the key is a keyed hash of the limit name and the client address (no address is
 * stored) followed by the window number. Rows whose window ended are purged.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limit_hits', (t) => {
    t.string('key', 96).primary();
    t.integer('hits').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rate_limit_hits');
}
