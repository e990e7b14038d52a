import type { DestinationStream } from 'pino';

const levels: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, or that the line's own layout already shows. */
const shown = new Set(['level', 'time', 'pid', 'hostname', 'service', 'app', 'msg', 'req', 'res', 'responseTime']);

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One pino JSON line as a person reads it in a terminal: time, level, app, message, then the other fields as key=value. */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const level = levels[Number(entry.level)] ?? String(entry.level);
  const app = typeof entry.app === 'string' ? entry.app : typeof entry.service === 'string' ? entry.service : '';
  const req = entry.req as { method?: string; path?: string } | undefined;
  const res = entry.res as { status?: number } | undefined;
  const request = req?.method ? `${req.method} ${req.path ?? ''}${res?.status ? ` → ${res.status}` : ''}${typeof entry.responseTime === 'number' ? ` (${entry.responseTime} ms)` : ''}` : '';
  const fields = Object.entries(entry).filter(([key]) => !shown.has(key)).map(([key, v]) => `${key}=${value(v)}`);
  return [time, level, app.padEnd(11), [entry.msg, request].filter(Boolean).join(': '), ...fields].filter((part) => part !== '').join('  ').trimEnd() + '\n';
}

/** The demo's log destination: readable lines (production keeps pino's JSON, see src/server.ts). */
export function prettyDestination(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  return { write: (line: string) => { out.write(prettyLine(line.trimEnd())); } };
}
