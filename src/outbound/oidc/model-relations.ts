import type { Dialect } from '../../storage/database.js';

/**
 * Rows a request needs soon after it reads one of oidc-provider's models: loaded with it in
 * the same statement (knex-adapter.ts), kept for the rest of the request (model-unit.ts).
 * An interaction step reads the interaction, then its session, the citizen, the grant, the
 * way back to the portal and the remembered consent; the token and userinfo endpoints read
 * the code or token, then its grant, session and citizen. Our own models are named as in
 * citizen-store.ts, consent-memory.ts and flow-returns.ts.
 */
export interface Relation {
  model: string;
  /** The related row's key column. */
  by: 'id' | 'uid';
  /** Where its key is in the loaded payload: the first path present wins; `self`: the loaded row's own id. */
  key: { paths: string[][] } | { self: true } | { join: [string[][], string, string[]] };
}

const citizen = 'PasserelleCitizen';
const accountOfInteraction = [['result', 'login', 'accountId'], ['session', 'accountId']];

const tokenRelations: Relation[] = [
  { model: 'Grant', by: 'id', key: { paths: [['grantId']] } },
  { model: 'Session', by: 'uid', key: { paths: [['sessionUid']] } },
  { model: citizen, by: 'id', key: { paths: [['accountId']] } },
];

export const relations: Readonly<Record<string, Relation[]>> = {
  Session: [{ model: citizen, by: 'id', key: { paths: [['accountId']] } }],
  Interaction: [
    { model: 'Session', by: 'uid', key: { paths: [['session', 'uid']] } },
    { model: citizen, by: 'id', key: { paths: accountOfInteraction } },
    { model: 'Grant', by: 'id', key: { paths: [['grantId'], ['result', 'consent', 'grantId']] } },
    { model: 'PasserelleFlowReturn', by: 'id', key: { self: true } },
    { model: 'PasserelleConsentMemory', by: 'id', key: { join: [accountOfInteraction, ':', ['params', 'client_id']] } },
  ],
  AuthorizationCode: tokenRelations,
  AccessToken: tokenRelations,
};

function jsonText(dialect: Dialect, alias: string, path: string[]): string {
  return dialect === 'postgres'
    ? `(${alias}.payload::json #>> '{${path.join(',')}}')`
    : `json_extract(${alias}.payload, '$.${path.join('.')}')`;
}

/** SQL for the related row's key, computed from the loaded row `m` (paths are constants of this file, never input). */
export function keyExpression(dialect: Dialect, relation: Relation): string {
  const key = relation.key;
  if ('self' in key) return 'm.id';
  if ('paths' in key) return key.paths.length === 1 ? jsonText(dialect, 'm', key.paths[0]!) : `coalesce(${key.paths.map((p) => jsonText(dialect, 'm', p)).join(', ')})`;
  const [first, separator, second] = key.join;
  return `(coalesce(${first.map((p) => jsonText(dialect, 'm', p)).join(', ')}) || '${separator}' || ${jsonText(dialect, 'm', second)})`;
}

/** The same key computed from a payload in JavaScript (to know which related rows are absent). */
export function keyValue(relation: Relation, row: { id: string }, payload: Record<string, unknown>): string | undefined {
  const at = (path: string[]): unknown => path.reduce<unknown>((value, step) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined), payload);
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const key = relation.key;
  if ('self' in key) return row.id;
  if ('paths' in key) return key.paths.map((p) => text(at(p))).find((v) => v !== undefined);
  const [first, separator, second] = key.join;
  const a = first.map((p) => text(at(p))).find((v) => v !== undefined);
  const b = text(at(second));
  return a === undefined || b === undefined ? undefined : `${a}${separator}${b}`;
}
