import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile | directory>`: where the server's CPU time
 * went in a `--cpu-prof` profile written by `npm run bench -- --cpu-prof <dir>`: self time per
 * function and per package or source folder, and inclusive time of the heaviest frames.
 */
interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

function latest(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const files = readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${target}`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
}

function area(url: string): string {
  if (!url) return '(native/gc/idle)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/(src\/(?:[^/]+\/){0,2})/.exec(url);
  if (src) return src[1]!.replace(/\/$/, '');
  if (url.startsWith('node:')) return url.split('/')[0]!;
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

function frameName(f: CallFrame): string {
  return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${f.lineNumber + 1}`;
}

const file = latest(process.argv[2] ?? 'bench/profiles');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
const idle = [...selfTime].filter(([id]) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName)).reduce((a, [, t]) => a + t, 0);
const busy = total - idle;

const bySelf = new Map<string, number>();
const byArea = new Map<string, number>();
const inclusive = new Map<string, number>();
const areaInclusive = new Map<string, number>();
for (const [id, t] of selfTime) {
  const node = byId.get(id)!;
  if (['(idle)', '(program)'].includes(node.callFrame.functionName)) continue;
  bySelf.set(frameName(node.callFrame), (bySelf.get(frameName(node.callFrame)) ?? 0) + t);
  byArea.set(area(node.callFrame.url), (byArea.get(area(node.callFrame.url)) ?? 0) + t);
  const seen = new Set<string>();
  const areas = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur)!.callFrame;
    const name = frameName(frame);
    if (frame.url) areas.add(area(frame.url));
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + t);
  }
  for (const a of areas) areaInclusive.set(a, (areaInclusive.get(a) ?? 0) + t);
}
/** Each busy sample goes to the innermost frame that names a category (walking from the leaf to the root). */
const categories: Array<[string, (f: CallFrame) => boolean]> = [
  ['certificate parsing (X509Certificate)', (f) => f.functionName === 'X509Certificate'],
  ['key derivation (HKDF)', (f) => f.functionName === 'hkdfSync'],
  ['public-key crypto (sign, decrypt, verify)', (f) => /^(signOneShot|verifyOneShot|rsaSignVerify|ecdsaSignVerify|signVerify)$/.test(f.functionName) || (f.url === 'node:internal/crypto/cipher' && f.functionName === '')],
  ['database client (knex, pg, socket writes)', (f) => /node_modules\/(knex|pg|pg-protocol|pg-pool|tarn)\//.test(f.url)],
  ['logging (pino, pino-http)', (f) => /node_modules\/(pino|pino-http|sonic-boom|@pinojs)/.test(f.url)],
  ['XML (xmldom, xml-crypto, our c14n/DOM code)', (f) => /node_modules\/(@xmldom|xml-crypto)\//.test(f.url) || /src\/inbound\/saml\/crypto\//.test(f.url)],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['oidc-provider, koa, jose', (f) => /node_modules\/(oidc-provider|koa|koa-compose|@koa|jose|cookies|keygrip|quick-lru)/.test(f.url)],
  ['our route code (src/)', (f) => /\/src\//.test(f.url)],
  ['HTTP server, Express, body parsing', (f) => /node_modules\/(express|router|body-parser|raw-body|helmet|qs|send|finalhandler)\//.test(f.url) || /^node:_http/.test(f.url)],
];
const byCategory = new Map<string, number>();
for (const [id, t] of selfTime) {
  if (['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName)) continue;
  let found = 'other (node internals, promises, timers)';
  outer: for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    for (const [name, test] of categories) if (test(byId.get(cur)!.callFrame)) { found = name; break outer; }
  }
  byCategory.set(found, (byCategory.get(found) ?? 0) + t);
}

const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
const perFlow = Number(process.env.FLOWS ?? 0);
process.stdout.write(`${file}\nbusy ${(busy / 1000).toFixed(1)} s of ${(total / 1000).toFixed(1)} s sampled\n\nwhere the time goes${perFlow ? ` (ms per flow for FLOWS=${perFlow})` : ''}:\n`);
for (const [name, t] of top(byCategory, 20)) process.stdout.write(`  ${pct(t)}  ${perFlow ? `${(t / perFlow).toFixed(1).padStart(6)} ms  ` : ''}${name}\n`);
process.stdout.write('\nself time by package / source folder:\n');
for (const [name, t] of top(byArea, 25)) process.stdout.write(`  ${pct(t)}  ${name}\n`);
process.stdout.write('\ninclusive time by package / source folder (anything below it counts):\n');
for (const [name, t] of top(areaInclusive, 30).filter(([, t]) => t < busy * 0.98)) process.stdout.write(`  ${pct(t)}  ${name}\n`);
process.stdout.write('\nself time by function:\n');
for (const [name, t] of top(bySelf, 30)) process.stdout.write(`  ${pct(t)}  ${name}\n`);
process.stdout.write('\ninclusive time (frames under 100 % only):\n');
for (const [name, t] of top(inclusive, Number(process.argv[3] ?? 60)).filter(([, t]) => t < busy * 0.98)) process.stdout.write(`  ${pct(t)}  ${name}\n`);
