import type { Knex } from 'knex';

/**
 * Refused responses counted per pending AuthnRequest: after `saml.maxRefusedAttempts` the request is consumed
 * (in the same UPDATE that counts the last one) and the portal is told the login failed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('saml_requests', (t) => {
    t.integer('refused_attempts').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('saml_requests', (t) => {
    t.dropColumn('refused_attempts');
  });
}
