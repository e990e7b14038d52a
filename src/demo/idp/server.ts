import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { demoIdpCountries, demoIdpCountry, type DemoIdpCountry } from './countries.js';
import { CountryIdp } from './country-idp.js';
import { DemoIdpError } from './errors.js';
import { idpStylesheet } from './html.js';
import { loadOrCreateIdpKeys } from './keys.js';
import { errorPage, indexPage } from './pages.js';
import { PendingLogins } from './pending-logins.js';
import type { CancelStatus } from './response-build.js';
import { countryRouter } from './routes.js';
import type { SpDescriptionInput } from './sp-description.js';
import { createSpSource } from './sp-source.js';

export interface DemoIdpLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DemoIdpServerOptions {
  /** Directory holding `<cc>/signing-*.key.pem` (generated at first start), e.g. `keys/demo-idp`. */
  keysDirectory: string;
  /** Default 3001; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Public base URL; entityIDs are `<publicUrl>/<cc>/metadata`. Default `http://localhost:<port>`. */
  publicUrl?: string;
  /** Passerelle's SP metadata; default `http://localhost:3000/saml/metadata`. Ignored when `sp` is given. */
  spMetadataUrl?: string;
  /** PEM certificates: when given, Passerelle's SP metadata must be signed by one of them. */
  spMetadataSigningCertificates?: string[];
  /** An explicit SP description instead of fetched metadata (tests, running without Passerelle). */
  sp?: SpDescriptionInput;
  /** Second code of PersonIdentifiers; default: the SP metadata's NodeCountry, else DE. */
  nodeCountry?: string;
  /**
   * Second-level status sent when the citizen presses Cancel: AuthnFailed (default) or
   * RequestDenied (which Passerelle reports to the portal as a cancelled login).
   */
  cancelStatus?: CancelStatus;
  /** Subset of IT, DE, ES, RS; default all four. */
  countries?: string[];
  /** Clock in epoch ms (tests freeze it). */
  now?: () => number;
  logger?: DemoIdpLogger;
}

export interface DemoIdpServer {
  /** Base URL, without a trailing slash. */
  url: string;
  /** entityID (metadata URL) per country code. */
  metadataUrls: Record<string, string>;
  close(): Promise<void>;
}

function errorHandler(countries: readonly DemoIdpCountry[], logger?: DemoIdpLogger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const country = countries.find((c) => req.path.startsWith(`/${c.path}/`));
    let refusal: DemoIdpError;
    if (error instanceof DemoIdpError) refusal = error;
    else if ((error as { type?: string }).type === 'entity.too.large') refusal = new DemoIdpError('request_malformed', 'body too large');
    else if ((error as { type?: string }).type?.startsWith('entity.')) refusal = new DemoIdpError('request_malformed', 'unreadable body');
    else refusal = new DemoIdpError('sp_unavailable', 'unexpected failure');
    const unexpected = !(error instanceof DemoIdpError) && !(error as { type?: string }).type;
    logger?.warn({ country: country?.code, code: refusal.code, detail: unexpected ? String((error as Error).message) : refusal.message }, 'demo IdP refused a request');
    res.status(unexpected ? 500 : refusal.status).setHeader('Cache-Control', 'no-store');
    res.type('html').send(errorPage(country, refusal.publicMessage, unexpected ? 'internal_error' : refusal.code));
  };
}

/**
 * Starts the demo national IdPs (one per country under `/it`, `/de`, `/es`, `/rs`) as their own
 * Express app. They reach Passerelle only over HTTP, through its SP metadata and the browser.
 */
export async function createDemoIdpServer(options: DemoIdpServerOptions): Promise<DemoIdpServer> {
  const now = options.now ?? Date.now;
  const countries = (options.countries ?? demoIdpCountries.map((c) => c.code)).map((code) => {
    const country = demoIdpCountry(code);
    if (!country) throw new Error(`demo IdP: unknown country ${code}`);
    return country;
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet({
    contentSecurityPolicy: { useDefaults: false, directives: {
      defaultSrc: ["'none'"], styleSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"],
    } },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  }));
  // Keys first (generating RSA-3072 takes seconds): the port opens only when every route is ready.
  const keys = await Promise.all(countries.map((c) => loadOrCreateIdpKeys(options.keysDirectory, c)));
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3001, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/$/, '');
  const close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  try {
    const idps = countries.map((c, i) => new CountryIdp(c, keys[i]!, url, now));
    const spSource = createSpSource({
      sp: options.sp, spMetadataUrl: options.spMetadataUrl, spMetadataSigningCertificates: options.spMetadataSigningCertificates, now,
      onChange: (event, detail) => (event === 'loaded' ? options.logger?.info({ source: detail }, 'SP metadata loaded') : options.logger?.warn({ detail }, 'SP metadata not loaded')),
    });
    const pending = new PendingLogins(now);
    app.get('/static/idp.css', (_req, res) => { res.setHeader('Cache-Control', 'max-age=3600'); res.type('css').send(idpStylesheet); });
    app.get('/', (_req, res) => { res.type('html').send(indexPage(countries, url)); });
    for (const idp of idps) {
      app.use(`/${idp.country.path}`, countryRouter({ idp, spSource, pending, now, nodeCountry: options.nodeCountry, cancelStatus: options.cancelStatus }));
    }
    app.use((_req, _res, next) => next(new DemoIdpError('not_found')));
    app.use(errorHandler(countries, options.logger));
    options.logger?.info({ url, countries: countries.map((c) => c.code) }, 'demo national IdPs listening');
    return { url, metadataUrls: Object.fromEntries(idps.map((i) => [i.country.code, i.entityId])), close };
  } catch (error) {
    await close();
    throw error;
  }
}
