import express, { type Request, type Response } from 'express';
import type { AuthorizationResponseError } from 'openid-client';
import type { HomeSection, HomeView } from '../home-page.js';
import { html } from '../html.js';
import type { DemoPortalKit } from '../portal.js';
import { validCsrf, type PortalSession } from '../session.js';
import { regionName } from '../texts.js';
import { attestationStatus, EvidenceApi, EvidenceApiError, sdJwtPayload, type FetchedDocument, type ShareMetadata } from './api.js';
import { dataView, fill, formatDate, formatDateTime, formatSize, formatTime } from './format.js';
import type { EvidenceTexts } from './texts.js';

export type { EvidenceTexts } from './texts.js';

export interface EvidenceRequestOptions {
  /** Catalogue id, e.g. `family-composition`. */
  evidenceType: string;
  procedure: string;
  /**
   * Sent as the detail's `purpose`, in the portal's current language: Passerelle shows it to
   * the citizen and writes it into the consent and the attestation.
   */
  purpose: Record<string, string>;
  /** The data fields shown, in this order (names in the credential's `data`). */
  fields: readonly string[];
  /** Per language of the portal. */
  texts: Record<string, EvidenceTexts>;
}

export interface EvidenceExtension {
  section: HomeSection;
  extend(kit: DemoPortalKit): void;
}

type CheckOutcome = 'ok' | 'withdrawn' | 'expired' | 'erased' | 'token_expired' | 'failed';

/** What the portal keeps of one share, in its in-memory session store. */
interface StoredEvidence {
  consentId: string;
  accessToken: string;
  share: ShareMetadata;
  receivedAt: number;
  attestation: string;
  credentialClaims: { iss?: string; iat?: number; document_number?: string; issuing_country?: string };
  /** What the portal may use; dropped when Passerelle refuses a download (consent ended). */
  held?: { document: FetchedDocument & { filename: string }; credential: string; data: Record<string, unknown> };
  /** The last "Download again": what happened, and whether the API or the public status list told. */
  lastCheck?: { at: number; outcome: CheckOutcome; via: 'api' | 'status-list' };
}

const reasons = (t: EvidenceTexts) => ({ withdrawn: t.reasonWithdrawn, expired: t.reasonExpired, erased: t.reasonErased });
const refusals: ReadonlySet<CheckOutcome> = new Set(['withdrawn', 'expired', 'erased']);

/**
 * The evidence part of a demo portal: "Attach proof of …" starts an authorization at
 * Passerelle with `authorization_details` of type `evidence`; on return the portal redeems
 * the code and downloads what the citizen shared through the evidence API with that
 * access token (document, authority credential, Passerelle's attestation, data), and keeps
 * it in its session. "Download again" asks the API again, so a withdrawn consent shows as
 * Passerelle's refusal.
 */
export function evidenceRequest(options: EvidenceRequestOptions): EvidenceExtension {
  const type = options.evidenceType;
  const base = `/evidence/${type}`;
  const step = `evidence:${type}`;
  const key = `evidence:${type}`;
  const textsFor = (lang: string): EvidenceTexts => options.texts[lang] ?? Object.values(options.texts)[0]!;
  const stored = (session: PortalSession | undefined) => session?.extra[key] as StoredEvidence | undefined;
  let passerelleUrl = '';

  function section(view: HomeView) {
    const { lang, session } = view;
    const t = textsFor(lang);
    const evidence = stored(session);
    const csrf = html`<input type="hidden" name="csrf" value="${session.csrf}">`;
    const attachForm = (label: string, secondary = false) => html`<form method="post" action="${base}/request">${csrf}<button type="submit"${secondary ? html` class="secondary"` : ''}>${label}</button></form>`;
    if (!evidence) {
      return html`<section id="evidence" aria-labelledby="evidence-heading" class="evidence">
<h2 id="evidence-heading">${t.heading}</h2>
<p>${t.why}</p>
<p class="muted">${t.howItWorks}</p>
<div class="actions">${attachForm(t.attachButton)}</div>
</section>`;
    }
    const { share, held, lastCheck } = evidence;
    const at = lastCheck ? formatTime(lastCheck.at, lang) : '';
    const refused = lastCheck && refusals.has(lastCheck.outcome);
    const banner = !lastCheck ? '' : lastCheck.outcome === 'ok'
      ? html`<p class="success" role="status">${fill(t.downloadedAgain, { time: at })}</p>`
      : refused
        ? html`<div class="error" role="alert"><p><strong>${t[lastCheck.outcome as 'withdrawn' | 'expired' | 'erased']}</strong></p><p>${fill(lastCheck.via === 'api' ? t.refusedDetail : t.statusListDetail, { time: at })}</p></div>`
        : html`<div class="error" role="alert"><p>${fill(lastCheck.outcome === 'token_expired' ? t.tokenExpired : t.checkFailed, { time: at })}</p></div>`;
    const claims = evidence.credentialClaims;
    const country = share.authority.country ?? claims.issuing_country;
    return html`<section id="evidence" aria-labelledby="evidence-heading" class="evidence">
<h2 id="evidence-heading">${t.heading}</h2>
${banner}
${held ? html`<p class="notice">${fill(t.received, { date: formatDateTime(evidence.receivedAt, lang) })}</p>` : ''}
<dl class="data">
${held ? html`<dt>${t.document}</dt><dd><a href="${base}/document" download="${held.document.filename}">${fill(t.documentLink, { size: formatSize(held.document.bytes.length, lang) })}</a></dd>` : ''}
<dt>${t.issuedBy}</dt><dd>${fill(t.issuerValue, { country: country ? regionName(country, lang) : '?', id: share.authority.id })}<br><code class="muted">${share.authority.issuer}</code></dd>
${claims.document_number ? html`<dt>${t.documentNumber}</dt><dd>${claims.document_number}</dd>` : ''}
${share.issued_at ? html`<dt>${t.issuedOn}</dt><dd>${formatDate(share.issued_at, lang)}</dd>` : ''}
<dt>${t.purpose}</dt><dd>${share.purpose}</dd>
${refused
    ? html`<dt>${t.sharedUntil}</dt><dd>${fill(t.sharingEnded, { reason: reasons(t)[lastCheck.outcome as 'withdrawn' | 'expired' | 'erased'] })}</dd>`
    : html`<dt>${t.sharedUntil}</dt><dd>${formatDateTime(share.expires_at, lang)}</dd>`}
</dl>
${held ? dataView(held.data, options.fields, lang, t) : ''}
<h3>${t.officialHeading}</h3>
<p>${t.officialIntro}</p>
<ul class="links">
<li><a href="${passerelleUrl}/verify?share=${encodeURIComponent(evidence.consentId)}">${t.checkLink}</a></li>
<li><a href="${base}/attestation">${t.attestationLink}</a></li>
${held ? html`<li><a href="${base}/credential">${t.credentialLink}</a></li>` : ''}
</ul>
<div class="actions">
<form method="post" action="${base}/download-again">${csrf}<button type="submit" class="secondary">${t.downloadAgain}</button></form>
${refused ? attachForm(t.attachAgain) : ''}
</div>
</section>`;
  }

  function extend(kit: DemoPortalKit): void {
    const { app, portal } = kit;
    passerelleUrl = portal.passerelleUrl;
    const form = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });

    /** A page of this step (decline, failure), with the way back to the application. */
    function message(req: Request, res: Response, status: number, title: string, body: string, alert = true): void {
      const back = portal.texts(req, res).back;
      res.status(status);
      portal.render(req, res, title, html`<h1>${title}</h1>
<div class="${alert ? 'error' : 'notice'}" role="${alert ? 'alert' : 'status'}"><p>${body}</p></div>
<p><a class="button" href="/">${back}</a></p>`);
    }

    function checkedSession(req: Request, res: Response): PortalSession | undefined {
      const session = portal.sessions.get(req);
      if (session && validCsrf(session, (req.body as Record<string, unknown> | undefined)?.csrf)) return session;
      res.status(403);
      const t = portal.texts(req, res);
      portal.render(req, res, t.loginFailed, html`<div class="error" role="alert"><p>${t.loginFailed}</p></div><p><a class="button" href="/">${t.back}</a></p>`);
      return undefined;
    }

    app.post(`${base}/request`, form, async (req, res) => {
      const session = checkedSession(req, res);
      if (!session) return;
      const purpose = options.purpose[portal.language(req, res)] ?? Object.values(options.purpose)[0]!;
      const detail = { type: 'evidence', evidence_type: type, procedure: options.procedure, purpose };
      const country = session.user?.claims.eidas_country;
      await kit.startLogin(req, res, {
        authorization_details: JSON.stringify([detail]),
        ...(typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? { country } : {}),
      }, step);
    });

    kit.onCallback(step, {
      async completed(req, res, { tokens, session }) {
        const t = textsFor(portal.language(req, res));
        const details = (tokens.authorization_details ?? []) as unknown as Array<Record<string, unknown>>;
        const detail = details.find((d) => d.type === 'evidence' && d.evidence_type === type && typeof d.consent_id === 'string');
        if (!detail) {
          message(req, res, 502, t.heading, fill(t.fetchFailed, { code: 'no consent_id in the token response' }));
          return;
        }
        const consentId = detail.consent_id as string;
        const api = new EvidenceApi(portal.passerelleUrl, tokens.access_token);
        try {
          const share = await api.share(consentId);
          const document = await api.document(consentId);
          const credential = await api.credential(consentId);
          const attestation = await api.attestation(consentId);
          const data = await api.data(consentId);
          const claims = sdJwtPayload(credential);
          session.extra[key] = {
            consentId, accessToken: tokens.access_token, share, receivedAt: Date.now(), attestation,
            credentialClaims: {
              ...(typeof claims.iss === 'string' ? { iss: claims.iss } : {}),
              ...(typeof claims.iat === 'number' ? { iat: claims.iat } : {}),
              ...(typeof claims.document_number === 'string' ? { document_number: claims.document_number } : {}),
              ...(typeof claims.issuing_country === 'string' ? { issuing_country: claims.issuing_country } : {}),
            },
            held: { document: { ...document, filename: share.document.filename }, credential, data },
          } satisfies StoredEvidence;
        } catch (error) {
          message(req, res, 502, t.heading, fill(t.fetchFailed, { code: error instanceof EvidenceApiError ? `${error.status} ${error.code}` : 'network' }));
          return;
        }
        res.redirect(303, '/#evidence');
      },
      failed(req, res, error: AuthorizationResponseError) {
        const t = textsFor(portal.language(req, res));
        if (error.error === 'access_denied') message(req, res, 200, t.declinedHeading, t.declined, false);
        else message(req, res, 502, t.heading, fill(t.requestFailed, { code: error.error }));
        return true;
      },
    });

    app.post(`${base}/download-again`, form, async (req, res) => {
      const session = checkedSession(req, res);
      if (!session) return;
      const evidence = stored(session);
      if (!evidence) {
        res.redirect(303, '/#evidence');
        return;
      }
      const api = new EvidenceApi(portal.passerelleUrl, evidence.accessToken);
      let outcome: CheckOutcome = 'failed';
      let via: 'api' | 'status-list' = 'api';
      try {
        const document = await api.document(evidence.consentId);
        if (evidence.held) evidence.held.document = { ...document, filename: evidence.held.document.filename };
        outcome = 'ok';
      } catch (error) {
        if (error instanceof EvidenceApiError && error.status === 403) {
          // The consent ended: learn why from the share's metadata, and stop using what we fetched.
          const share = await api.share(evidence.consentId).catch(() => undefined);
          if (share) evidence.share = share;
          outcome = share && share.status !== 'active' ? share.status : 'withdrawn';
          delete evidence.held;
        } else if (error instanceof EvidenceApiError && error.status === 401) {
          // Our access token ended (10 minutes, or the applicant's Passerelle login ended).
          // Passerelle's public status list still says whether the sharing is valid.
          via = 'status-list';
          const status = await attestationStatus(portal.passerelleUrl, evidence.attestation).catch(() => undefined);
          if (status === 0) outcome = 'token_expired';
          else if (status !== undefined) {
            outcome = Date.now() >= Date.parse(evidence.share.expires_at) ? 'expired' : 'withdrawn';
            delete evidence.held;
          }
        }
      }
      evidence.lastCheck = { at: Date.now(), outcome, via };
      res.redirect(303, '/#evidence');
    });

    app.get(`${base}/document`, (req, res) => {
      const held = stored(portal.sessions.get(req))?.held;
      if (!held) {
        res.redirect(303, '/#evidence');
        return;
      }
      const { document } = held;
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.attachment(document.filename);
      res.type(document.mediaType).send(document.bytes);
    });

    for (const part of ['attestation', 'credential'] as const) {
      app.get(`${base}/${part}`, (req, res) => {
        const evidence = stored(portal.sessions.get(req));
        const value = part === 'attestation' ? evidence?.attestation : evidence?.held?.credential;
        if (!value) {
          res.redirect(303, '/#evidence');
          return;
        }
        // Shown as text so an official can copy it into Passerelle's /verify form.
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.type('text/plain; charset=utf-8').send(value);
      });
    }
  }

  return { section, extend };
}
