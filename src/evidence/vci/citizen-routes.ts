import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { translator } from '../../web/i18n.js';
import { evidenceTitle } from '../catalogue/index.js';
import { flowLanguage, flowPath, itemIndex, loadBoundFlow, loadFlowForChange } from '../interaction/flow-access.js';
import { findOwnItem } from '../vault/items.js';
import { smallForm } from '../web/forms.js';
import { vciMessages } from './messages.js';
import { createOffer, credentialOffer, offerSecrets, offerUri } from './offer.js';
import { offerPage } from './offer-page.js';
import { findOffer } from './store.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The citizen's side of the wallet offer, inside her evidence flow: POST makes the offer (CSRF
 * token and binding cookie of the flow, as every flow form), GET shows it in her language.
 */
export function vciCitizenRouter(ctx: AppContext): Router {
  const router = Router();
  const base = '/evidence/flow/:flowId/items/:idx/wallet';

  router.post(base, smallForm, async (req, res) => {
    const bound = await loadFlowForChange(ctx, req);
    const idx = itemIndex(req, bound);
    const link = bound.items[idx];
    const item = link?.evidence_id ? await findOwnItem(ctx.db.knex, bound.flow.citizen_key, link.evidence_id) : undefined;
    if (!item) throw new PasserelleError('not_found');
    const { offerId } = await createOffer(ctx, { citizenKey: bound.flow.citizen_key, flowId: bound.flow.id, item, bindingSecret: bound.secret });
    res.redirect(303, `${flowPath(bound.flow.id)}/items/${idx}/wallet/${offerId}`);
  });

  router.get(`${base}/:offerId`, async (req, res) => {
    const bound = await loadBoundFlow(ctx, req);
    const idx = itemIndex(req, bound);
    const offerId = String(req.params.offerId);
    const offer = uuidPattern.test(offerId) ? await findOffer(ctx.db.knex, offerId) : undefined;
    if (!offer || offer.flow_id !== bound.flow.id || offer.citizen_key !== bound.flow.citizen_key || offer.evidence_id !== bound.items[idx]?.evidence_id) {
      throw new PasserelleError('not_found');
    }
    const lang = flowLanguage(req, res, bound.flow);
    const t = translator(vciMessages, lang);
    const document = evidenceTitle(offer.evidence_type, lang) ?? offer.evidence_type;
    const secrets = offerSecrets(bound.secret, offer.id);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(offerPage({
      lang, path: `${flowPath(bound.flow.id)}/items/${idx}/wallet/${offer.id}`, back: `${flowPath(bound.flow.id)}/items/${idx}/preview`, document,
      offerUri: offerUri(credentialOffer(ctx, offer, secrets, t('txCodeHeading')), ctx.config.evidence.walletOfferEndpoint), txCode: secrets.txCode, expiresAt: offer.expires_at,
    }));
  });
  return router;
}
