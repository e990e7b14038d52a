import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { Agent, request } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { baseTestConfig } from '../support/config.js';
import { readRing } from '../../src/keys/rotation.js';
import { testKeystore, testKeysDirectory } from '../support/keys.js';

interface Outcome { code: number | null; stdout: string; stderr: string }

function runServer(configFile: string, env: Record<string, string> = {}, onStarted?: (child: ReturnType<typeof spawn>, stdout: () => string) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PASSERELLE_CONFIG: configFile, LOG_LEVEL: 'info', NODE_ENV: 'development', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!started && stdout.includes('passerelle listening')) {
        started = true;
        onStarted?.(child, () => stdout);
      }
    });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('server start and stop', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    await testKeystore();
    dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-start-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function writeConfig(name: string, config: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof config === 'string' ? config : stringify(config));
    return file;
  }

  it('stops with one readable message naming the bad field of an invalid configuration', async () => {
    const file = writeConfig('invalid.yaml', { ...baseTestConfig(), publicUrl: 'nope', port: 'x' });
    const outcome = await runServer(file);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /passerelle: configuration .* is invalid:\n {2}- publicUrl: /);
    assert.doesNotMatch(outcome.stderr, /\n\s+at /, 'no stack trace');
  });

  it('stops with one readable message when a key file is missing', async () => {
    const keys = path.join(dir, 'keys-missing');
    rmSync(keys, { recursive: true, force: true });
    const ring = readRing(testKeysDirectory);
    mkdirSync(keys);
    copyFileSync(path.join(testKeysDirectory, 'keyring.json'), path.join(keys, 'keyring.json'));
    for (const entry of ring.slice(1)) copyFileSync(path.join(testKeysDirectory, entry.privateKeyFile), path.join(keys, entry.privateKeyFile));
    const file = writeConfig('missing-key.yaml', { ...baseTestConfig(), keys: { directory: keys, generateDevelopmentKeys: false }, database: { sqliteFile: path.join(dir, 'a.sqlite') } });
    const outcome = await runServer(file);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /passerelle: key file .* is missing/);
    assert.doesNotMatch(outcome.stderr, /\n\s+at /);
  });

  it('stops with one readable message when PostgreSQL is unreachable', async () => {
    const file = writeConfig('pg.yaml', baseTestConfig());
    const outcome = await runServer(file, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /passerelle: database \(postgres\) is unreachable/);
    assert.doesNotMatch(outcome.stderr, /\n\s+at /);
  });

  it('finishes and exits cleanly on SIGTERM', async () => {
    const file = writeConfig('ok.yaml', { ...baseTestConfig(), port: 0, host: '127.0.0.1', database: { sqliteFile: path.join(dir, 'ok.sqlite') } });
    const outcome = await runServer(file, {}, (child, stdout) => {
      const port = /"port":(\d+)/.exec(stdout())?.[1];
      void fetch(`http://127.0.0.1:${port}/readyz`).then((res) => {
        assert.equal(res.status, 200);
        child.kill('SIGTERM');
      });
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /shutting down/);
  });

  it('on SIGTERM closes a silent TCP connection and an idle keep-alive one, and exits 0 within the grace period', async function () {
    this.timeout(120_000);
    const file = writeConfig('silent.yaml', { ...baseTestConfig(), port: 0, host: '127.0.0.1', shutdownGraceSeconds: 30, database: { sqliteFile: path.join(dir, 'silent.sqlite') } });
    let silent: Socket | undefined;
    let silentClosed: Promise<void> | undefined;
    const agent = new Agent({ keepAlive: true });
    const outcome = await runServer(file, {}, (child, stdout) => {
      const port = Number(/"port":(\d+)/.exec(stdout())?.[1]);
      silent = connect(port, '127.0.0.1');
      silentClosed = new Promise((resolve) => silent!.once('close', () => resolve()));
      // A keep-alive connection that answered once and now sits idle in the agent's pool.
      request({ port, host: '127.0.0.1', path: '/healthz', agent }, (res) => {
        res.resume();
        res.once('end', () => child.kill('SIGTERM'));
      }).end();
    });
    agent.destroy();
    assert.equal(outcome.code, 0, outcome.stderr);
    await silentClosed;
    assert.match(outcome.stdout, /"msg":"stopped"/);
    assert.doesNotMatch(outcome.stdout, /connections still busy/, 'nothing had to be cut: the grace period was not needed');
  });
});
