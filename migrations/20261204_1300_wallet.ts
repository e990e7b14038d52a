import type { Knex } from 'knex';

/**
 * EU Digital Identity Wallet (OpenID4VP) logins in progress, shared by every instance: the
 * wallet fetches the request object, posts its answer and the browser finishes the login, each
 * possibly on another instance.
 * - `wallet_transactions`: one row per login attempt, bound to the browser that started it
 *   (hash of a random cookie value). The request object is fetched once, the wallet's answer
 *   is accepted once, the result is handed off once: each is one conditional UPDATE.
 *   The row keeps the ephemeral private key the answer is encrypted to, never the answer
 *   itself; after the hand-off the row is deleted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('wallet_transactions', (t) => {
    /** Random, in the request_uri and the browser's pages. */
    t.string('id', 64).primary();
    /** The waiting OIDC interaction. */
    t.string('flow_id', 255).notNullable();
    t.string('client_id', 255).notNullable();
    /** SHA-256 (hex) of the random value in the browser's `passerelle_wallet` cookie. */
    t.string('browser_binding', 64).notNullable();
    t.string('nonce', 64).notNullable();
    t.string('state', 64).notNullable().unique();
    /** Key id of the ephemeral encryption key; the encrypted answer names it. */
    t.string('encryption_kid', 64).notNullable().unique();
    /** The ephemeral P-256 private key (JWK, sealed), destroyed with the row. */
    t.text('encryption_key').notNullable();
    t.string('minimum_loa', 20).notNullable();
    /** JSON list of `{ name, required }` the portal may receive. */
    t.text('requested_attributes').notNullable();
    /** SHA-256 (hex) of the code the same-device redirect carries back to the browser. */
    t.string('response_code_hash', 64);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('request_fetched_at');
    t.bigInteger('response_received_at');
    /** `succeeded` (the citizen waits sealed in `citizen`) or `failed` (`error_code` says why). */
    t.string('outcome', 16);
    t.string('error_code', 64);
    t.text('citizen');
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('wallet_transactions');
}
