import express, { type Request, type Response } from 'express';
import type { AuthorizationResponseError } from 'openid-client';
import type { HomeView } from '../home-page.js';
import { html, isolatedName } from '../html.js';
import type { DemoPortalKit } from '../portal.js';
import { validCsrf, type PortalSession } from '../session.js';
import { fill, formatDate, formatDateTime, formatTime } from '../evidence/format.js';
import { attestationStatus } from '../evidence/api.js';
import type { EvidenceExtension } from '../evidence/index.js';
import { mandateTexts, type MandateTexts } from './texts.js';

interface Person { given_name: string; family_name: string; birthdate: string }
interface MandateView { mandate_id: string; procedure: string; expires_at: string; representative: Person; represented: Person }

/** What the portal keeps of a mandate in its session; `refused` once Passerelle said it ended. */
interface StoredMandate { accessToken: string; view: MandateView; attestation: string; receivedAt: number; lastCheck?: { at: number; code?: string } }

class MandateApiError extends Error {
  constructor(readonly status: number, readonly code: string) { super(`${status} ${code}`); }
}

async function apiGet(passerelleUrl: string, token: string, path: string): Promise<globalThis.Response> {
  const response = await fetch(`${passerelleUrl}/api/evidence/mandates/${path}`, {
    headers: { authorization: `Bearer ${token}` }, redirect: 'error', signal: AbortSignal.timeout(15_000),
  });
  if (response.ok) return response;
  const body = await response.json().catch(() => ({})) as { error?: string };
  throw new MandateApiError(response.status, body.error ?? 'http_error');
}

const key = 'mandate';
const base = '/mandate';
const step = 'mandate';
const name = (p: Person) => `${p.given_name} ${p.family_name}`;

/**
 * The "act for your child" part of a demo portal: asks Passerelle for a family mandate with
 * `authorization_details` of type `representation`, reads who acts for whom from the evidence
 * API (`/api/evidence/mandates/{id}`), and shows "Giulia Rossi, acting for Sofia Bianchi".
 * "Check again" asks the API again, so a revoked or expired mandate shows as Passerelle's refusal.
 */
export function mandateRequest(options: { procedure: string; texts?: Record<string, MandateTexts> }): EvidenceExtension {
  const texts: Record<string, MandateTexts> = options.texts ?? mandateTexts;
  const textsFor = (lang: string): MandateTexts => texts[lang] ?? Object.values(texts)[0]!;
  const stored = (session: PortalSession | undefined) => session?.extra[key] as StoredMandate | undefined;
  let passerelleUrl = '';

  function section(view: HomeView) {
    const t = textsFor(view.lang);
    const mandate = stored(view.session);
    const csrf = html`<input type="hidden" name="csrf" value="${view.session.csrf}">`;
    const ask = html`<form method="post" action="${base}/request">${csrf}<button type="submit">${t.button}</button></form>`;
    if (!mandate) {
      return html`<section id="mandate" aria-labelledby="mandate-heading"><h2 id="mandate-heading">${t.heading}</h2>
<p>${t.why}</p><p class="muted">${t.howItWorks}</p><div class="actions">${ask}</div></section>`;
    }
    const { view: m, lastCheck } = mandate;
    const ended = lastCheck?.code !== undefined;
    const banner = !lastCheck ? '' : ended
      ? html`<div class="error" role="alert"><p><strong>${t.ended}</strong></p><p>${fill(t.endedDetail, { time: formatTime(lastCheck.at, view.lang), code: lastCheck.code! })}</p></div>`
      : html`<p class="success" role="status">${fill(t.stillValid, { time: formatTime(lastCheck.at, view.lang) })}</p>`;
    const [before, middle, after] = t.actingFor.split(/\{parent\}|\{child\}/);
    return html`<section id="mandate" aria-labelledby="mandate-heading"><h2 id="mandate-heading">${t.heading}</h2>
${banner}
<p class="notice" id="acting-for"><strong>${before}${isolatedName(name(m.representative))}${middle}${isolatedName(name(m.represented))}${after}</strong></p>
<dl class="data">
<dt>${t.born}</dt><dd>${formatDate(m.represented.birthdate, view.lang)}</dd>
<dt>${t.until}</dt><dd>${ended ? '—' : formatDateTime(m.expires_at, view.lang)}</dd>
</dl>
<p>${t.officialIntro}</p>
<ul class="links"><li><a href="${passerelleUrl}/verify">${t.verifyLink}</a></li><li><a href="${base}/attestation">${t.attestationLink}</a></li></ul>
<div class="actions"><form method="post" action="${base}/check">${csrf}<button type="submit" class="secondary">${t.checkAgain}</button></form>${ended ? ask : ''}</div>
</section>`;
  }

  function extend(kit: DemoPortalKit): void {
    const { app, portal } = kit;
    passerelleUrl = portal.passerelleUrl;
    const form = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });

    function message(req: Request, res: Response, status: number, title: string, body: string, alert = true): void {
      res.status(status);
      portal.render(req, res, title, html`<h1>${title}</h1><div class="${alert ? 'error' : 'notice'}" role="${alert ? 'alert' : 'status'}"><p>${body}</p></div>
<p><a class="button" href="/">${portal.texts(req, res).back}</a></p>`);
    }

    function checkedSession(req: Request, res: Response): PortalSession | undefined {
      const session = portal.sessions.get(req);
      if (session && validCsrf(session, (req.body as Record<string, unknown> | undefined)?.csrf)) return session;
      message(req, res, 403, portal.texts(req, res).loginFailed, portal.texts(req, res).loginFailed);
      return undefined;
    }

    app.post(`${base}/request`, form, async (req, res) => {
      const session = checkedSession(req, res);
      if (!session) return;
      const country = session.user?.claims.eidas_country;
      await kit.startLogin(req, res, {
        authorization_details: JSON.stringify([{ type: 'representation', procedure: options.procedure }]),
        ...(typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? { country } : {}),
      }, step);
    });

    kit.onCallback(step, {
      async completed(req, res, { tokens, session }) {
        const t = textsFor(portal.language(req, res));
        const details = (tokens.authorization_details ?? []) as unknown as Array<Record<string, unknown>>;
        const id = details.find((d) => d.type === 'representation' && typeof d.mandate_id === 'string')?.mandate_id as string | undefined;
        if (!id) return message(req, res, 502, t.heading, fill(t.failed, { code: 'no mandate_id in the token response' }));
        try {
          const view = await (await apiGet(portal.passerelleUrl, tokens.access_token, encodeURIComponent(id))).json() as MandateView;
          const attestation = await (await apiGet(portal.passerelleUrl, tokens.access_token, `${encodeURIComponent(id)}/attestation`)).text();
          session.extra[key] = { accessToken: tokens.access_token, view, attestation, receivedAt: Date.now() } satisfies StoredMandate;
        } catch (error) {
          return message(req, res, 502, t.heading, fill(t.failed, { code: error instanceof MandateApiError ? `${error.status} ${error.code}` : 'network' }));
        }
        res.redirect(303, '/#mandate');
      },
      failed(req, res, error: AuthorizationResponseError) {
        const t = textsFor(portal.language(req, res));
        if (error.error === 'access_denied') message(req, res, 200, t.declinedHeading, t.declined, false);
        else message(req, res, 502, t.heading, fill(t.failed, { code: error.error }));
        return true;
      },
    });

    app.post(`${base}/check`, form, async (req, res) => {
      const session = checkedSession(req, res);
      if (!session) return;
      const mandate = stored(session);
      if (mandate) {
        try {
          await (await apiGet(portal.passerelleUrl, mandate.accessToken, encodeURIComponent(mandate.view.mandate_id))).json();
          mandate.lastCheck = { at: Date.now() };
        } catch (error) {
          // Our access token ended (10 minutes, or her Passerelle logout): the public status list still tells.
          const listed = error instanceof MandateApiError && error.status === 401
            ? await attestationStatus(portal.passerelleUrl, mandate.attestation).catch(() => undefined) : undefined;
          mandate.lastCheck = listed === 0 ? { at: Date.now() } : { at: Date.now(), code: listed === 1 ? 'status list: INVALID' : error instanceof MandateApiError ? error.code : 'network' };
        }
      }
      res.redirect(303, '/#mandate');
    });

    app.get(`${base}/attestation`, (req, res) => {
      const mandate = stored(portal.sessions.get(req));
      if (!mandate) return void res.redirect(303, '/#mandate');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.type('text/plain; charset=utf-8').send(mandate.attestation);
    });
  }

  return { section, extend };
}
