import { Router, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { issuerId, issuerMetadataPath } from '../issuer.js';
import { readStatusList } from './lists.js';
import { signStatusList, statusListTtlSeconds } from './token.js';

const listIdPattern = /^[0-9a-f-]{36}$/;

/**
 * Public, unauthenticated resources for verifiers anywhere (also from other origins):
 * the status lists and the issuer metadata with Passerelle's evidence-signing keys.
 */
export function statusRouter(ctx: AppContext): Router {
  const router = Router();
  const publicResource = (res: Response, maxAge: number) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
  };

  router.get('/status-lists/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!listIdPattern.test(id)) throw new PasserelleError('not_found');
    const list = await readStatusList(ctx.db.knex, id);
    if (!list) throw new PasserelleError('not_found');
    const token = await signStatusList(ctx, list);
    // Withdrawal must show quickly: caches may keep the list for at most a fraction of its ttl.
    publicResource(res, Math.min(60, statusListTtlSeconds));
    res.type('application/statuslist+jwt').send(token);
  });

  router.get(issuerMetadataPath(ctx), (_req, res) => {
    publicResource(res, 300);
    res.json({ issuer: issuerId(ctx), jwks: ctx.keystore.publicJwks('evidence-signing') });
  });
  return router;
}
