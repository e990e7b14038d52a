import { operatorPages } from './operator-pages.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { systemClock, type Clock } from '../../core/clock.js';
import { demoAuthorities, type DemoAuthority } from './authorities.js';
import { rootIndexPage } from './index-page.js';
import { loadOrCreateIssuerKey } from './issuer-keys.js';
import { issuerMetadataPath } from './protocol.js';
import { defaultDemoRecords, type DemoRecordBook } from './records.js';
import type { RequesterKeySource } from './requester-keys.js';
import { authorityRouter, issuerMetadata, refusalHandler } from './router.js';

export interface DemoAuthorityServerOptions extends RequesterKeySource {
  /** 3002 in the demo; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Base URL as Passerelle reaches it (credential `iss` = publicUrl + `/it` ...). Defaults to http://127.0.0.1:<port>. */
  publicUrl?: string;
  /** Where each authority's issuer key lives (`<dir>/<authority id>/`), generated on first start. */
  keysDirectory: string;
  /** Records per authority path; defaults to the demo citizens' records. */
  records?: DemoRecordBook;
  /** Passerelle's node country (second code of the identifiers the records are keyed by). */
  nodeCountry?: string;
  clock?: Clock;
  /** Subset of authorities to host (all four by default). */
  authorities?: readonly DemoAuthority[];
}

export interface RunningDemoAuthorities {
  /** Public base URL (what credentials and Passerelle's configuration name). */
  url: string;
  /** Where the server actually listens (differs from `url` behind a proxy). */
  localUrl: string;
  app: Express;
  /** Issuer URL per authority id. */
  issuers: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * One Express app hosting the demo issuing authorities at `/it`, `/de`, `/es`, `/rs`.
 * It talks to Passerelle only over HTTP (requester JWKS in, JSON out) and imports no broker code.
 */
export async function createDemoAuthorityServer(options: DemoAuthorityServerOptions): Promise<RunningDemoAuthorities> {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 3002, options.host ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  try {
    const port = (server.address() as AddressInfo).port;
    const base = (options.publicUrl ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
    const records = options.records ?? defaultDemoRecords(options.nodeCountry ?? 'DE');
    const mounted: Array<{ authority: DemoAuthority; issuer: string }> = [];
    for (const authority of options.authorities ?? demoAuthorities) {
      const issuer = `${base}/${authority.path}`;
      const key = await loadOrCreateIssuerKey(options.keysDirectory, authority.id);
      const deps = {
        authority, issuer, key, records: records[authority.path] ?? [], clock: options.clock ?? systemClock,
        requesterKeys: { passerelleJwksUrl: options.passerelleJwksUrl, trustedRequesters: options.trustedRequesters },
      };
      app.use(`/${authority.path}`, authorityRouter(deps));
      // The SD-JWT VC draft's own location: the well-known segment goes before the issuer's path.
      app.get(`${issuerMetadataPath}/${authority.path}`, (_req, res) => void res.json(issuerMetadata(deps)));
      mounted.push({ authority, issuer });
    }
    app.get('/', (_req, res) => void res.type('html').send(rootIndexPage(mounted)));
    app.get('/operator/:page', (req, res, next) => {
      const page = Object.hasOwn(operatorPages, req.params.page) ? operatorPages[req.params.page] : undefined;
      if (page) res.type('html').send(page);
      else next();
    });
    app.use((_req, res) => void res.status(404).json({ error: 'not_found' }));
    app.use(refusalHandler);
    server.keepAliveTimeout = 5_000;
    let closing: Promise<void> | undefined;
    return {
      url: base,
      localUrl: `http://127.0.0.1:${port}`,
      app,
      issuers: Object.fromEntries(mounted.map((m) => [m.authority.id, m.issuer])),
      close: () => (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      })),
    };
  } catch (error) {
    server.close();
    throw error;
  }
}
