import type { Knex } from 'knex';

/**
 * eIDAS SAML connector state, shared by every instance so a login may start on one and end
 * on another:
 * - `saml_requests`: AuthnRequests waiting for their Response (InResponseTo), bound to the
 *   browser that started them (hash of a random cookie value), consumed once.
 * - `saml_seen_assertions`: assertion-ID replay cache, kept until the assertion expires.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saml_requests', (t) => {
    t.string('id', 80).primary();
    t.string('country', 2).notNullable();
    t.string('flow_id', 255).notNullable();
    t.string('requested_loa', 20).notNullable();
    /** SHA-256 (hex) of the random value in the browser's `passerelle_saml` cookie. */
    t.string('browser_binding', 64).notNullable();
    /** The opaque RelayState we sent; the IdP must return it unchanged. */
    t.string('relay_state', 80).notNullable();
    /** JSON list of `{ name, required }` we asked for; required ones must come back. */
    t.text('requested_attributes').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('consumed_at');
    t.index(['expires_at']);
  });
  await knex.schema.createTable('saml_seen_assertions', (t) => {
    /** SHA-256 (hex) of issuer entityID + NUL + assertion ID. */
    t.string('key', 64).primary();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('saml_seen_assertions');
  await knex.schema.dropTableIfExists('saml_requests');
}
