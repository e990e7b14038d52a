import type { Knex } from 'knex';

/**
 * A representation attestation (family mandate) can go to the wallet through the same issuer:
 * its offer names the mandate instead of a wallet consent, so `consent_id` becomes optional and
 * `mandate_id` says which mandate the offer's credentials stand for. Exactly one of the two is set.
 * Credentials issued under such an offer keep the mandate id in `evidence_vci_credentials.consent_id`,
 * so ending the mandate flips them with one UPDATE.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_vci_offers', (t) => {
    t.string('mandate_id', 36).references('id').inTable('evidence_mandates');
    t.index(['mandate_id']);
  });
  if (String(knex.client.config.client) === 'pg') {
    await knex.raw('alter table evidence_vci_offers alter column consent_id drop not null');
  } else {
    await knex.schema.alterTable('evidence_vci_offers', (t) => {
      t.string('consent_id', 36).nullable().alter();
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_vci_offers', (t) => {
    t.dropIndex(['mandate_id']);
    t.dropColumn('mandate_id');
  });
}
