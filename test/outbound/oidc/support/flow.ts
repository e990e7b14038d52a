import * as client from 'openid-client';
import { continueLink, hiddenInput, TestBrowser, type Page } from './browser.js';
import { rp } from './harness.js';

export type RpName = keyof typeof rp;

/** An openid-client Configuration for one of the test relying parties, by discovery. */
export async function rpConfig(issuer: string, name: RpName, auth?: client.ClientAuth): Promise<client.Configuration> {
  const registration = rp[name];
  const secret = 'secret' in registration ? registration.secret : undefined;
  const method = auth ?? (name === 'padron' ? client.ClientSecretPost(secret) : secret ? client.ClientSecretBasic(secret) : client.None());
  return client.discovery(new URL(issuer), registration.clientId, undefined, method, { execute: [client.allowInsecureRequests] });
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

export async function startAuthorization(config: client.Configuration, name: RpName, params: Record<string, string> = {}): Promise<AuthorizationStart> {
  const verifier = client.randomPKCECodeVerifier();
  const state = params.state ?? client.randomState();
  const nonce = params.nonce ?? client.randomNonce();
  const redirectUri = rp[name].redirectUri;
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid profile', state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    ...params,
  });
  return { url, state, nonce, verifier, redirectUri };
}

export const toPortal = (redirectUri: string) => (location: string) => location.startsWith(redirectUri);

export interface BrowserLogin {
  /** The authorization response URL (the portal's redirect URI with code or error). */
  callback: URL;
  /** Pages seen on the way (country page, consent page). */
  pages: Page[];
}

/**
 * Drives a browser through one authorization: the country page (unless hinted), the test
 * adapter's hand-off, the consent page (share, decline or remember), back to the portal.
 */
export async function loginInBrowser(
  browser: TestBrowser,
  start: AuthorizationStart,
  options: { country?: string; consent?: 'share' | 'decline' | 'remember' | 'none' } = {},
): Promise<BrowserLogin> {
  const stop = toPortal(start.redirectUri);
  const pages: Page[] = [];
  let step = await browser.follow(await browser.get(start.url.href), stop);
  for (let i = 0; i < 6 && !step.stoppedAt; i++) {
    const page = step.page;
    pages.push(page);
    if (page.status !== 200) throw new Error(`unexpected ${page.status} at ${page.url}: ${page.body.slice(0, 300)}`);
    const countryLink = new RegExp(`href="(/interaction/[^/"]+/country/${options.country ?? 'IT'})"`).exec(page.body);
    if (countryLink) {
      step = await browser.follow(await browser.get(new URL(countryLink[1]!, page.url).href), stop);
      continue;
    }
    const next = continueLink(page.body);
    if (next) {
      step = await browser.follow(await browser.get(new URL(next, page.url).href), stop);
      continue;
    }
    const consentAction = /action="(\/interaction\/[^"]+\/consent)"/.exec(page.body);
    if (consentAction) {
      const decision = options.consent ?? 'share';
      const fields: Record<string, string> = { _csrf: hiddenInput(page.body, '_csrf')!, decision: decision === 'decline' ? 'decline' : 'share' };
      if (decision === 'remember') fields.remember = '1';
      step = await browser.follow(await browser.post(new URL(consentAction[1]!, page.url).href, fields), stop);
      continue;
    }
    throw new Error(`no known step on ${page.url}`);
  }
  if (!step.stoppedAt) throw new Error('the flow did not reach the portal');
  return { callback: new URL(step.stoppedAt), pages };
}

/** Login + token request, as a portal does it. */
export async function fullLogin(
  issuerConfig: client.Configuration,
  name: RpName,
  options: { params?: Record<string, string>; country?: string; browser?: TestBrowser; consent?: 'share' | 'remember' } = {},
) {
  const browser = options.browser ?? new TestBrowser();
  const start = await startAuthorization(issuerConfig, name, options.params);
  const login = await loginInBrowser(browser, start, { ...(options.country ? { country: options.country } : {}), ...(options.consent ? { consent: options.consent } : {}) });
  const tokens = await client.authorizationCodeGrant(issuerConfig, login.callback, {
    pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce, idTokenExpected: true,
  });
  return { browser, start, login, tokens, claims: tokens.claims()! };
}

/** An `Authorization: Basic` value for client_secret_basic (RFC 6749 §2.3.1 form-encodes both parts). */
export function basicAuth(id: string, secret: string): string {
  return 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
}
