import { fork, type ChildProcess } from 'node:child_process';
import type { ResponseJob } from './response.js';
import type { WorkerInit, WorkerMessage, WorkerReply } from './worker.js';

interface Pending { resolve(value: string): void; reject(error: Error): void }

/**
 * The driver's IdP: a pool of child processes (not the server's, not the driver's event loop)
 * that answer AuthnRequests with signed and encrypted Responses, least-loaded first.
 */
export class IdpPool {
  private readonly children: Array<{ child: ChildProcess; busy: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  static async start(size: number, init: WorkerInit): Promise<IdpPool> {
    const pool = new IdpPool();
    const entry = new URL('./worker.ts', import.meta.url);
    await Promise.all(Array.from({ length: size }, () => new Promise<void>((resolve, reject) => {
      const child = fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const slot = { child, busy: 0 };
      pool.children.push(slot);
      child.once('error', reject);
      child.on('exit', (code) => {
        if (code !== 0 && code !== null) for (const p of pool.pending.values()) p.reject(new Error(`IdP process exited with ${code}`));
      });
      child.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') return resolve();
        if (reply.type === 'usage') return;
        const waiting = pool.pending.get(reply.id);
        if (!waiting) return;
        pool.pending.delete(reply.id);
        slot.busy -= 1;
        if (reply.type === 'done') waiting.resolve(reply.samlResponse);
        else waiting.reject(new Error(`IdP: ${reply.error}`));
      });
      child.send({ type: 'init', init } satisfies WorkerMessage);
    })));
    return pool;
  }

  respond(job: ResponseJob): Promise<string> {
    const slot = this.children.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.child.send({ type: 'job', id, job } satisfies WorkerMessage);
    });
  }

  /** CPU time the IdP processes used so far (what the benchmark does not charge to Passerelle). */
  async cpuMillis(): Promise<number> {
    const totals = await Promise.all(this.children.map(({ child }) => new Promise<number>((resolve) => {
      const onReply = (reply: WorkerReply) => {
        if (reply.type !== 'usage') return;
        child.off('message', onReply);
        resolve((reply.userMicros + reply.systemMicros) / 1000);
      };
      child.on('message', onReply);
      child.send({ type: 'usage' } satisfies WorkerMessage);
    })));
    return totals.reduce((a, b) => a + b, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map(({ child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
    })));
  }
}
