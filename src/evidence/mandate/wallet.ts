import { randomBytes, randomUUID } from 'node:crypto';
import { Router } from 'express';
import { decodeJwt } from 'jose';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { localized, pageLanguage, translator } from '../../web/i18n.js';
import { checkDashboardCsrf } from '../dashboard/csrf.js';
import type { OidcPort } from '../ports.js';
import { smallForm } from '../web/forms.js';
import { vciMessages } from '../vci/messages.js';
import { credentialOffer, offerSecrets, offerUri, type OfferSecrets } from '../vci/offer.js';
import { offerPage } from '../vci/offer-page.js';
import { representationTitle } from '../vci/representation.js';
import { offerTtlMs } from '../vci/settings.js';
import { insertOffer, type OfferRow } from '../vci/store.js';
import type { MandateClaims } from './attestation.js';
import { mandateMessages } from './messages.js';
import { findMandate, openAttestation, stateOfMandate } from './records.js';

/**
 * A mandate in force offered to the citizen's wallet, through the evidence issuer: an offer row
 * naming the mandate (no consent of its own: the mandate is what she agreed to), never living
 * past the mandate. Its secrets come from a random value that only this response carries, so
 * the database holds nothing that shows them again; a new offer is one click on /me.
 */
export async function createMandateOffer(ctx: AppContext, citizenKey: string, mandateId: string): Promise<{ offer: OfferRow; secrets: OfferSecrets; child: string }> {
  const now = ctx.clock.now();
  const offerId = randomUUID();
  const secrets = offerSecrets(randomBytes(32).toString('base64url'), offerId);
  return ctx.db.knex.transaction(async (trx) => {
    const mandate = await findMandate(trx, mandateId);
    if (!mandate || mandate.citizen_key !== citizenKey) throw new PasserelleError('not_found');
    if ((await stateOfMandate(trx, mandate, now)).state !== 'active') throw new PasserelleError('mandate_inactive');
    const offer: OfferRow = {
      id: offerId, consent_id: null, mandate_id: mandate.id, citizen_key: citizenKey, evidence_id: mandate.evidence_id, evidence_type: mandate.evidence_type,
      flow_id: null, state: 'offered', tx_attempts: 0, created_at: now, expires_at: Math.min(now + offerTtlMs, mandate.expires_at), revoked_at: null,
    };
    const { state: _state, tx_attempts: _attempts, revoked_at: _revoked, ...row } = offer;
    await insertOffer(trx, { ...row, ...secrets });
    const claims = decodeJwt(openAttestation(ctx, mandate).split('~')[0]!) as unknown as MandateClaims;
    return { offer, secrets, child: `${claims.represented.given_name} ${claims.represented.family_name}` };
  });
}

/** POST /me/mandates/:id/wallet: the dashboard's session and CSRF token; answers with the offer page itself. */
export function mandateWalletRouter(ctx: AppContext, oidc: OidcPort): Router {
  const router = Router();
  router.post('/me/mandates/:id/wallet', smallForm, async (req, res) => {
    const session = await oidc.citizenFromSession(req, res);
    if (!session) throw new PasserelleError('forbidden', 'no session');
    checkDashboardCsrf(ctx, req, session.citizenKey);
    const id = String(req.params.id);
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new PasserelleError('not_found');
    const { offer, secrets, child } = await createMandateOffer(ctx, session.citizenKey, id);
    const lang = pageLanguage(req, res);
    const tm = translator(mandateMessages, lang);
    const document = `${localized(representationTitle, lang)}: ${child}`;
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(offerPage({
      lang, path: '/me', back: '/me#mandates', document,
      offerUri: offerUri(credentialOffer(ctx, offer, secrets, translator(vciMessages, lang)('txCodeHeading')), ctx.config.evidence.walletOfferEndpoint),
      txCode: secrets.txCode, expiresAt: offer.expires_at, revokeNote: tm('walletRevokeNote'), backLabel: tm('walletBack'),
    }));
  });
  return router;
}
