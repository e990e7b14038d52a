import type { Knex } from 'knex';

/**
 * State the instances of one deployment must agree on:
 * - `idp_metadata`: the last good copy of each country's IdP metadata (as fetched, so every
 *   instance checks it again before trusting it), written by whichever instance refreshed it.
 * - `scheduled_jobs`: when each periodic job last started, so that a job runs once per
 *   interval for the deployment, not once per instance.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idp_metadata', (t) => {
    t.string('country', 2).primary();
    t.text('xml').notNullable();
    /** SHA-256 (hex) of the XML: an instance re-reads a copy only when this changed. */
    t.string('digest', 64).notNullable();
    t.bigInteger('fetched_at').notNullable();
  });
  await knex.schema.createTable('scheduled_jobs', (t) => {
    t.string('name', 80).primary();
    t.bigInteger('last_started_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('scheduled_jobs');
  await knex.schema.dropTableIfExists('idp_metadata');
}
