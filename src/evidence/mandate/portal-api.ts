import { Router } from 'express';
import { decodeJwt } from 'jose';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { attestationMediaType } from '../attestation/claims.js';
import { statusListUri } from '../issuer.js';
import { portalGrant, type PortalGrant } from '../portal-api/bearer.js';
import type { OidcPort } from '../ports.js';
import { trackerGroupCommit } from '../tracker/group-commit.js';
import { findItem } from '../vault/items.js';
import type { MandateClaims } from './attestation.js';
import { findMandate, openAttestation, stateOfMandate, type MandateRow } from './records.js';

const iso = (ms: number) => new Date(ms).toISOString();
const idPattern = /^[0-9a-f-]{36}$/;

/**
 * The one check of every use of a mandate by a portal: it must be in this token (else it does
 * not exist, 404), and in force, with its document still in the vault (else 403
 * mandate_inactive). Each use, granted or refused, is committed to the citizen's tracker before
 * it is answered, identical uses inside the dedupe window as one row with a count (window.ts).
 */
async function useMandate(ctx: AppContext, grant: PortalGrant, id: string, part: 'metadata' | 'attestation'): Promise<{ mandate: MandateRow; attestation: string }> {
  const mandate = idPattern.test(id) && grant.mandateIds.has(id) ? await findMandate(ctx.db.knex, id) : undefined;
  if (!mandate || mandate.client_id !== grant.clientId || mandate.citizen_key !== grant.citizenKey) throw new PasserelleError('not_found');
  const now = ctx.clock.now();
  const { state } = await stateOfMandate(ctx.db.knex, mandate, now);
  const item = await findItem(ctx.db.knex, mandate.evidence_id);
  const allowed = state === 'active' && item?.state === 'stored';
  const reason = state === 'active' ? 'erased' : state;
  await trackerGroupCommit(ctx.db.knex).record(mandate.citizen_key, now, {
    event: 'mandate_used', actorType: 'portal', actorId: grant.clientId, evidenceType: mandate.evidence_type, evidenceId: mandate.evidence_id,
    consentId: mandate.id, procedure: mandate.procedure, purpose: mandate.purpose, outcome: allowed ? 'ok' : 'refused',
    detail: allowed ? part : `${part}:${reason}`,
  });
  if (!allowed) throw new PasserelleError('mandate_inactive', `mandate ${reason}`);
  return { mandate, attestation: openAttestation(ctx, mandate) };
}

/**
 * The portal's side of a family mandate (docs/integration-portal.md): with the access token of
 * the authorization in which the citizen gave it, the portal reads who acts for whom
 * (`represented` is the child), and Passerelle's signed attestation for its file.
 */
export function mandateApiRouter(ctx: AppContext, oidc: OidcPort): Router {
  const router = Router();

  router.get('/api/evidence/mandates/:mandateId', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const grant = await portalGrant(ctx, oidc, req, res);
    const { mandate, attestation } = await useMandate(ctx, grant, String(req.params.mandateId), 'metadata');
    const claims = decodeJwt(attestation.split('~')[0]!) as unknown as MandateClaims;
    const self = `${ctx.config.publicUrl}/api/evidence/mandates/${mandate.id}`;
    res.json({
      mandate_id: mandate.id, status: 'active', procedure: mandate.procedure, purpose: mandate.purpose,
      given_at: iso(mandate.given_at), expires_at: iso(mandate.expires_at),
      relationship: claims.relationship, representative: claims.representative, represented: claims.represented,
      basis: claims.basis, attestation_status: { uri: statusListUri(ctx, mandate.status_list_id), idx: mandate.status_idx },
      links: { attestation: `${self}/attestation` },
    });
  });

  router.get('/api/evidence/mandates/:mandateId/attestation', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const grant = await portalGrant(ctx, oidc, req, res);
    const { attestation } = await useMandate(ctx, grant, String(req.params.mandateId), 'attestation');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type(attestationMediaType).send(attestation);
  });
  return router;
}
