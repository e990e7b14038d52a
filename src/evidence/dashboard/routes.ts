import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { pageLanguage } from '../../web/i18n.js';
import { consentsOfItem, consentState, eventsOf, findConsent, listConsents } from '../consent/records.js';
import { withdrawConsent } from '../consent/withdraw.js';
import type { OidcPort, SessionCitizen } from '../ports.js';
import { deletionDeadline, retentionDue } from '../retention/due.js';
import { trackerView } from './tracker-model.js';
import { eraseEvidence } from '../vault/erase.js';
import { findOwnItem, listStoredItems, openItem } from '../vault/items.js';
import { smallForm } from '../web/forms.js';
import { sendDocument } from '../web/send-document.js';
import { checkDashboardCsrf, dashboardCsrfToken } from './csrf.js';
import { eraseConfirmPage, withdrawConfirmPage } from './confirm-page.js';
import { doneMessage } from './done-message.js';
import { dashboardPage } from './page.js';
import { mandateListing, mandatesSection } from '../mandate/dashboard.js';
import { revokeMandate } from '../mandate/end.js';
import { revokeConfirmPage } from '../mandate/revoke-confirm.js';

const mandateIdPattern = /^[0-9a-f-]{36}$/;

/** `/me`: the citizen's own view, behind their Passerelle session (login on demand). */
export function dashboardRouter(ctx: AppContext, oidc: OidcPort): Router {
  const router = Router();

  /** The citizen of this session, or undefined after sending the browser to log in. */
  async function sessionCitizen(req: Request, res: Response, returnTo: string): Promise<SessionCitizen | undefined> {
    res.setHeader('Cache-Control', 'no-store');
    const found = await oidc.citizenFromSession(req, res);
    if (found) return found;
    await oidc.startSelfLogin(req, res, returnTo);
    return undefined;
  }

  /** For POSTs: no silent login, a session is required. */
  async function sessionForChange(req: Request, res: Response): Promise<SessionCitizen> {
    const found = await oidc.citizenFromSession(req, res);
    if (!found) throw new PasserelleError('forbidden', 'no session');
    checkDashboardCsrf(ctx, req, found.citizenKey);
    return found;
  }

  router.get('/me', async (req, res) => {
    const session = await sessionCitizen(req, res, '/me');
    if (!session) return;
    const { citizenKey } = session;
    const now = ctx.clock.now();
    const consents = await listConsents(ctx.db.knex, citizenKey);
    const events = await eventsOf(ctx.db.knex, consents.map((c) => c.id));
    const states = consents.map((consent) => ({ consent, ...consentState(consent, events.get(consent.id), now) }));
    const mandates = await mandateListing(ctx, citizenKey);
    const items = (await listStoredItems(ctx.db.knex, citizenKey)).map((item) => {
      // A document behind a mandate in force stays, as the retention run sees it too.
      const holds = [...states.filter((s) => s.consent.evidence_id === item.id), ...mandates.filter((m) => m.evidenceId === item.id)];
      const due = retentionDue(item, holds, now);
      const deleteBy = due ? deletionDeadline(due, ctx.config.evidence.purgeIntervalSeconds, now) : undefined;
      return { item, ...(due ? { due } : {}), ...(deleteBy ? { deleteBy } : {}) };
    });
    const csrf = dashboardCsrfToken(ctx, req, res, citizenKey);
    res.type('html').send(dashboardPage(ctx, {
      lang: pageLanguage(req, res),
      done: await doneMessage(ctx, req, citizenKey, consents),
      csrf,
      items,
      consents: states.map(({ consent, state }) => ({ consent, state })),
      ...(await trackerView(ctx, citizenKey, beforeOf(req))),
      mandates: mandatesSection(ctx, {
        lang: pageLanguage(req, res), csrf, mandates,
        ...(typeof req.query.revoked === 'string' ? { revoked: req.query.revoked } : {}),
        ...(typeof req.query.mandate_unchanged === 'string' ? { unchanged: req.query.mandate_unchanged } : {}),
      }),
    }));
  });

  router.get('/me/mandates/:id/revoke', async (req, res) => {
    const id = String(req.params.id);
    const session = await sessionCitizen(req, res, `/me/mandates/${encodeURIComponent(id)}/revoke`);
    if (!session) return;
    const mandate = mandateIdPattern.test(id) ? (await mandateListing(ctx, session.citizenKey)).find((m) => m.id === id) : undefined;
    if (!mandate) throw new PasserelleError('not_found');
    if (mandate.state !== 'active') return void res.redirect(303, `/me?mandate_unchanged=${encodeURIComponent(id)}#mandates`);
    res.type('html').send(revokeConfirmPage(ctx, { lang: pageLanguage(req, res), mandate, csrf: dashboardCsrfToken(ctx, req, res, session.citizenKey) }));
  });

  router.post('/me/mandates/:id/revoke', smallForm, async (req, res) => {
    const { citizenKey } = await sessionForChange(req, res);
    const id = String(req.params.id);
    if (!mandateIdPattern.test(id)) throw new PasserelleError('not_found');
    const outcome = await revokeMandate(ctx, citizenKey, id);
    res.redirect(303, `/me?${outcome === 'revoked' ? 'revoked' : 'mandate_unchanged'}=${encodeURIComponent(id)}#mandates`);
  });

  /** `?before=<seq>`: an older page of the tracker; anything else is the newest page. */
  function beforeOf(req: Request): number | undefined {
    const value = typeof req.query.before === 'string' ? req.query.before : '';
    return /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : undefined;
  }

  router.get('/me/tracker.json', async (req, res) => {
    const session = await sessionCitizen(req, res, '/me');
    if (!session) return;
    const before = beforeOf(req);
    const { tracker, trackerPages, integrity } = await trackerView(ctx, session.citizenKey, before);
    res.setHeader('Content-Disposition', `attachment; filename="passerelle-data-tracker${before !== undefined ? `-before-${before}` : ''}.json"`);
    res.json({
      integrity,
      hash_algorithm: 'SHA-256 over canonical JSON (sorted keys) of the row without "hash"; "count" and "first_at" only where set',
      order: 'newest first',
      rows: tracker.reverse(),
      ...(trackerPages.olderBefore !== undefined ? { next: `/me/tracker.json?before=${trackerPages.olderBefore}` } : {}),
    });
  });

  router.get('/me/evidence/:id/document', async (req, res) => {
    const session = await sessionCitizen(req, res, '/me');
    if (!session) return;
    const item = await findOwnItem(ctx.db.knex, session.citizenKey, String(req.params.id));
    if (!item || item.state !== 'stored') throw new PasserelleError('not_found');
    sendDocument(res, { mediaType: item.media_type, filename: item.filename, bytes: openItem(ctx, item).document }, { inline: false });
  });

  router.get('/me/consents/:id/withdraw', async (req, res) => {
    const id = String(req.params.id);
    const session = await sessionCitizen(req, res, `/me/consents/${encodeURIComponent(id)}/withdraw`);
    if (!session) return;
    const consent = await findConsent(ctx.db.knex, id);
    if (!consent || consent.citizen_key !== session.citizenKey) throw new PasserelleError('not_found');
    const { state } = consentState(consent, (await eventsOf(ctx.db.knex, [consent.id])).get(consent.id), ctx.clock.now());
    if (state !== 'active') return void res.redirect(303, `/me?unchanged=${encodeURIComponent(consent.id)}#consents`);
    res.type('html').send(withdrawConfirmPage(ctx, { lang: pageLanguage(req, res), consent, csrf: dashboardCsrfToken(ctx, req, res, session.citizenKey) }));
  });

  router.post('/me/consents/:id/withdraw', smallForm, async (req, res) => {
    const { citizenKey } = await sessionForChange(req, res);
    const id = String(req.params.id);
    const outcome = await withdrawConsent(ctx, citizenKey, id);
    res.redirect(303, `/me?${outcome === 'withdrawn' ? 'withdrawn' : 'unchanged'}=${encodeURIComponent(id)}#consents`);
  });

  router.get('/me/evidence/:id/erase', async (req, res) => {
    const id = String(req.params.id);
    const session = await sessionCitizen(req, res, `/me/evidence/${encodeURIComponent(id)}/erase`);
    if (!session) return;
    const item = await findOwnItem(ctx.db.knex, session.citizenKey, id);
    if (!item || item.state !== 'stored') throw new PasserelleError('not_found');
    const consents = await consentsOfItem(ctx.db.knex, item.id);
    const events = await eventsOf(ctx.db.knex, consents.map((c) => c.id));
    const now = ctx.clock.now();
    const activeConsents = consents.filter((c) => consentState(c, events.get(c.id), now).state === 'active').length;
    res.type('html').send(eraseConfirmPage(ctx, { lang: pageLanguage(req, res), item, activeConsents, csrf: dashboardCsrfToken(ctx, req, res, session.citizenKey) }));
  });

  router.post('/me/evidence/:id/erase', smallForm, async (req, res) => {
    const { citizenKey } = await sessionForChange(req, res);
    const id = String(req.params.id);
    const { endedConsents } = await eraseEvidence(ctx, citizenKey, id);
    res.redirect(303, `/me?erased=${encodeURIComponent(id)}&ended=${endedConsents}#evidence`);
  });
  return router;
}
