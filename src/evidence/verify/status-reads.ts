import type { Knex } from 'knex';
import type { ConsentEventRow, ConsentRow } from '../consent/records.js';

export type StatusRow = ConsentRow & {
  list_id: string; entry_idx: number; entry_status: number; entry_consent_id: string;
  end_event: ConsentEventRow['event'] | null; end_at: number | null; end_actor: string | null;
};

interface Waiting { listId: string; idx: number; resolve: (rows: StatusRow[]) => void; reject: (error: unknown) => void }

/**
 * Status reads of concurrent verifications, batched: the reads that arrive within a millisecond
 * (or 64 of them) go to the database as one statement (the status entry, its consent and the
 * consent's end events, for every (list, index) asked). A read is never answered from a query
 * that started before it arrived, so no verification sees a status older than its request.
 */
class StatusReads {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly knex: Knex) {}

  read(listId: string, idx: number): Promise<StatusRow[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ listId, idx, resolve, reject });
      if (this.queue.length >= 64) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), 1);
    });
  }

  private flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length === 0) return;
    const pairs = [...new Map(batch.map((w) => [`${w.listId}\u0000${w.idx}`, [w.listId, w.idx] as [string, number]])).values()];
    this.knex('evidence_status_entries as s').leftJoin('evidence_consents as c', 'c.id', 's.consent_id')
      .leftJoin('evidence_consent_events as ev', 'ev.consent_id', 'c.id')
      .whereIn(['s.list_id', 's.idx'], pairs)
      .select('s.list_id as list_id', 's.idx as entry_idx', 's.status as entry_status', 's.consent_id as entry_consent_id', 'c.*',
        'ev.event as end_event', 'ev.at as end_at', 'ev.actor as end_actor')
      .then((rows: StatusRow[]) => {
        for (const waiting of batch) waiting.resolve(rows.filter((row) => row.list_id === waiting.listId && Number(row.entry_idx) === waiting.idx));
      }, (error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      });
  }
}

const perDatabase = new WeakMap<Knex, StatusReads>();

/** The rows of one status entry (one per end event of its consent, at least one when it exists). */
export function readStatusRows(knex: Knex, listId: string, idx: number): Promise<StatusRow[]> {
  let reads = perDatabase.get(knex);
  if (!reads) perDatabase.set(knex, reads = new StatusReads(knex));
  return reads.read(listId, idx);
}
