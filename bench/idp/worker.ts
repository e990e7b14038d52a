import { createPrivateKey } from 'node:crypto';
import { buildIdpResponse, type IdpSigner, type ResponseJob } from './response.js';

/**
 * One IdP process of the driver (forked by idp/pool.ts). It signs and encrypts Responses so
 * that their cost lands on neither the server process nor the driver's event loop.
 */
export type WorkerInit = Omit<IdpSigner, 'signingKey'> & { privateKeyPem: string };
export type WorkerMessage =
  | { type: 'init'; init: WorkerInit }
  | { type: 'job'; id: number; job: ResponseJob }
  | { type: 'usage' };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; samlResponse: string }
  | { type: 'failed'; id: number; error: string }
  | { type: 'usage'; userMicros: number; systemMicros: number };

let signer: IdpSigner | undefined;
const send = (reply: WorkerReply) => process.send!(reply);

process.on('message', (message: WorkerMessage) => {
  switch (message.type) {
    case 'init': {
      const { privateKeyPem, ...rest } = message.init;
      signer = { ...rest, signingKey: createPrivateKey(privateKeyPem) };
      send({ type: 'ready' });
      return;
    }
    case 'job':
      try {
        send({ type: 'done', id: message.id, samlResponse: buildIdpResponse(signer!, message.job) });
      } catch (error) {
        send({ type: 'failed', id: message.id, error: (error as Error).message });
      }
      return;
    case 'usage': {
      const usage = process.cpuUsage();
      send({ type: 'usage', userMicros: usage.user, systemMicros: usage.system });
    }
  }
});
process.on('disconnect', () => process.exit(0));
