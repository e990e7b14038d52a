import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CookieJar, findForm, inputValue, unescapeHtml, type HttpClient, type HttpResult } from '../http/client.js';
import type { IdpPool } from '../idp/pool.js';
import type { IdpCitizen } from '../idp/response.js';
import type { LatencyRecorder } from '../stats.js';

/** The steps of one login, in order, as they are reported (the IdP step is the driver's, not Passerelle's). */
export const loginSteps = {
  authorize: 'GET  /oidc/auth (portal authorize)',
  countryPage: 'GET  /interaction/:uid (country page)',
  authnRequest: 'GET  /interaction/:uid/country/:cc (AuthnRequest)',
  idp: '     IdP answers (driver process, not charged)',
  acs: 'POST /saml/acs',
  resumeLogin: 'GET  /oidc/auth/:uid (after login)',
  consentPage: 'GET  /interaction/:uid (consent page)',
  consentSubmit: 'POST /interaction/:uid/consent',
  resumeConsent: 'GET  /oidc/auth/:uid (code to portal)',
  token: 'POST /oidc/token',
  userinfo: 'GET  /oidc/me (userinfo)',
  evidenceOverview: 'GET  /evidence/flow/:id (overview)',
  evidenceFetch: 'POST /evidence/flow/:id/items/0/request (authority)',
  evidencePreview: 'GET  /evidence/flow/:id/items/0/preview',
  evidenceShare: 'POST /evidence/flow/:id/share',
  sharesList: 'GET  /api/evidence/shares',
  download: 'GET  /api/evidence/shares/:id/document',
  attestation: 'GET  /api/evidence/shares/:id/attestation',
} as const;
export type LoginStep = keyof typeof loginSteps;
const evidenceSteps = new Set<LoginStep>(['evidenceOverview', 'evidenceFetch', 'evidencePreview', 'evidenceShare', 'sharesList', 'download', 'attestation']);
/** The steps of a plain login (the evidence steps only appear in share-and-download flows). */
export const plainLoginSteps = (Object.keys(loginSteps) as LoginStep[]).filter((s) => !evidenceSteps.has(s));

export interface LoginTarget {
  baseUrl: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  jwks: JWTVerifyGetKey;
  country: string;
  nodeCountry: string;
  portal: { clientId: string; clientSecret: string; redirectUri: string };
}

export async function discoverTarget(client: HttpClient, baseUrl: string, rest: Pick<LoginTarget, 'country' | 'nodeCountry' | 'portal'>): Promise<LoginTarget> {
  const discovery = await client.request(`${baseUrl}/oidc/.well-known/openid-configuration`);
  if (discovery.status !== 200) throw new Error(`discovery answered ${discovery.status}: is the OpenID Provider wired in src/features.ts?`);
  const meta = JSON.parse(discovery.body) as Record<string, string>;
  const jwks = await client.request(meta.jwks_uri!);
  const local = (url: string) => { const u = new URL(url); return `${baseUrl}${u.pathname}`; };
  return {
    baseUrl, issuer: meta.issuer!, authorizationEndpoint: local(meta.authorization_endpoint!), tokenEndpoint: local(meta.token_endpoint!),
    userinfoEndpoint: local(meta.userinfo_endpoint!), jwks: createLocalJWKSet(JSON.parse(jwks.body) as never), ...rest,
  };
}

export class FlowError extends Error {
  constructor(readonly step: LoginStep, result: HttpResult | undefined, detail: string) {
    super(`${loginSteps[step].trim()}: ${detail}${result ? ` (HTTP ${result.status}: ${result.body.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`);
  }
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * One virtual user: browser (cookie jar, manual redirects), IdP (through the pool) and portal
 * (PKCE, client_secret_basic, ID token checked, userinfo). Each flow is a new citizen in a
 * fresh browser, so nothing is remembered between flows.
 */
export class VirtualUser {
  private readonly jar = new CookieJar();

  constructor(private readonly client: HttpClient, private readonly target: LoginTarget, private readonly idp: IdpPool, private readonly recorder: LatencyRecorder) {}

  private async timed(step: LoginStep, url: string, init: { method?: 'GET' | 'POST'; form?: Record<string, string>; headers?: Record<string, string>; browser?: boolean; origin?: string } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { accept: 'text/html,application/json', 'accept-language': 'en', ...init.headers };
    if (init.browser !== false) {
      const cookie = this.jar.header(url);
      if (cookie) headers.cookie = cookie;
    }
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      if (init.origin) headers.origin = init.origin;
      body = new URLSearchParams(init.form).toString();
    }
    const started = performance.now();
    const result = await this.client.request(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
    this.recorder.record(step, performance.now() - started);
    if (init.browser !== false) this.jar.store(url, result.setCookies);
    return result;
  }

  private redirect(step: LoginStep, result: HttpResult): string {
    // An exit that must survive an IdP page's CSP form-action answers with an instant meta refresh instead of a 303.
    const refresh = result.status === 200 ? /<meta http-equiv="refresh" content="0; url=([^"]+)"/.exec(result.body)?.[1] : undefined;
    if (refresh) return new URL(refresh.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'), this.target.baseUrl).href;
    if (result.status < 300 || result.status > 399 || !result.location) throw new FlowError(step, result, 'expected a redirect');
    return new URL(result.location, this.target.baseUrl).href;
  }

  private page(step: LoginStep, result: HttpResult): string {
    if (result.status !== 200) throw new FlowError(step, result, 'expected a page');
    return result.body;
  }

  /** A portal asking for evidence in the authorization request (RFC 9396), shared and downloaded after the login. */
  async login(citizen: IdpCitizen, evidence?: Array<Record<string, string>>): Promise<LoginOutcome> {
    const t = this.target;
    this.jar.clear();
    const verifier = b64url(randomBytes(32));
    const state = b64url(randomBytes(16));
    const nonce = b64url(randomBytes(16));
    const authorize = new URL(t.authorizationEndpoint);
    for (const [k, v] of Object.entries({
      client_id: t.portal.clientId, redirect_uri: t.portal.redirectUri, response_type: 'code', scope: 'openid profile', state, nonce,
      code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
      ...(evidence ? { authorization_details: JSON.stringify(evidence) } : {}),
    })) authorize.searchParams.set(k, v);

    const interaction = this.redirect('authorize', await this.timed('authorize', authorize.href));
    const countryPage = this.page('countryPage', await this.timed('countryPage', interaction));
    const link = new RegExp(`href="(/interaction/[^"/]+/country/${t.country})"`).exec(countryPage)?.[1];
    if (!link) throw new FlowError('countryPage', undefined, `no link to ${t.country} on the country page`);
    const autoPost = this.page('authnRequest', await this.timed('authnRequest', new URL(link, t.baseUrl).href));
    const samlRequest = inputValue(autoPost, 'SAMLRequest');
    const relayState = inputValue(autoPost, 'RelayState');
    const action = /<form[^>]*action="([^"]+)"/.exec(autoPost)?.[1];
    if (!samlRequest || !relayState || !action) throw new FlowError('authnRequest', undefined, 'no HTTP-POST AuthnRequest form');
    const idpOrigin = new URL(unescapeHtml(action)).origin;

    const idpStarted = performance.now();
    const samlResponse = await this.idp.respond({ samlRequest, citizen });
    this.recorder.record('idp', performance.now() - idpStarted);

    // The IdP's page posts to our ACS: a cross-site form POST carrying the browser's cookies.
    const afterAcs = this.redirect('acs', await this.timed('acs', `${t.baseUrl}/saml/acs`, { form: { SAMLResponse: samlResponse, RelayState: relayState }, origin: idpOrigin }));
    const consentUrl = this.redirect('resumeLogin', await this.timed('resumeLogin', afterAcs));
    const consentPage = this.page('consentPage', await this.timed('consentPage', consentUrl));
    const consentAction = /<form[^>]*action="(\/interaction\/[^"]+\/consent)"/.exec(consentPage)?.[1];
    const csrf = inputValue(consentPage, '_csrf');
    if (!consentAction || !csrf) throw new FlowError('consentPage', undefined, 'no consent form');
    let resume = this.redirect('consentSubmit', await this.timed('consentSubmit', new URL(consentAction, t.baseUrl).href, {
      form: { _csrf: csrf, decision: 'share' }, origin: t.baseUrl,
    }));
    if (evidence) resume = await this.shareEvidence(resume);
    const callback = new URL(this.redirect('resumeConsent', await this.timed('resumeConsent', resume)));
    if (!callback.href.startsWith(t.portal.redirectUri)) throw new FlowError('resumeConsent', undefined, `landed on ${callback.origin}${callback.pathname}`);
    const code = callback.searchParams.get('code');
    if (!code || callback.searchParams.get('state') !== state) throw new FlowError('resumeConsent', undefined, `no code or wrong state: ${callback.searchParams.get('error') ?? ''}`);

    // The portal's back channel: no browser cookies.
    const basic = Buffer.from(`${encodeURIComponent(t.portal.clientId)}:${encodeURIComponent(t.portal.clientSecret)}`).toString('base64');
    const token = await this.timed('token', t.tokenEndpoint, {
      browser: false, headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
      form: { grant_type: 'authorization_code', code, redirect_uri: t.portal.redirectUri, code_verifier: verifier },
    });
    if (token.status !== 200) throw new FlowError('token', token, 'token request refused');
    const tokens = JSON.parse(token.body) as { access_token?: string; id_token?: string };
    if (!tokens.access_token || !tokens.id_token) throw new FlowError('token', token, 'no access or ID token');
    const { payload } = await jwtVerify(tokens.id_token, t.jwks, { issuer: t.issuer, audience: t.portal.clientId });
    if (payload.nonce !== nonce) throw new FlowError('token', undefined, 'ID token nonce mismatch');
    const userinfo = await this.timed('userinfo', t.userinfoEndpoint, { browser: false, headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' } });
    if (userinfo.status !== 200) throw new FlowError('userinfo', userinfo, 'userinfo refused');
    const claims = JSON.parse(userinfo.body) as { sub?: string; family_name?: string };
    if (claims.sub !== payload.sub || !claims.family_name) throw new FlowError('userinfo', userinfo, 'userinfo does not match the ID token');
    const sub = payload.sub!;
    if (!evidence) return { sub };
    return { sub, ...(await this.downloadShares(tokens.access_token)) };
  }

  /** The citizen's evidence step: overview, fetch from the authority, preview, share; back to the authorization. */
  private async shareEvidence(flowUrl: string): Promise<string> {
    const t = this.target;
    if (!new URL(flowUrl).pathname.startsWith('/evidence/flow/')) {
      // Through the authorization endpoint first, which hands over to the evidence step.
      flowUrl = this.redirect('resumeConsent', await this.timed('resumeConsent', flowUrl));
    }
    const overview = this.page('evidenceOverview', await this.timed('evidenceOverview', flowUrl));
    const request = findForm(overview, '/items/0/request');
    if (!request) throw new FlowError('evidenceOverview', undefined, 'no request form for the evidence');
    const preview = this.redirect('evidenceFetch', await this.timed('evidenceFetch', new URL(request.action, t.baseUrl).href, { form: request.fields, origin: t.baseUrl }));
    if (!preview.includes('/preview')) throw new FlowError('evidenceFetch', undefined, `the authority gave nothing (back to ${new URL(preview).pathname})`);
    this.page('evidencePreview', await this.timed('evidencePreview', preview));
    const again = this.page('evidenceOverview', await this.timed('evidenceOverview', flowUrl));
    const share = findForm(again, '/share');
    if (!share) throw new FlowError('evidenceOverview', undefined, 'no share form');
    return this.redirect('evidenceShare', await this.timed('evidenceShare', new URL(share.action, t.baseUrl).href, { form: share.fields, origin: t.baseUrl }));
  }

  /** The portal reads what was shared with its access token: the list, the document and the attestation. */
  private async downloadShares(accessToken: string): Promise<{ attestation: string; documentBytes: number }> {
    const t = this.target;
    const headers = { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
    const list = await this.timed('sharesList', `${t.baseUrl}/api/evidence/shares`, { browser: false, headers });
    if (list.status !== 200) throw new FlowError('sharesList', list, 'shares refused');
    const shares = (JSON.parse(list.body) as { shares: Array<{ consent_id: string }> }).shares;
    const consentId = shares[0]?.consent_id;
    if (!consentId) throw new FlowError('sharesList', list, 'nothing shared');
    const document = await this.timed('download', `${t.baseUrl}/api/evidence/shares/${consentId}/document`, { browser: false, headers: { authorization: headers.authorization } });
    if (document.status !== 200 || document.body.length === 0) throw new FlowError('download', document, 'no document');
    const attestation = await this.timed('attestation', `${t.baseUrl}/api/evidence/shares/${consentId}/attestation`, { browser: false, headers: { authorization: headers.authorization } });
    if (attestation.status !== 200) throw new FlowError('attestation', attestation, 'no attestation');
    return { attestation: attestation.body.trim(), documentBytes: document.body.length };
  }
}

export interface LoginOutcome { sub: string; attestation?: string; documentBytes?: number }
