import type { Database } from '../../../src/storage/database.js';
import { fromJson, toJson } from '../../../src/storage/values.js';

/**
 * Lets the logins now waiting at an IdP grow old without waiting: the pending SAML requests
 * and the OIDC interactions reach their expiry (and the kept return addresses learn that),
 * exactly as if the citizen had left the IdP's page open for half an hour.
 */
export async function ageLogins(db: Database): Promise<void> {
  const past = Date.now() - 1000;
  await db.knex('saml_requests').whereNull('consumed_at').update({ expires_at: past });
  await db.knex('oidc_models').where({ model: 'Interaction' }).update({ expires_at: past });
  const returns = await db.knex('oidc_models').where({ model: 'PasserelleFlowReturn' }).select('id', 'payload') as Array<{ id: string; payload: string }>;
  for (const row of returns) {
    const payload = fromJson<Record<string, unknown>>(row.payload);
    await db.knex('oidc_models').where({ model: 'PasserelleFlowReturn', id: row.id })
      .update({ payload: toJson({ ...payload, interactionExp: Math.floor(past / 1000) }) });
  }
}
