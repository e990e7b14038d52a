import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Clock } from '../../core/clock.js';
import type { DemoAuthority, DemoEvidenceType } from './authorities.js';
import { authorityIndexPage } from './index-page.js';
import { issueDocument } from './issue-document.js';
import type { AuthorityIssuerKey } from './issuer-keys.js';
import { checkLoa, matchRecord } from './match-identity.js';
import { AuthorityRefusal, authorityErrors, evidenceRequestPath, issuerMetadataPath, maxRequestBytes } from './protocol.js';
import type { DemoRecord } from './records.js';
import { ReplayCache } from './replay-cache.js';
import type { RequesterKeySource } from './requester-keys.js';
import { verifyEvidenceRequest } from './verify-request.js';

export interface AuthorityRouterDeps {
  authority: DemoAuthority;
  /** The authority's public URL: credential `iss` and the request `aud` it expects. */
  issuer: string;
  key: AuthorityIssuerKey;
  records: readonly DemoRecord[];
  requesterKeys: RequesterKeySource;
  clock: Clock;
}

/** Issuer metadata per SD-JWT VC: the issuer and its public keys. */
export function issuerMetadata(deps: Pick<AuthorityRouterDeps, 'issuer' | 'key'>): object {
  return { issuer: deps.issuer, jwks: { keys: [deps.key.publicJwk] } };
}

/** One authority: index page, issuer metadata, and the evidence-request endpoint. */
export function authorityRouter(deps: AuthorityRouterDeps): Router {
  const router = express.Router();
  const replay = new ReplayCache();
  router.get('/', (_req, res) => {
    res.type('html').send(authorityIndexPage(deps.authority, deps.issuer, deps.records));
  });
  router.get(issuerMetadataPath, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(issuerMetadata(deps));
  });
  router.post(evidenceRequestPath, express.text({ type: 'application/jwt', limit: maxRequestBytes }), async (req: Request, res: Response) => {
    if (!req.is('application/jwt') || typeof req.body !== 'string') {
      throw new AuthorityRefusal('invalid_request', 'the body must be a JWT sent as application/jwt', 415);
    }
    const request = await verifyEvidenceRequest(req.body.trim(), {
      audience: deps.issuer, keys: deps.requesterKeys, replay, clock: deps.clock,
    });
    // SDGR Art. 14(3)(a): evidence moves only on the citizen's explicit request.
    if (request.explicit_request !== true) throw new AuthorityRefusal('not_explicit', 'explicit_request is not true');
    const type = request.evidence_type as DemoEvidenceType;
    if (!deps.authority.evidenceTypes.includes(type)) throw new AuthorityRefusal('unsupported_evidence_type', 'not issued here');
    checkLoa(request, deps.authority.minimumLoa);
    const record = matchRecord(request, deps.records, deps.authority.country);
    const data = record.documents[type];
    if (!data) throw new AuthorityRefusal('no_record', 'no document of this type on record');
    const issued = await issueDocument(deps.authority, deps.issuer, deps.key, record, type, data, request, deps.clock.now());
    res.setHeader('Cache-Control', 'no-store');
    res.json(issued);
  });
  router.use(refusalHandler);
  return router;
}

/** Shapes every refusal as `{ error, error_description }` with its status; never echoes input. */
export function refusalHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const refusal = error instanceof AuthorityRefusal ? error : toRefusal(error);
  res.status(refusal.httpStatus).setHeader('Cache-Control', 'no-store');
  res.json({ error: refusal.code, error_description: `${authorityErrors[refusal.code].description} (${refusal.detail})`, edm_error_code: authorityErrors[refusal.code].edm });
}

function toRefusal(error: unknown): AuthorityRefusal {
  const e = error as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return new AuthorityRefusal('invalid_request', 'the request is too large', 413);
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AuthorityRefusal('invalid_request', 'unreadable request', e.status);
  return new AuthorityRefusal('server_error', 'internal error');
}
