import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { pageLanguage } from '../../web/i18n.js';
import { consentState, eventsOf, listConsents } from '../consent/records.js';
import { withdrawConsent } from '../consent/withdraw.js';
import type { OidcPort, SessionCitizen } from '../ports.js';
import { deletionDeadline, retentionDue } from '../retention/due.js';
import { checkTrackerIntegrity } from '../tracker/check.js';
import { readTracker } from '../tracker/log.js';
import { eraseEvidence } from '../vault/erase.js';
import { findOwnItem, listStoredItems, openItem } from '../vault/items.js';
import { smallForm } from '../web/forms.js';
import { sendDocument } from '../web/send-document.js';
import { checkDashboardCsrf, dashboardCsrfToken } from './csrf.js';
import { dashboardPage } from './page.js';

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
    const items = (await listStoredItems(ctx.db.knex, citizenKey)).map((item) => {
      const due = retentionDue(item, states.filter((s) => s.consent.evidence_id === item.id), now);
      const deleteBy = due ? deletionDeadline(due, ctx.config.evidence.purgeIntervalSeconds, now) : undefined;
      return { item, ...(due ? { due } : {}), ...(deleteBy ? { deleteBy } : {}) };
    });
    res.type('html').send(dashboardPage(ctx, {
      lang: pageLanguage(req, res),
      csrf: dashboardCsrfToken(ctx, req, res, citizenKey),
      items,
      consents: states.map(({ consent, state }) => ({ consent, state })),
      tracker: await readTracker(ctx.db.knex, citizenKey),
      integrity: await checkTrackerIntegrity(ctx.db.knex, citizenKey),
    }));
  });

  router.get('/me/tracker.json', async (req, res) => {
    const session = await sessionCitizen(req, res, '/me');
    if (!session) return;
    const rows = await readTracker(ctx.db.knex, session.citizenKey);
    const integrity = await checkTrackerIntegrity(ctx.db.knex, session.citizenKey);
    res.setHeader('Content-Disposition', 'attachment; filename="passerelle-data-tracker.json"');
    res.json({ integrity, hash_algorithm: 'SHA-256 over canonical JSON (sorted keys) of the row without "hash"', rows });
  });

  router.get('/me/evidence/:id/document', async (req, res) => {
    const session = await sessionCitizen(req, res, '/me');
    if (!session) return;
    const item = await findOwnItem(ctx.db.knex, session.citizenKey, String(req.params.id));
    if (!item || item.state !== 'stored') throw new PasserelleError('not_found');
    sendDocument(res, { mediaType: item.media_type, filename: item.filename, bytes: openItem(ctx, item).document }, { inline: false });
  });

  router.post('/me/consents/:id/withdraw', smallForm, async (req, res) => {
    const { citizenKey } = await sessionForChange(req, res);
    await withdrawConsent(ctx, citizenKey, String(req.params.id));
    res.redirect(303, '/me');
  });

  router.post('/me/evidence/:id/erase', smallForm, async (req, res) => {
    const { citizenKey } = await sessionForChange(req, res);
    await eraseEvidence(ctx, citizenKey, String(req.params.id));
    res.redirect(303, '/me');
  });
  return router;
}
