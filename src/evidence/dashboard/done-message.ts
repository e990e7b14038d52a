import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import type { ConsentRow } from '../consent/records.js';
import { findOwnItem } from '../vault/items.js';

/** What /me says after a withdrawal or a deletion (the redirect names it; only the citizen's own records are read). */
export type DoneMessage =
  | { kind: 'withdrawn'; consent: ConsentRow }
  | { kind: 'unchanged'; consent: ConsentRow }
  | { kind: 'erased'; evidenceType: string; endedConsents: number };

const idPattern = /^[A-Za-z0-9_-]{1,80}$/;

function queryId(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && idPattern.test(value) ? value : undefined;
}

export async function doneMessage(ctx: AppContext, req: Request, citizenKey: string, consents: readonly ConsentRow[]): Promise<DoneMessage | undefined> {
  for (const kind of ['withdrawn', 'unchanged'] as const) {
    const id = queryId(req, kind);
    const consent = id ? consents.find((c) => c.id === id) : undefined;
    if (consent) return { kind, consent };
  }
  const erased = queryId(req, 'erased');
  const item = erased ? await findOwnItem(ctx.db.knex, citizenKey, erased) : undefined;
  if (item && item.state === 'erased') {
    const ended = typeof req.query.ended === 'string' && /^\d{1,3}$/.test(req.query.ended) ? Number(req.query.ended) : 0;
    return { kind: 'erased', evidenceType: item.evidence_type, endedConsents: ended };
  }
  return undefined;
}
