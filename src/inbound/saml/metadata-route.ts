import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { buildSpMetadata } from './metadata/sp-metadata.js';
import { samlPaths } from './saml-constants.js';

/**
 * GET /saml/metadata: our signed SP metadata. Re-signed when the keyring changed and at
 * least every few minutes (validUntil must stay short); otherwise served from memory.
 */
export function metadataRouter(ctx: AppContext): Router {
  const router = Router();
  const maxAgeMs = Math.min(300_000, ctx.config.saml.metadataValiditySeconds * 250);
  let cached: { xml: string; builtAt: number; keyring: string } | undefined;
  router.get(samlPaths.metadata, (_req, res) => {
    const now = ctx.clock.now();
    const keyring = ctx.keystore.fingerprint;
    if (!cached || cached.keyring !== keyring || now - cached.builtAt >= maxAgeMs || now < cached.builtAt) {
      cached = { xml: buildSpMetadata(ctx), builtAt: now, keyring };
    }
    res.setHeader('Cache-Control', `public, max-age=${Math.floor(maxAgeMs / 1000)}`);
    res.type('application/samlmetadata+xml').send(cached.xml);
  });
  return router;
}
