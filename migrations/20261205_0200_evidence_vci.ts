import type { Knex } from 'knex';

/**
 * The OpenID4VCI issuer of evidence (src/evidence/vci): credential offers and every one-time
 * value of its flows (pre-authorized codes with their tx_code, issuer_state, authorization codes,
 * access tokens, c_nonces), each stored as a SHA-256 hash and consumed by one conditional UPDATE,
 * and the credentials issued, each with its own status-list entry. `evidence_items.request_id`
 * keeps the id of the request to the authority, for the credentials' provenance claim.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_items', (t) => {
    t.string('request_id', 36);
  });

  await knex.schema.createTable('evidence_vci_offers', (t) => {
    t.string('id', 36).primary();
    /** The citizen's consent to hold this document in her wallet (evidence_consents, recipient `urn:passerelle:eudi-wallet`). */
    t.string('consent_id', 36).notNullable().references('id').inTable('evidence_consents');
    t.string('citizen_key', 64).notNullable();
    t.string('evidence_id', 36).notNullable();
    t.string('evidence_type', 100).notNullable();
    t.string('flow_id', 36);
    t.string('pre_auth_hash', 64).notNullable().unique();
    t.string('tx_hash', 64).notNullable();
    t.integer('tx_attempts').notNullable().defaultTo(0);
    t.string('issuer_state_hash', 64).notNullable().unique();
    /** offered | redeemed | exhausted (too many wrong tx_codes) */
    t.string('state', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    /** Set when the consent ends: no credential is issued under this offer any more. */
    t.bigInteger('revoked_at');
    t.index(['consent_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('evidence_vci_codes', (t) => {
    t.string('code_hash', 64).primary();
    t.string('offer_id', 36).notNullable().references('id').inTable('evidence_vci_offers');
    t.string('client_id', 255).notNullable();
    t.text('redirect_uri').notNullable();
    t.string('code_challenge', 64).notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at');
    t.index(['expires_at']);
  });

  await knex.schema.createTable('evidence_vci_tokens', (t) => {
    t.string('token_hash', 64).notNullable();
    t.string('configuration_id', 100).notNullable();
    t.string('offer_id', 36).notNullable().references('id').inTable('evidence_vci_offers');
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at');
    t.primary(['token_hash', 'configuration_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('evidence_vci_nonces', (t) => {
    t.string('nonce_hash', 64).primary();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at');
    t.index(['expires_at']);
  });

  await knex.schema.createTable('evidence_vci_credentials', (t) => {
    /** Also the `consent_id` of its evidence_status_entries row (one entry per credential). */
    t.string('id', 36).primary();
    t.string('offer_id', 36).notNullable().references('id').inTable('evidence_vci_offers');
    t.string('consent_id', 36).notNullable();
    t.string('configuration_id', 100).notNullable();
    t.string('status_list_id', 36).notNullable();
    t.integer('status_idx').notNullable();
    t.bigInteger('issued_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.index(['consent_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['evidence_vci_credentials', 'evidence_vci_nonces', 'evidence_vci_tokens', 'evidence_vci_codes', 'evidence_vci_offers']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('evidence_items', (t) => {
    t.dropColumn('request_id');
  });
}
