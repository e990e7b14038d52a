import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../storage/database.js';
import { hotQuery } from '../../storage/hot-query.js';
import { currentUnit, modelsTable as table, type ModelRow, type ModelUnit, type Refusal } from '../../storage/model-unit.js';
import { fromJson, toJson, toMillis } from '../../storage/values.js';
import { keyExpression, keyValue, relations } from './model-relations.js';

const rowColumns = 'model, id, uid, payload, grant_id, user_code, expires_at, consumed_at';

/**
 * oidc-provider's storage port over the shared `oidc_models` table, so every instance
 * sees the same sessions, interactions, codes, grants and tokens (SQLite or PostgreSQL).
 * Expired rows are invisible on read; one-time artefacts are consumed with one UPDATE, so
 * a code consumed on one instance is consumed for all of them. Inside a request, reads and
 * writes go through the request's unit (src/storage/model-unit.ts): a row is read once, with
 * the rows the request will want next (model-relations.ts), and writes leave together
 * before the answer.
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
    const unit = currentUnit(this.db);
    if (unit) return unit.stageUpsert({ ...row, consumed_at: null });
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
    const unit = currentUnit(this.db);
    unit?.forgetRow(this.model, id);
    // A code is consumed with the tokens it buys, in the statement that stores them (model-unit.ts):
    // when another request won the race, nothing is stored and the client gets invalid_grant.
    if (this.model === 'AuthorizationCode' && unit?.stageConsume(this.model, id, this.clock.now(), () => this.lostRace(id))) return;
    if (await this.consumeOnce(id)) return;
    const row = await this.db.knex(table).where({ model: this.model, id }).first('grant_id') as { grant_id: string | null } | undefined;
    if (row?.grant_id) {
      const grantId = row.grant_id;
      await this.db.knex(table).where({ grant_id: grantId }).orWhere({ model: 'Grant', id: grantId }).delete();
    }
    throw new errors.InvalidGrant('grant source already consumed');
  }

  /** A code used twice: every artefact of its grant goes (RFC 6749 §4.1.2), the answer is invalid_grant. */
  private async lostRace(id: string): Promise<Refusal> {
    const row = await this.db.knex(table).where({ model: this.model, id }).first('grant_id') as { grant_id: string | null } | undefined;
    if (row?.grant_id) await this.db.knex(table).where({ grant_id: row.grant_id }).orWhere({ model: 'Grant', id: row.grant_id }).delete();
    return {
      status: 400, headers: { 'Content-Type': 'application/json; charset=utf-8', Pragma: 'no-cache' },
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }),
    };
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
    const unit = currentUnit(this.db);
    if (unit) return unit.stageDelete(this.model, id);
    await this.db.knex(table).where({ model: this.model, id }).delete();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const unit = currentUnit(this.db);
    // Held writes first: an artefact of this grant saved earlier in the request goes too.
    await unit?.flush();
    unit?.forget();
    await this.db.knex(table).where({ model: this.model, grant_id: grantId }).delete();
  }

  private async findBy(where: { id: string } | { uid: string } | { user_code: string }): Promise<AdapterPayload | undefined> {
    // No artefact has a NUL in its id; PostgreSQL would refuse the query (a 500 on bad input).
    if (Object.values(where).some((value) => typeof value !== 'string' || value.includes('\0'))) return undefined;
    const unit = currentUnit(this.db);
    const row = unit && !('user_code' in where)
      ? await this.loadInUnit(unit, 'id' in where ? 'id' : 'uid', 'id' in where ? where.id : where.uid)
      : await this.db.knex(table).where({ model: this.model, ...where }).first('payload', 'expires_at', 'consumed_at') as ModelRow | undefined;
    if (!row) return undefined;
    const expiresAt = toMillis(row.expires_at);
    if (expiresAt !== null && expiresAt <= this.clock.now()) return undefined;
    const payload = fromJson<AdapterPayload>(row.payload);
    const consumedAt = toMillis(row.consumed_at);
    return consumedAt === null ? payload : { ...payload, consumed: Math.floor(consumedAt / 1000) };
  }

  /** The row from what this request loaded already, or from one statement that also loads its relations. */
  private async loadInUnit(unit: ModelUnit, by: 'id' | 'uid', value: string): Promise<ModelRow | undefined> {
    const known = unit.cached(this.model, by, value);
    if (known !== undefined) return known ?? undefined;
    await loadIntoUnit(this.db, unit, [{ model: this.model, by, value }]);
    return unit.cached(this.model, by, value) ?? undefined;
  }
}

export interface Lookup { model: string; by: 'id' | 'uid'; value: string }

/**
 * Loads rows and the rows related to them (model-relations.ts) into the request's unit, in
 * one statement; rows looked for and not found are remembered as absent.
 */
export async function loadIntoUnit(db: Database, unit: ModelUnit, lookups: readonly Lookup[]): Promise<void> {
  const wanted = lookups.filter((l) => unit.cached(l.model, l.by, l.value) === undefined && !l.value.includes('\0'));
  if (wanted.length === 0) return;
  const parts: string[] = [];
  const bindings: string[] = [];
  wanted.forEach((lookup, n) => {
    const m = `m${n}`;
    parts.push(`${m} as (select ${rowColumns} from ${table} where model = ? and ${lookup.by} = ?)`);
    bindings.push(lookup.model, lookup.value);
  });
  const selects: string[] = [];
  const selectBindings: string[] = [];
  wanted.forEach((lookup, n) => {
    const m = `m${n}`;
    selects.push(`select ${rowColumns} from ${m}`);
    for (const relation of relations[lookup.model] ?? []) {
      selects.push(`select ${prefixed} from ${m} m join ${table} r on r.model = ? and r.${relation.by} = ${keyExpression(db.dialect, relation)}`);
      selectBindings.push(relation.model);
    }
  });
  const rows = await hotQuery<ModelRow>(db, `with ${parts.join(', ')} ${selects.join(' union all ')}`, [...bindings, ...selectBindings]);
  for (const row of rows) unit.remember(row);
  for (const lookup of wanted) {
    const main = rows.find((r) => r.model === lookup.model && r[lookup.by] === lookup.value);
    unit.rememberAbsent(lookup.model, lookup.by, lookup.value);
    if (!main) continue;
    const payload = fromJson<Record<string, unknown>>(main.payload);
    for (const relation of relations[lookup.model] ?? []) {
      const key = keyValue(relation, main, payload);
      if (key !== undefined) unit.rememberAbsent(relation.model, relation.by, key);
    }
  }
}

const prefixed = rowColumns.split(', ').map((c) => `r.${c}`).join(', ');

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
