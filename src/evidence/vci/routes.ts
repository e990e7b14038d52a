import express, { Router } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { mandateWalletRouter } from '../mandate/wallet.js';
import type { OidcPort } from '../ports.js';
import { authorizeEndpoint } from './authorize-endpoint.js';
import { vciCitizenRouter } from './citizen-routes.js';
import { wellKnownPath } from './configurations.js';
import { credentialEndpoint } from './credential-endpoint.js';
import { tokenEndpoint } from './token-endpoint.js';
import { authorizationServerMetadata, issuerMetadata, vciPaths } from './metadata.js';
import { vciErrorHandler } from './oauth-error.js';
import { createNonce } from './store.js';
import { typeMetadataBytes } from './type-metadata.js';

/**
 * Passerelle as an OpenID4VCI 1.0 credential issuer of evidence: metadata and Type Metadata
 * (public, cacheable, any origin), the wallet-facing OAuth endpoints (JSON errors in the OAuth
 * shape), and the citizen's offer pages inside her evidence flow.
 */
export function vciRouter(ctx: AppContext, oidc: OidcPort): Router {
  const router = Router();
  const publicJson = (res: express.Response, body: unknown) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(body);
  };
  router.get(wellKnownPath(ctx, 'openid-credential-issuer'), (_req, res) => publicJson(res, issuerMetadata(ctx)));
  router.get(wellKnownPath(ctx, 'oauth-authorization-server'), (_req, res) => publicJson(res, authorizationServerMetadata(ctx)));
  router.get('/credentials/types/:type', (req, res) => {
    const bytes = typeMetadataBytes(ctx, String(req.params.type));
    if (!bytes) throw new PasserelleError('not_found');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/json').send(bytes);
  });

  router.get(vciPaths.authorize, authorizeEndpoint(ctx, oidc));
  const wallet = Router();
  wallet.post(vciPaths.token, express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }), tokenEndpoint(ctx));
  wallet.post(vciPaths.nonce, async (_req, res) => {
    const { nonce } = await createNonce(ctx.db.knex, ctx.clock.now());
    res.setHeader('Cache-Control', 'no-store');
    res.json({ c_nonce: nonce });
  });
  wallet.post(vciPaths.credential, express.json({ limit: '96kb' }), credentialEndpoint(ctx));
  wallet.use(vciErrorHandler(ctx));
  router.use(wallet);
  router.use(vciCitizenRouter(ctx));
  router.use(mandateWalletRouter(ctx, oidc));
  return router;
}
