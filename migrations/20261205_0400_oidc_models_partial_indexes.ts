import type { Knex } from 'knex';

/**
 * Most flow-state rows have no uid (only sessions do), no user code (no device flow) and,
 * before consent, no grant: their index entries were written on every save and never read.
 * Each lookup is by a value (`uid = ?`), which a partial index without the NULLs serves as
 * well; every save of a row without them now skips three index writes.
 */
const columns = ['uid', 'grant_id', 'user_code'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const column of columns) {
    await knex.raw(`drop index if exists oidc_models_${column}_index`);
    await knex.raw(`create index oidc_models_${column}_present on oidc_models (${column}) where ${column} is not null`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const column of columns) {
    await knex.raw(`drop index if exists oidc_models_${column}_present`);
    await knex.raw(`create index oidc_models_${column}_index on oidc_models (${column})`);
  }
}
