import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { callbackRoute, type CallbackStep } from './callback.js';
import { html, portalStylesheet } from './html.js';
import { homeRoute, type HomeSection } from './home-page.js';
import { loginRoute, startLogin } from './login.js';
import { logoutRoute } from './logout.js';
import { portalContext, type PortalContext } from './portal-context.js';
import { relyingParty } from './relying-party.js';
import { SessionStore } from './session.js';
import type { PortalTheme } from './texts.js';

export interface DemoPortalOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** As browsers see the portal; default `http://localhost:<port>`. Redirect URI = publicUrl + /callback. */
  publicUrl?: string;
  /** Portal name per language. */
  name: Record<string, string>;
  clientId: string;
  clientSecret: string;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Passerelle's base URL; the issuer is `<passerelleUrl>/oidc`. */
  passerelleUrl: string;
  theme: PortalTheme;
  /** Prefix of this portal's cookie names (demo apps share localhost). */
  cookiePrefix: string;
  scope?: string;
  acrValues?: string;
  /** Sections under the citizen's data on the start page. */
  sections?: readonly HomeSection[];
  /** Adds routes (e.g. the evidence request of the demo) with the portal's helpers. */
  extend?: (kit: DemoPortalKit) => void;
}

/** What an extension of a demo portal can use. */
export interface DemoPortalKit {
  app: Express;
  portal: PortalContext;
  /**
   * Starts an authorization at Passerelle with extra parameters (country, authorization_details…).
   * With `step`, the callback ends in the handler registered under that name.
   */
  startLogin(req: Request, res: Response, extra?: Record<string, string>, step?: string): Promise<void>;
  /** Registers what happens when an authorization started with `step` comes back to /callback. */
  onCallback(step: string, handler: CallbackStep): void;
}

export interface DemoPortal {
  app: Express;
  url: string;
  close(): Promise<void>;
}

/**
 * A demo public portal: a separate Express app that uses openid-client against Passerelle
 * exactly as a real portal would, and shows who logged in, from which country, at which LoA.
 */
export async function createDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const publicUrl = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const passerelleUrl = options.passerelleUrl.replace(/\/+$/, '');
  const portal = portalContext({
    publicUrl,
    passerelleUrl,
    scope: options.scope ?? 'openid profile',
    ...(options.acrValues ? { acrValues: options.acrValues } : {}),
    theme: options.theme,
    names: options.name,
    sessions: new SessionStore(`${options.cookiePrefix}_session`, publicUrl.startsWith('https://')),
    languageCookie: `${options.cookiePrefix}_lang`,
    relyingParty: relyingParty({
      passerelleUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      tokenEndpointAuthMethod: options.tokenEndpointAuthMethod ?? 'client_secret_basic',
    }),
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const https = publicUrl.startsWith('https://');
  app.use(helmet({
    strictTransportSecurity: https ? undefined : false,
    // On plain-HTTP localhost an upgrade to https would break the demo's own stylesheet.
    contentSecurityPolicy: { directives: {
      upgradeInsecureRequests: https ? [] : null,
      // The evidence buttons POST to the portal, which answers with a redirect to Passerelle: browsers apply form-action to it.
      formAction: ["'self'", new URL(passerelleUrl).origin],
    } },
  }));
  const stylesheet = portalStylesheet(options.theme.accent);
  app.get('/portal.css', (_req, res) => { res.type('css').send(stylesheet); });
  app.get('/', homeRoute(portal, options.sections ?? []));
  app.get('/login', loginRoute(portal));
  const steps = new Map<string, CallbackStep>();
  app.get('/callback', callbackRoute(portal, steps));
  app.get('/logout', logoutRoute(portal));
  options.extend?.({
    app, portal,
    startLogin: (req, res, extra, step) => startLogin(portal, req, res, extra, step),
    onCallback: (step, handler) => { steps.set(step, handler); },
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const t = portal.texts(req, res);
    res.status(502);
    portal.render(req, res, t.loginFailed, html`<div class="error" role="alert"><p>${t.loginFailed}</p></div><p><a href="/">${t.back}</a></p>`);
    void error;
  });
  server.on('request', app);
  return {
    app,
    url: publicUrl,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
