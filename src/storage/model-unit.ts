import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from './database.js';
import { hotQuery } from './hot-query.js';

/** A row of `oidc_models` as the adapter reads it. */
export interface ModelRow {
  model: string;
  id: string;
  uid: string | null;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  expires_at: number | string | null;
  consumed_at: number | string | null;
}

export const modelsTable = 'oidc_models';
const columns = ['model', 'id', 'payload', 'grant_id', 'user_code', 'uid', 'expires_at'] as const;

const idKey = (model: string, id: string) => `${model}\0id\0${id}`;
const uidKey = (model: string, uid: string) => `${model}\0uid\0${uid}`;

/**
 * The flow-state rows one HTTP request reads and writes. oidc-provider loads and saves its
 * models one by one (an interaction step reads the interaction, the session, the grant, the
 * citizen, then saves two or three of them): here the reads are answered from what this
 * request has loaded already, and the writes are held and sent together, in one statement,
 * before the first byte of the answer leaves (src/web/answer-gate.ts). Nothing outlives the request,
 * so every instance still reads what the others wrote: a browser's next request cannot
 * arrive before the answer to this one, and this one is answered only after its writes.
 * One-time consumption (codes) is never held: it is an UPDATE at once, as without a unit.
 */
export class ModelUnit {
  /** Rows loaded or written in this request; null: known to be absent. */
  private readonly rows = new Map<string, ModelRow | null>();
  private readonly pending = new Map<string, { row: ModelRow } | { delete: { model: string; id: string } }>();
  /** Once the answer is on its way, later writes (events after the response) go straight to the database. */
  open = true;

  constructor(readonly db: Database) {}

  cached(model: string, by: 'id' | 'uid', value: string): ModelRow | null | undefined {
    const key = by === 'id' ? idKey(model, value) : uidKey(model, value);
    return this.rows.get(key);
  }

  remember(row: ModelRow): void {
    this.rows.set(idKey(row.model, row.id), row);
    if (row.uid) this.rows.set(uidKey(row.model, row.uid), row);
  }

  rememberAbsent(model: string, by: 'id' | 'uid', value: string): void {
    const key = by === 'id' ? idKey(model, value) : uidKey(model, value);
    if (!this.rows.has(key)) this.rows.set(key, null);
  }

  stageUpsert(row: ModelRow): void {
    const before = this.rows.get(idKey(row.model, row.id));
    // consumed_at is the database's: a re-save never un-consumes, so the cached copy keeps it.
    this.remember({ ...row, consumed_at: before?.consumed_at ?? null });
    this.pending.set(idKey(row.model, row.id), { row });
  }

  stageDelete(model: string, id: string): void {
    const before = this.rows.get(idKey(model, id));
    if (before?.uid) this.rows.set(uidKey(model, before.uid), null);
    this.rows.set(idKey(model, id), null);
    this.pending.set(idKey(model, id), { delete: { model, id } });
  }

  /** After a write that bypassed the unit (revoke), what was loaded may be stale. */
  forget(): void {
    this.rows.clear();
  }

  /** After a write of one row that bypassed the unit (consume). */
  forgetRow(model: string, id: string): void {
    const before = this.rows.get(idKey(model, id));
    if (before?.uid) this.rows.delete(uidKey(model, before.uid));
    this.rows.delete(idKey(model, id));
  }

  /**
   * A one-time artefact consumed with this request's writes: the writes happen only if the
   * consumption does, in the same statement, and when another request (on any instance)
   * consumed it first, nothing is written and the answer prepared is replaced by `refused`.
   * One per request; a second one returns false and the caller consumes at once.
   */
  stageConsume(model: string, id: string, consumedAt: number, refused: () => Promise<Refusal>): boolean {
    if (this.consume) return false;
    this.consume = { model, id, consumedAt, refused };
    return true;
  }

  private consume: { model: string; id: string; consumedAt: number; refused: () => Promise<Refusal> } | undefined;

  hasPending(): boolean {
    return this.pending.size > 0 || this.consume !== undefined;
  }

  /** Sends the held writes (one statement on PostgreSQL); a refusal when a held consumption lost its race. */
  async flush(): Promise<Refusal | undefined> {
    const consume = this.consume;
    this.consume = undefined;
    if (consume) {
      const consumed = await this.write(consume);
      return consumed ? undefined : consume.refused();
    }
    await this.write();
    return undefined;
  }

  private async write(consume?: { model: string; id: string; consumedAt: number }): Promise<boolean> {
    if (this.pending.size === 0 && !consume) return true;
    const writes = [...this.pending.values()];
    this.pending.clear();
    const upserts = writes.flatMap((w) => ('row' in w ? [w.row] : []));
    const deletes = writes.flatMap((w) => ('delete' in w ? [w.delete] : []));
    const knex = this.db.knex;
    const deleteSql = `delete from ${modelsTable} where ${deletes.map(() => '(model = ? and id = ?)').join(' or ')}`;
    const deleteBindings = deletes.flatMap((d) => [d.model, d.id]);
    const upsertSql = `insert into ${modelsTable} (${columns.join(', ')}) values ${upserts.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
         user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`;
    const upsertBindings = upserts.flatMap((r) => columns.map((c) => r[c]));
    const consumeSql = `update ${modelsTable} set consumed_at = ? where model = ? and id = ? and consumed_at is null`;
    const consumeBindings = consume ? [consume.consumedAt, consume.model, consume.id] : [];
    if (this.db.dialect === 'postgres') {
      // A key is either deleted or upserted here (the last write of it wins), never both.
      if (!consume) {
        if (deletes.length === 0) await hotQuery(this.db, upsertSql, upsertBindings);
        else if (upserts.length === 0) await hotQuery(this.db, deleteSql, deleteBindings);
        else await hotQuery(this.db, `with deleted as (${deleteSql}) ${upsertSql}`, [...deleteBindings, ...upsertBindings]);
        return true;
      }
      const onlyIfConsumed = 'exists (select 1 from consumed)';
      const ctes = [`consumed as (${consumeSql} returning id)`];
      if (deletes.length > 0) ctes.push(`deleted as (${deleteSql.replace(' where ', ' where ' + onlyIfConsumed + ' and (')}))`);
      if (upserts.length > 0) {
        // VALUES rows are typed by the first one: the epoch column is cast, the others are text.
        const values = upserts.map(() => `(${columns.map((c) => (c === 'expires_at' ? '?::bigint' : '?')).join(', ')})`).join(', ');
        ctes.push(`written as (insert into ${modelsTable} (${columns.join(', ')}) select * from (values ${values}) as v (${columns.join(', ')})
          where ${onlyIfConsumed} on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
          user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at)`);
      }
      const [result] = await hotQuery<{ consumed: number | string }>(this.db, `with ${ctes.join(', ')} select count(*) as consumed from consumed`,
        [...consumeBindings, ...deleteBindings, ...upsertBindings]);
      return Number(result?.consumed) === 1;
    }
    if (!consume && (deletes.length === 0 || upserts.length === 0)) {
      await knex.raw(deletes.length === 0 ? upsertSql : deleteSql, deletes.length === 0 ? upsertBindings : deleteBindings);
      return true;
    }
    const notConsumed = new Error('not consumed');
    try {
      await knex.transaction(async (trx) => {
        if (consume && await trx.raw(consumeSql, consumeBindings).then(() => trx.raw('select changes() as n')).then((r: Array<{ n: number }>) => r[0]?.n) !== 1) throw notConsumed;
        if (deletes.length > 0) await trx.raw(deleteSql, deleteBindings);
        if (upserts.length > 0) await trx.raw(upsertSql, upsertBindings);
      });
    } catch (error) {
      if (error === notConsumed) return false;
      throw error;
    }
    return true;
  }
}

/** What a request answers instead when a consumption it held lost its race. */
export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const units = new AsyncLocalStorage<ModelUnit>();

/** The unit of the request being handled, while its answer has not left. */
export function currentUnit(db: Database): ModelUnit | undefined {
  const unit = units.getStore();
  return unit && unit.open && unit.db === db ? unit : undefined;
}

export function runInUnit<T>(unit: ModelUnit, fn: () => T): T {
  return units.run(unit, fn);
}
