import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/ports.js';


/**
 * What `npm start` runs (src/demo/start.ts), on free ports with its own keys and database,
 * so it never collides with a demo a developer has running.
 */
describe('npm start (the demo launcher)', function () {
  this.timeout(240_000);

  it('comes up answering /healthz and /readyz, with every demo app up, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-npm-start-'));
    const [passerelle, idp, authority, bremerhaven, santander, wallet] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    const env = {
      ...process.env, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'info', LOG_FORMAT: '',
      PASSERELLE_KEYS_DIR: path.join(dir, 'keys'), PASSERELLE_SQLITE_FILE: path.join(dir, 'demo.sqlite'),
      PORT: String(passerelle), DEMO_IDP_PORT: String(idp), DEMO_AUTHORITY_PORT: String(authority),
      DEMO_BREMERHAVEN_PORT: String(bremerhaven), DEMO_SANTANDER_PORT: String(santander), DEMO_WALLET_PORT: String(wallet),
    };
    delete (env as Record<string, string | undefined>).PASSERELLE_CONFIG;
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      while (!output.includes('Passerelle demo is running')) {
        // A guard against a hang, not a speed check: start-up time is for the benchmark, and a busy machine is slow.
        assert.ok(Date.now() - started < 180_000, `not up after 180 s:\n${output}`);
        assert.equal(child.exitCode, null, `the demo stopped:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const base = `http://localhost:${passerelle}`;
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      assert.equal((await fetch(`${base}/saml/metadata`)).status, 200);
      assert.equal((await fetch(`${base}/oidc/.well-known/openid-configuration`)).status, 200);
      assert.equal((await fetch(`http://localhost:${idp}/it/metadata`)).status, 200);
      assert.equal((await fetch(`http://localhost:${bremerhaven}/`)).status, 200);
      assert.equal((await fetch(`http://localhost:${santander}/`)).status, 200);
      assert.ok((await fetch(`http://localhost:${authority}/`)).ok);
      assert.equal((await fetch(`http://localhost:${wallet}/`)).status, 200);
      for (const country of ['it', 'de', 'es', 'rs']) {
        const idpPage = await fetch(`http://localhost:${idp}/${country}`);
        assert.equal(idpPage.status, 200, `the IdP page /${country} that README and docs/demo.md link to`);
        assert.match(await idpPage.text(), new RegExp(`href="/${country}/metadata"`));
        assert.equal((await fetch(`http://localhost:${authority}/${country}`)).status, 200);
      }
      for (const operatorPage of ['privacy', 'accessibility']) {
        assert.equal((await fetch(`http://localhost:${authority}/operator/${operatorPage}`)).status, 200, `the demo operator's ${operatorPage} page`);
      }
      const lines = output.split('\n').filter((line) => line.trim() !== '');
      assert.deepEqual(lines.filter((line) => line.trimStart().startsWith('{')), [], 'no JSON log lines in the demo');
      assert.ok(lines.some((line) => /^\d\d:\d\d:\d\d {2}INFO {3}/.test(line)), `readable log lines:\n${output}`);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
