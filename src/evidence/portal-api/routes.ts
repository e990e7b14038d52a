import { Router, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { attestationMediaType } from '../attestation/claims.js';
import { evidenceTitle } from '../catalogue/index.js';
import { statusListUri } from '../issuer.js';
import type { OidcPort } from '../ports.js';
import { openItem } from '../vault/items.js';
import { sendDocument } from '../web/send-document.js';
import { portalGrant } from './bearer.js';
import { resolveShare, type ResolvedShare } from './share-access.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function shareMetadata(ctx: AppContext, share: ResolvedShare) {
  const { consent, state, item } = share;
  const self = `${ctx.config.publicUrl}/api/evidence/shares/${consent.id}`;
  const authority = ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id);
  return {
    consent_id: consent.id, status: state, evidence_type: consent.evidence_type, evidence_title: evidenceTitle(consent.evidence_type, 'en'),
    procedure: consent.procedure, purpose: consent.purpose, legal_basis: consent.legal_basis,
    given_at: iso(consent.given_at), expires_at: iso(consent.expires_at),
    document: { media_type: item.media_type, filename: item.filename, size: item.byte_size, digest: { alg: 'sha-256', value: item.document_digest } },
    authority: { id: item.authority_id, country: authority?.country ?? null, issuer: item.issuer },
    issued_at: iso(item.issued_at), valid_until: iso(item.valid_until),
    attestation_status: { uri: statusListUri(ctx, consent.status_list_id), idx: consent.status_idx },
    links: { document: `${self}/document`, credential: `${self}/credential`, attestation: `${self}/attestation`, data: `${self}/data` },
  };
}

function sendToken(res: Response, token: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.type(attestationMediaType).send(token);
}

/**
 * The portal API (`docs/openapi/evidence.yaml`): with the access token of the authorization
 * in which the citizen shared, the portal lists the shares and downloads their parts.
 */
export function portalApiRouter(ctx: AppContext, oidc: OidcPort): Router {
  const router = Router();
  router.use('/api/evidence', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  router.get('/api/evidence/shares', async (req, res) => {
    const grant = await portalGrant(ctx, oidc, req, res);
    if (grant.consentIds.size === 0) throw new PasserelleError('consent_required', 'token carries no evidence consent');
    const shares = [];
    for (const id of grant.consentIds) {
      const share = await resolveShare(ctx, grant, id, 'listing', false).catch((error: unknown) => {
        if (error instanceof PasserelleError && error.code === 'not_found') return undefined;
        throw error;
      });
      if (share) shares.push(shareMetadata(ctx, share));
    }
    res.json({ shares });
  });

  router.get('/api/evidence/shares/:consentId', async (req, res) => {
    const grant = await portalGrant(ctx, oidc, req, res);
    res.json(shareMetadata(ctx, await resolveShare(ctx, grant, String(req.params.consentId), 'metadata', false)));
  });

  router.get('/api/evidence/shares/:consentId/document', async (req, res) => {
    const grant = await portalGrant(ctx, oidc, req, res);
    const { item } = await resolveShare(ctx, grant, String(req.params.consentId), 'document', true);
    sendDocument(res, { mediaType: item.media_type, filename: item.filename, bytes: openItem(ctx, item).document }, { inline: false });
  });

  router.get('/api/evidence/shares/:consentId/credential', async (req, res) => {
    const grant = await portalGrant(ctx, oidc, req, res);
    const { item } = await resolveShare(ctx, grant, String(req.params.consentId), 'credential', true);
    sendToken(res, openItem(ctx, item).credential);
  });

  router.get('/api/evidence/shares/:consentId/attestation', async (req, res) => {
    const grant = await portalGrant(ctx, oidc, req, res);
    const { consent } = await resolveShare(ctx, grant, String(req.params.consentId), 'attestation', true);
    sendToken(res, consent.attestation);
  });

  router.get('/api/evidence/shares/:consentId/data', async (req, res) => {
    const grant = await portalGrant(ctx, oidc, req, res);
    const { consent, item } = await resolveShare(ctx, grant, String(req.params.consentId), 'data', true);
    res.json({ consent_id: consent.id, evidence_type: consent.evidence_type, data: openItem(ctx, item).data });
  });
  return router;
}
