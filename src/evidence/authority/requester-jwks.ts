import type { Express } from 'express';
import type { AppContext } from '../../context.js';
import type { Feature } from '../../web/app.js';
import { requesterJwksPath } from './protocol.js';

/**
 * Publishes the public evidence-signing keys (active and still-published ones, for rollover)
 * that issuing authorities use to check Passerelle's signed evidence requests.
 */
export const requesterJwksFeature: Feature = (app: Express, ctx: AppContext) => {
  app.get(requesterJwksPath, (_req, res) => {
    const jwks = ctx.keystore.publicJwks('evidence-signing');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/jwk-set+json').send(JSON.stringify(jwks));
  });
};
