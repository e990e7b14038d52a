import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** What one `npm run bench` run does; `--quick` is the one-minute variant for development and CI machines. */
export interface BenchOptions {
  quick: boolean;
  /** Compile first (`npm run build`); `--no-build` reuses dist/. */
  build: boolean;
  /** The compiled entry point the server child runs. */
  serverEntry: string;
  /** Write a V8 CPU profile of the server process into this directory. */
  cpuProfileDir?: string;
  databaseUrl: string;
  /** Seconds each throughput phase runs at most, and the flows it runs at most. */
  phaseSeconds: number;
  phaseMaxFlows: number;
  concurrencies: number[];
  /** Logins between the two later RSS samples: RSS before, at memoryHalf and at 2 × memoryHalf logins. */
  memoryHalf: number;
  floorSeconds: number;
  evidenceSeconds: number;
  /** IdP signature algorithm the driver uses: ECDSA P-256 (default) or RSA-PSS 3072. */
  idpAlgorithm: 'ecdsa-p256' | 'rsa-pss-3072';
  /** Server instances of one deployment (one process each, requests spread over them). */
  instances: number;
  /** Processes producing IdP responses (never the server process). */
  idpProcesses: number;
  /** Where the JSON result goes (directory). */
  resultsDir: string;
}

const usage = `usage: npm run bench -- [--quick] [--no-build] [--server dist/src/server.js] [--cpu-prof <dir>]
                        [--idp-alg ecdsa-p256|rsa-pss-3072] [--concurrency 1,8,32] [--instances 1]
DATABASE_URL (default: the local Unix socket, postgres:///test?host=/var/run/postgresql&user=postgres, where it exists,
otherwise postgres://postgres@127.0.0.1:5432/test): the benchmark works in a private schema and drops it.`;

/** A database on this machine is reached through its Unix socket, as a production host with a local database should be. */
export function defaultDatabaseUrl(socketDirectory = '/var/run/postgresql'): string {
  return existsSync(`${socketDirectory}/.s.PGSQL.5432`)
    ? `postgres:///test?host=${socketDirectory}&user=postgres`
    : 'postgres://postgres@127.0.0.1:5432/test';
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      server: { type: 'string', default: 'dist/src/server.js' },
      'cpu-prof': { type: 'string' },
      'idp-alg': { type: 'string', default: 'ecdsa-p256' },
      concurrency: { type: 'string', default: '1,8,32' },
      instances: { type: 'string', default: '1' },
      'results-dir': { type: 'string', default: 'bench/results' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    process.exit(0);
  }
  const idpAlgorithm = values['idp-alg'];
  if (idpAlgorithm !== 'ecdsa-p256' && idpAlgorithm !== 'rsa-pss-3072') throw new Error(usage);
  const concurrencies = values.concurrency.split(',').map((c) => Number(c.trim()));
  if (concurrencies.some((c) => !Number.isInteger(c) || c < 1 || c > 256)) throw new Error(`--concurrency: integers 1..256\n${usage}`);
  const instances = Number(values.instances);
  if (!Number.isInteger(instances) || instances < 1 || instances > 8) throw new Error(`--instances: 1..8\n${usage}`);
  const quick = values.quick;
  return {
    quick,
    build: !values['no-build'],
    serverEntry: values.server,
    ...(values['cpu-prof'] ? { cpuProfileDir: values['cpu-prof'] } : {}),
    databaseUrl: process.env.DATABASE_URL || defaultDatabaseUrl(),
    phaseSeconds: quick ? 8 : 30,
    phaseMaxFlows: quick ? 600 : 5_000,
    concurrencies,
    memoryHalf: quick ? 500 : 5_000,
    floorSeconds: quick ? 3 : 10,
    evidenceSeconds: quick ? 3 : 10,
    idpAlgorithm,
    instances,
    idpProcesses: Math.max(1, Math.min(2, availableParallelism() - 1)),
    resultsDir: values['results-dir'],
  };
}
