import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ServerStart {
  entry: string;
  /** Overrides the configured port (further instances of one deployment). */
  port?: number;
  configFile: string;
  databaseUrl: string;
  baseUrl: string;
  /** Server stdout/stderr (its JSON log) go here, not through the driver. */
  logFile: string;
  cpuProfileDir?: string;
  /** Bearer token of the instance's /metrics. */
  metricsToken: string;
}

const clockTicks = 100; // USER_HZ on Linux

/**
 * The compiled server in its own process, started as production starts it:
 * `NODE_ENV=production node dist/src/server.js` with PASSERELLE_CONFIG and DATABASE_URL.
 */
export class PasserelleProcess {
  private logOpen = true;

  private constructor(private readonly child: ChildProcess, private readonly logFd: number, readonly logFile: string, private readonly url: string, private readonly metricsToken: string) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: ServerStart): Promise<PasserelleProcess> {
    const logFd = openSync(options.logFile, 'a');
    const args = [
      ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : []),
      path.resolve(options.entry),
    ];
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PASSERELLE_CONFIG: options.configFile, DATABASE_URL: options.databaseUrl };
    delete env.PORT;
    if (options.port !== undefined) env.PORT = String(options.port);
    delete env.PASSERELLE_PUBLIC_URL;
    delete env.LOG_LEVEL;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', logFd, logFd] });
    const url = options.port === undefined ? options.baseUrl : `http://127.0.0.1:${options.port}`;
    const server = new PasserelleProcess(child, logFd, options.logFile, url, options.metricsToken);
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited with ${code} at start; its log:\n${server.logTail()}`))));
    await Promise.race([exited, server.waitReady(url)]);
    return server;
  }

  private async waitReady(baseUrl: string): Promise<void> {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      try {
        const response = await fetch(`${baseUrl}/readyz`);
        if (response.status === 200) return;
      } catch { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the server did not become ready in 60 s; its log:\n${this.logTail()}`);
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Resident set size of the server process, in MiB (Linux /proc). */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return Math.round((kb / 1024) * 10) / 10;
  }

  /** CPU time (user + system) the server process has used, in milliseconds (Linux /proc). */
  cpuMillis(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  }

  /** Statements the instance has sent to the database so far (its counter at /metrics). */
  async statements(): Promise<number> {
    const response = await fetch(`${this.url}/metrics`, { headers: { authorization: `Bearer ${this.metricsToken}` } });
    const text = await response.text();
    const value = /^passerelle_db_statements_total (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text)?.[1];
    if (response.status !== 200 || value === undefined) throw new Error(`no statement counter at ${this.url}/metrics (HTTP ${response.status})`);
    return Number(value);
  }

  /** SIGTERM (the server finishes in-flight requests; a CPU profile is written on this exit). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
        this.child.once('exit', () => { clearTimeout(force); resolve(); });
        this.child.kill('SIGTERM');
      });
    }
    if (this.logOpen) closeSync(this.logFd);
    this.logOpen = false;
  }
}

/** What the measurements read from the server side: one instance, or the sum over several. */
export interface MeasuredServer {
  cpuMillis(): number;
  rssMiB(): number;
  statements(): Promise<number>;
}

/**
 * N instances of one deployment (same configuration, database and keys, one public URL), as
 * behind a load balancer: the driver spreads requests over their ports. Started one after the
 * other, so that only the first one runs the migrations.
 */
export class ServerGroup implements MeasuredServer {
  private constructor(readonly instances: PasserelleProcess[], readonly ports: number[]) {}

  static async start(base: ServerStart, ports: number[]): Promise<ServerGroup> {
    const instances: PasserelleProcess[] = [];
    try {
      for (const [i, port] of ports.entries()) {
        instances.push(await PasserelleProcess.start({
          ...base, ...(i === 0 ? {} : { port }), logFile: base.logFile.replace(/(\.log)?$/, i === 0 ? '$1' : `-${i}$1`),
        }));
      }
    } catch (error) {
      await Promise.all(instances.map((s) => s.stop()));
      throw error;
    }
    return new ServerGroup(instances, ports);
  }

  cpuMillis(): number {
    return this.instances.reduce((sum, s) => sum + s.cpuMillis(), 0);
  }

  async statements(): Promise<number> {
    return (await Promise.all(this.instances.map((s) => s.statements()))).reduce((a, b) => a + b, 0);
  }

  rssMiB(): number {
    return Math.round(this.instances.reduce((sum, s) => sum + s.rssMiB(), 0) * 10) / 10;
  }

  logTail(): string {
    return this.instances.map((s) => s.logTail()).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((s) => s.stop()));
  }
}
