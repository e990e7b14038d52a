import type { Knex } from 'knex';

/**
 * `identity_links`: a wallet subject the citizen linked, with her explicit consent, to her eIDAS
 * login. Both sides are pseudonymous citizen keys (HMACs of the identifiers), never identifiers.
 * A wallet key links to at most one eIDAS key (primary key); a wallet login of a linked subject
 * then logs in as the eIDAS account, so each portal sees one pairwise `sub`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('identity_links', (t) => {
    t.string('wallet_key', 64).primary();
    t.string('eidas_key', 64).notNullable();
    /** Which matching rule held when she confirmed (docs/wallet.md). */
    t.string('matched_on', 32).notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['eidas_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('identity_links');
}
