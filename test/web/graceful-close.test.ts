import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startPasserelle } from '../../src/runtime.js';
import type { Feature } from '../../src/web/app.js';
import { createTestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';

describe('web/graceful-close: shutdown finishes in-flight requests and does not wait for silent connections', () => {
  it('answers a request in flight at close, closes a silent connection at once, then resolves', async () => {
    const test = await createTestDatabase();
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => { arrived = resolve; });
    const slow: Feature = (app) => {
      app.get('/slow', (_req, res) => {
        arrived();
        new Promise<void>((resolve) => { release = resolve; }).then(() => res.send('finished'));
      });
    };
    const running = await startPasserelle(testConfig(), { db: test.db, port: 0, host: '127.0.0.1', features: [slow] });
    try {
      const silent = connect(Number(new URL(running.url).port), '127.0.0.1');
      await new Promise((resolve) => silent.once('connect', resolve));
      const silentClosed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
      const answer = fetch(`${running.url}/slow`).then(async (res) => ({ status: res.status, body: await res.text(), connection: res.headers.get('connection') }));
      await inFlight;
      const closed = running.close();
      await silentClosed;
      release();
      assert.deepEqual(await answer, { status: 200, body: 'finished', connection: 'close' });
      await closed;
      await assert.rejects(fetch(`${running.url}/healthz`), 'no longer listening');
    } finally {
      await running.close();
      await test.cleanup();
    }
  });

  it('cuts connections still busy at the end of the grace period instead of waiting forever', async () => {
    const test = await createTestDatabase();
    let arrived: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => { arrived = resolve; });
    const stuck: Feature = (app) => { app.get('/stuck', () => { arrived(); }); };
    const running = await startPasserelle(testConfig({ shutdownGraceSeconds: 1 }), { db: test.db, port: 0, host: '127.0.0.1', features: [stuck] });
    try {
      const answer = fetch(`${running.url}/stuck`).then(() => 'answered', () => 'cut');
      await inFlight;
      await running.close();
      assert.equal(await answer, 'cut');
    } finally {
      await test.cleanup();
    }
  });
});
