import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { demoCitizens, type DemoCitizen } from '../citizens.js';
import { documentPage, html, idpStylesheet } from '../idp/html.js';
import { WalletHolder, type WalletRequest } from './holder.js';
import type { DemoPidProvider } from './pid-provider.js';
import { mountOfferRoutes, type EvidenceHolding } from './offer-routes.js';
import { mountPresentRoutes } from './evidence-presenter.js';

export interface DemoWalletServer {
  url: string;
  close(): Promise<void>;
}

interface Holding extends EvidenceHolding { citizen: DemoCitizen; holder: WalletHolder }

const pendingTtlMs = 10 * 60_000;

/** Claim ids of the DCQL query in words. */
const claimLabels: Record<string, string> = {
  family_name: 'family name', given_name: 'given names', birth_date: 'date of birth', issuing_country: 'issuing country',
  personal_administrative_number: 'personal administrative number', birth_family_name: 'birth name', place_of_birth: 'place of birth',
  address: 'address', resident_country: 'country of residence', sex: 'sex', phone_number: 'phone number', nationalities: 'nationalities', email: 'e-mail',
};

function registrationName(request: WalletRequest): string {
  try {
    const payload = JSON.parse(Buffer.from(request.verifierInfo[0]!.data.split('.')[1]!, 'base64url').toString()) as { name?: string };
    return payload.name ?? 'a service';
  } catch {
    return 'a service';
  }
}

/**
 * The demo EU Digital Identity Wallet: a web wallet holding PIDs for the demo citizens of Italy,
 * Germany and Spain (both formats, each bound to the citizen's own device key), issued at start
 * by the demo PID providers, whose status lists it also serves. `/authorize` is its
 * authorization endpoint: it fetches the request object, shows who asks for what (the portal
 * named by the registration certificate, through Passerelle), and on the citizen's choice sends
 * the encrypted answer and follows the verifier's redirect back.
 */
export async function createDemoWalletServer(options: { port: number; host?: string; publicUrl: string; providers: DemoPidProvider[]; passerelleUrl: string }): Promise<DemoWalletServer> {
  const holdings: Holding[] = [];
  for (const provider of options.providers) {
    for (const citizen of demoCitizens.filter((c) => c.country === provider.country)) {
      const holder = await WalletHolder.create();
      holder.sdJwt = await provider.issueSdJwt(citizen, holder.publicJwk, { statusIndex: holdings.length });
      holder.mdoc = await provider.issueMdoc(citizen, holder.publicJwk, { statusIndex: holdings.length });
      holdings.push({ citizen, holder, evidence: [] });
    }
  }
  const pending = new Map<string, { request: WalletRequest; expires: number }>();
  const app = express();
  app.disable('x-powered-by');
  // The consent form's answer redirects to Passerelle: form-action must allow its origin.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'form-action': ["'self'", new URL(options.passerelleUrl).origin] } } }));
  app.get('/static/wallet.css', (_req, res) => { res.type('css').send(idpStylesheet); });
  const send = (res: express.Response, title: string, body: ReturnType<typeof html>) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(documentPage({ lang: 'en', title, stylesheet: '/static/wallet.css', body: html`<header><h1>Demo EU Digital Identity Wallet</h1><p>PIDs of the demo citizens, issued by the demo PID providers</p></header><main>${body}</main>` }));
  };

  app.get('/', (_req, res) => {
    send(res, 'Demo wallet', html`<h2>PIDs held</h2><ul class="citizens">${holdings.map((h) => html`<li>${h.citizen.givenName} ${h.citizen.familyName} (${h.citizen.country}), born ${h.citizen.dateOfBirth}: SD-JWT VC and mdoc</li>`)}</ul>
${holdings.some((h) => h.evidence.length > 0) ? html`<h2>Evidence credentials held</h2><ul id="evidence-held">${holdings.flatMap((h) => h.evidence.map((b) => html`<li>${h.citizen.givenName} ${h.citizen.familyName}: ${b.credentials.length} × ${b.format} (${b.configurationId})</li>`))}</ul><p><a href="/evidence/present">Present a document to an official</a></p>` : ''}
<p>Start at a portal and choose "EU Digital Identity Wallet"; the wallet opens here. To receive a document as a credential, choose "Put this document into my EU Digital Identity Wallet" on Passerelle's preview and open the offer.</p>`);
  });
  mountOfferRoutes(app, { publicUrl: options.publicUrl, holdings, send });
  mountPresentRoutes(app, { holdings, send });

  for (const provider of options.providers) {
    app.get(new URL(provider.statusListUri).pathname, async (_req, res) => {
      res.type('application/statuslist+jwt').send(await provider.statusListToken());
    });
  }

  app.get('/authorize', async (req, res) => {
    const now = Date.now();
    for (const [id, entry] of pending) if (entry.expires < now) pending.delete(id);
    let request: WalletRequest;
    try {
      request = await WalletHolder.fetchRequest(`${options.publicUrl}${req.originalUrl}`);
    } catch (error) {
      res.status(400);
      return send(res, 'Request refused', html`<h2>The request could not be used</h2><p>${(error as Error).message}</p>`);
    }
    const id = randomBytes(16).toString('base64url');
    pending.set(id, { request, expires: now + pendingTtlMs });
    const asked = request.dcqlQuery.credentials[0]?.claims.map((c) => claimLabels[c.id] ?? c.id) ?? [];
    send(res, 'Share your PID?', html`<h2>${registrationName(request)} asks for your PID</h2>
<p>Through Passerelle (intermediary, client id <code>${request.clientId.slice(0, 24)}…</code>), it asks for: ${[...new Set(asked)].join(', ')}.</p>
<form method="post" action="/present">
<input type="hidden" name="id" value="${id}">
<fieldset><legend>Whose wallet is this?</legend><ul class="citizens">${holdings.map((h, i) => html`<li><label><input type="radio" name="holder" value="${i}"${i === 0 ? ' checked' : ''}> ${h.citizen.givenName} ${h.citizen.familyName} (${h.citizen.country})</label></li>`)}</ul></fieldset>
<fieldset><legend>Present the PID as</legend>
<label><input type="radio" name="format" value="sd-jwt" checked> SD-JWT VC</label>
<label><input type="radio" name="format" value="mdoc"> mdoc</label></fieldset>
<button type="submit" name="decision" value="share">Share</button>
<button type="submit" name="decision" value="decline">Decline</button>
</form>`);
  });

  app.post('/present', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const body = req.body as Record<string, string>;
    const entry = pending.get(body.id ?? '');
    const holding = holdings[Number(body.holder)];
    if (!entry || !holding) {
      res.status(400);
      return send(res, 'Expired', html`<h2>This request has expired</h2><p>Start again at the portal.</p>`);
    }
    pending.delete(body.id!);
    const { request } = entry;
    const answer = body.decision === 'decline'
      ? { error: 'access_denied', state: request.state }
      : { state: request.state, vp_token: body.format === 'mdoc' ? { pid_mdoc: [await holding.holder.presentMdoc(request)] } : { pid_sd_jwt: [await holding.holder.presentSdJwt(request)] } };
    const response = await WalletHolder.sendAnswer(request, answer);
    const result = await response.json().catch(() => ({})) as { redirect_uri?: string; error_description?: string };
    if (!response.ok || !result.redirect_uri) {
      res.status(502);
      return send(res, 'Not accepted', html`<h2>The verifier did not accept the answer</h2><p>${result.error_description ?? `HTTP ${response.status}`}</p>`);
    }
    res.redirect(303, result.redirect_uri);
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 5_000;
  return {
    url: options.publicUrl || `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
