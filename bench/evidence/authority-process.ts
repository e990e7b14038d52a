import { fork, type ChildProcess } from 'node:child_process';
import type { ConfigInput } from '../../src/config/schema.js';
import { demoAuthorities } from '../../src/demo/authority/authorities.js';
import { createDemoAuthorityServer } from '../../src/demo/authority/server.js';

/**
 * The demo issuing authorities (IT, DE, ES, RS) in a process of their own: they sign the
 * credentials and render the PDFs a share-and-download flow fetches, and that cost is the
 * authority's, not Passerelle's. They reach Passerelle only over HTTP (its requester JWKS).
 */
interface Start { passerelleJwksUrl: string; keysDirectory: string; nodeCountry: string }
type Reply = { type: 'ready'; issuers: Record<string, string> } | { type: 'failed'; error: string };

if (process.send && process.argv[2] === 'authority-child') {
  process.once('message', (start: Start) => {
    createDemoAuthorityServer({ port: 0, host: '127.0.0.1', keysDirectory: start.keysDirectory, passerelleJwksUrl: start.passerelleJwksUrl, nodeCountry: start.nodeCountry })
      .then((running) => {
        process.send!({ type: 'ready', issuers: running.issuers } satisfies Reply);
        process.on('disconnect', () => { void running.close().then(() => process.exit(0)); });
      }, (error: Error) => {
        process.send!({ type: 'failed', error: error.message } satisfies Reply);
        process.exit(1);
      });
  });
}

export class AuthorityProcess {
  private constructor(private readonly child: ChildProcess, readonly issuers: Record<string, string>) {}

  static async start(start: Start): Promise<AuthorityProcess> {
    const child = fork(new URL(import.meta.url), ['authority-child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const reply = await new Promise<Reply>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`the demo authorities exited with ${code}`)));
      child.send(start);
    });
    if (reply.type === 'failed') throw new Error(`demo authorities: ${reply.error}`);
    return new AuthorityProcess(child, reply.issuers);
  }

  /** Passerelle's configuration entries for these authorities. */
  config(): NonNullable<ConfigInput['issuingAuthorities']> {
    return demoAuthorities.map((a) => ({
      id: a.id, country: a.country, name: { en: a.name.en }, url: this.issuers[a.id]!, evidenceTypes: [...a.evidenceTypes], allowInsecureUrl: true,
    }));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.disconnect();
      setTimeout(() => this.child.kill('SIGKILL'), 10_000).unref();
    });
  }
}
