import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { endConsent, findConsent } from '../consent/records.js';
import type { AuthorityPort, EvidenceDeps, EvidenceStepResult } from '../ports.js';
import { appendToTracker } from '../tracker/log.js';
import { findOwnItem, openItem, reusableItems, type ItemRow } from '../vault/items.js';
import { formField } from '../../web/csrf.js';
import { portalFormPolicy, smallForm } from '../web/forms.js';
import { sendDocument } from '../web/send-document.js';
import { parseExpiryDays } from './consent-expiry.js';
import { declineFlow } from './decline.js';
import { fetchForFlow } from './fetch-evidence.js';
import { clearFlowCookie, flowLanguage, flowPath, itemIndex, loadBoundFlow, loadFlowForChange, type BoundFlow } from './flow-access.js';
import { acceptedTypes, flowCitizen } from './flow-store.js';
import { qualificationOf } from '../mandate/derive.js';
import { mandatePreviewPage } from '../mandate/flow-pages.js';
import type { Qualification } from '../mandate/who-qualifies.js';
import { pickText } from '../web/format.js';
import { overviewPage } from './overview-page.js';
import { previewPage } from './preview-page.js';
import { reuseForFlow } from './reuse-evidence.js';
import { shareFlow } from './share.js';
import { revokeMandate } from '../mandate/end.js';

/**
 * The citizen's pages of the evidence step, `/evidence/flow/:flowId/...`. GETs show, POSTs
 * act and answer 303; everything a page needs is read from the database again.
 */
export function flowRouter(ctx: AppContext, deps: EvidenceDeps, authorities: AuthorityPort): Router {
  const router = Router();
  const base = '/evidence/flow/:flowId';
  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');

  router.get(base, async (req, res) => {
    const bound = await loadBoundFlow(ctx, req);
    if (bound.flow.state !== 'open') throw new PasserelleError('evidence_flow_finished');
    const citizen = flowCitizen(ctx, bound.flow);
    const now = ctx.clock.now();
    const linked = await linkedItems(bound);
    const reusable = await Promise.all(bound.flow.requests.map(async (request) => (await Promise.all(acceptedTypes(request)
      .map((type) => reusableItems(ctx.db.knex, bound.flow.citizen_key, type, now)))).flat()));
    decisionPageHeaders(res, bound);
    const mandates = await mandateChecks(bound, linked);
    res.type('html').send(overviewPage(ctx, authorities, { bound, country: citizen.country, lang: flowLanguage(req, res, bound.flow), linked, reusable, mandates }));
  });

  router.get(`${base}/items/:idx/preview`, async (req, res) => {
    const { bound, item } = await linkedItem(req);
    const linked = await linkedItems(bound);
    const ready = linked.every(Boolean);
    decisionPageHeaders(res, bound);
    const idx = itemIndex(req, bound);
    const request = bound.flow.requests[idx]!;
    if (request.representation) {
      const mandates = await mandateChecks(bound, linked);
      const lang = flowLanguage(req, res, bound.flow);
      const portal = pickText(ctx.config.portals.find((p) => p.clientId === bound.flow.client_id)?.name, lang, bound.flow.client_id);
      const decision = { bound, portal, lang, ready, hasFetched: bound.items.some((link) => link.source === 'fetched'), on: 'preview' as const, mandates };
      return void res.type('html').send(mandatePreviewPage(ctx, { decision, idx, request, item, qualification: mandates.get(idx)!.qualification! }));
    }
    res.type('html').send(previewPage(ctx, { bound, idx: itemIndex(req, bound), item, opened: openItem(ctx, item), lang: flowLanguage(req, res, bound.flow), ready }));
  });

  router.get(`${base}/items/:idx/document`, async (req, res) => {
    const { item } = await linkedItem(req);
    const opened = openItem(ctx, item);
    sendDocument(res, { mediaType: item.media_type, filename: item.filename, bytes: opened.document }, { inline: req.query.download === undefined });
  });

  router.post(`${base}/items/:idx/request`, smallForm, async (req, res) => {
    const bound = await loadFlowForChange(ctx, req);
    const idx = itemIndex(req, bound);
    await fetchForFlow(ctx, deps, authorities, bound, idx);
    const fetched = (await loadBoundFlow(ctx, req)).items[idx]?.evidence_id;
    res.redirect(303, fetched ? `${flowPath(bound.flow.id)}/items/${idx}/preview` : `${flowPath(bound.flow.id)}#req-${idx}`);
  });

  router.post(`${base}/items/:idx/reuse`, smallForm, async (req, res) => {
    const bound = await loadFlowForChange(ctx, req);
    const idx = itemIndex(req, bound);
    await reuseForFlow(ctx, deps, bound, idx, formField(req, 'evidence_id'));
    res.redirect(303, flowPath(bound.flow.id));
  });

  router.post(`${base}/share`, smallForm, async (req, res) => {
    const bound = await loadFlowForChange(ctx, req);
    const days = parseExpiryDays(ctx, formField(req, 'days'));
    const children = Object.fromEntries(bound.flow.requests.map((request, idx) => [idx, request.representation ? formField(req, `child_${idx}`) : undefined]));
    const { consents, mandates } = await shareFlow(ctx, deps, bound, { days, keep: formField(req, 'keep') === 'yes', children });
    await handBack(req, res, bound, { decision: 'shared', consents, mandates }, consents.map((c) => c.consentId), mandates.map((m) => m.mandateId));
  });

  router.post(`${base}/decline`, smallForm, async (req, res) => {
    const bound = await loadFlowForChange(ctx, req);
    await declineFlow(ctx, deps, bound, formField(req, 'keep') === 'yes');
    await handBack(req, res, bound, { decision: 'declined' }, [], []);
  });

  /** Pages carrying the share and decline forms: never cached, and allowed to end at the portal's redirect URI. */
  function decisionPageHeaders(res: Response, bound: BoundFlow): void {
    noStore(res);
    res.setHeader('Content-Security-Policy', portalFormPolicy(ctx, bound.flow.client_id));
  }

  /** What each representation request's linked document lets the citizen do (read from the sealed document each time). */
  async function mandateChecks(bound: BoundFlow, linked: Array<ItemRow | undefined>): Promise<Map<number, { item: ItemRow | undefined; qualification: Qualification | undefined }>> {
    const checks = new Map<number, { item: ItemRow | undefined; qualification: Qualification | undefined }>();
    const citizen = flowCitizen(ctx, bound.flow);
    for (const [idx, request] of bound.flow.requests.entries()) {
      if (!request.representation) continue;
      const item = linked[idx];
      checks.set(idx, { item, qualification: item ? await qualificationOf(ctx, item, citizen) : undefined });
    }
    return checks;
  }

  /** Per requested entry, the document linked to it (undefined while none is, or once it is gone). */
  function linkedItems(bound: BoundFlow): Promise<Array<ItemRow | undefined>> {
    return Promise.all(bound.items.map((link) => (link.evidence_id ? findOwnItem(ctx.db.knex, bound.flow.citizen_key, link.evidence_id) : undefined)));
  }

  async function linkedItem(req: Request): Promise<{ bound: BoundFlow; item: NonNullable<Awaited<ReturnType<typeof findOwnItem>>> }> {
    const bound = await loadBoundFlow(ctx, req);
    if (bound.flow.state !== 'open') throw new PasserelleError('evidence_flow_finished');
    const link = bound.items[itemIndex(req, bound)];
    const item = link?.evidence_id ? await findOwnItem(ctx.db.knex, bound.flow.citizen_key, link.evidence_id) : undefined;
    if (!item || (item.state !== 'preview' && item.state !== 'stored')) throw new PasserelleError('not_found');
    return { bound, item };
  }

  /**
   * Returns the decision to the OpenID Provider. Should that fail (the login expired
   * meanwhile), consents just given are withdrawn again: no portal can ever use them.
   */
  async function handBack(req: Request, res: Response, bound: BoundFlow, result: EvidenceStepResult, consentIds: string[], mandateIds: string[]): Promise<void> {
    clearFlowCookie(ctx, res, bound.flow.id);
    try {
      await deps.oidc.completeEvidenceStep(req, res, bound.flow.interaction_uid, result);
    } catch (error) {
      await withdrawUnused(consentIds, bound.flow.citizen_key);
      for (const id of mandateIds) await revokeMandate(ctx, bound.flow.citizen_key, id, { actor: 'passerelle', detail: 'login_expired' });
      throw error;
    }
  }

  async function withdrawUnused(consentIds: string[], citizenKey: string): Promise<void> {
    const now = ctx.clock.now();
    for (const id of consentIds) {
      await ctx.db.knex.transaction(async (trx) => {
        const consent = await findConsent(trx, id);
        if (!consent) return;
        await endConsent(trx, consent, 'withdrawn', 'passerelle', now);
        await appendToTracker(trx, citizenKey, now, {
          event: 'withdrawn', actorType: 'passerelle', evidenceType: consent.evidence_type, evidenceId: consent.evidence_id, consentId: id,
          procedure: consent.procedure, purpose: consent.purpose, outcome: 'ok', detail: 'login_expired',
        });
      });
    }
  }
  return router;
}
