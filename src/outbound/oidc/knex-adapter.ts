import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../storage/database.js';
import { fromJson, toJson, toMillis } from '../../storage/values.js';

const table = 'oidc_models';

interface Row {
  payload: string;
  expires_at: number | string | null;
  consumed_at: number | string | null;
}

/**
 * oidc-provider's storage port over the shared `oidc_models` table, so every instance
 * sees the same sessions, interactions, codes, grants and tokens (SQLite or PostgreSQL).
 * Expired rows are invisible on read; one-time artefacts are consumed with one UPDATE, so
 * a code consumed on one instance is consumed for all of them.
 */
export class KnexAdapter implements Adapter {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const now = this.clock.now();
    const row = {
      model: this.model,
      id,
      payload: toJson(payload),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expires_at: expiresIn ? now + expiresIn * 1000 : null,
    };
    // consumed_at is left alone: re-saving an artefact never un-consumes it.
    await this.db.knex(table).insert(row).onConflict(['model', 'id'])
      .merge(['payload', 'grant_id', 'user_code', 'uid', 'expires_at']);
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findBy({ id });
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy({ uid });
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy({ user_code: userCode });
  }

  /**
   * Marks the artefact consumed. When another request (on any instance) consumed it first,
   * the code was used twice: every artefact of its grant is revoked and the caller gets
   * `invalid_grant`, as RFC 6749 §4.1.2 asks.
   */
  async consume(id: string): Promise<void> {
    if (await this.consumeOnce(id)) return;
    const row = await this.db.knex(table).where({ model: this.model, id }).first('grant_id') as { grant_id: string | null } | undefined;
    if (row?.grant_id) {
      const grantId = row.grant_id;
      await this.db.knex(table).where({ grant_id: grantId }).orWhere({ model: 'Grant', id: grantId }).delete();
    }
    throw new errors.InvalidGrant('grant source already consumed');
  }

  /** One UPDATE; true only for the one caller (on any instance) that consumed the row. */
  async consumeOnce(id: string): Promise<boolean> {
    const changed = await this.db.knex(table)
      .where({ model: this.model, id })
      .whereNull('consumed_at')
      .update({ consumed_at: this.clock.now() });
    return changed === 1;
  }

  async destroy(id: string): Promise<void> {
    await this.db.knex(table).where({ model: this.model, id }).delete();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.knex(table).where({ model: this.model, grant_id: grantId }).delete();
  }

  private async findBy(where: Record<string, string>): Promise<AdapterPayload | undefined> {
    // No artefact has a NUL in its id; PostgreSQL would refuse the query (a 500 on bad input).
    if (Object.values(where).some((value) => typeof value !== 'string' || value.includes('\0'))) return undefined;
    const row = await this.db.knex(table)
      .where({ model: this.model, ...where })
      .first('payload', 'expires_at', 'consumed_at') as Row | undefined;
    if (!row) return undefined;
    const expiresAt = toMillis(row.expires_at);
    if (expiresAt !== null && expiresAt <= this.clock.now()) return undefined;
    const payload = fromJson<AdapterPayload>(row.payload);
    const consumedAt = toMillis(row.consumed_at);
    return consumedAt === null ? payload : { ...payload, consumed: Math.floor(consumedAt / 1000) };
  }
}

/** Deletes rows whose lifetime is over (any model); returns how many went. */
export async function purgeExpiredOidcRows(db: Database, clock: Clock): Promise<number> {
  return db.knex(table).where('expires_at', '<=', clock.now()).delete();
}

/** oidc-provider wants a constructor taking the model name. */
export function knexAdapterFactory(db: Database, clock: Clock): new (model: string) => Adapter {
  return class BoundKnexAdapter extends KnexAdapter {
    constructor(model: string) {
      super(db, clock, model);
    }
  };
}
