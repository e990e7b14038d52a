import type { Request, Response } from 'express';
import { PasserelleError } from '../../../core/errors.js';
import { cookieName, cookieOptions } from '../../../web/csrf.js';
import { levelOutOfReach } from '../country-reach.js';
import { minimumLoaFor } from '../requested-loa.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, scopesOf } from './load.js';

const countryCookiePath = '/interaction';

/** The remembered country: `__Secure-passerelle.country` over HTTPS (src/web/csrf.ts). */
export function countryCookie(deps: InteractionDeps): string {
  return cookieName(deps.ctx.config, 'passerelle.country', countryCookiePath);
}

/**
 * Hands the browser to the inbound adapter for `country`: minimum LoA from `acr_values`
 * (never below the country's floor), attributes from what the portal may receive for the
 * scopes it asked. The choice is remembered (country code only) for the next visit.
 */
export async function startUpstreamLogin(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction, code: string): Promise<void> {
  const country = deps.ctx.config.countries.find((c) => c.code === code);
  const adapter = deps.adapter();
  if (!country || !adapter.countries().includes(code)) throw new PasserelleError('country_unknown');
  const minimumLoa = minimumLoaFor(interaction.params.acr_values, country.minimumLoa);
  const certified = levelOutOfReach(adapter, code, minimumLoa);
  if (certified) {
    // A hint (or a link) to a country whose eID cannot reach the level: a login there could
    // only fail. The citizen reads why, and the portal hears unmet_authentication_requirements.
    deps.ctx.logger.info({ flow: interaction.cid, country: code, minimum: minimumLoa, certified }, 'country not offered: certified below the requested level');
    return deps.exits.continueWith(req, res, interaction, {
      error: 'unmet_authentication_requirements',
      error_description: 'the country\'s identity provider is not certified for the requested level of assurance',
    }, { kind: 'countryBelowLevel', country: code, required: minimumLoa, certified });
  }
  const clientId = clientIdOf(interaction);
  const scopes = scopesOf(interaction);
  res.cookie(countryCookie(deps), code, { ...cookieOptions(deps.ctx.config, countryCookiePath), maxAge: 365 * 86_400_000 });
  await adapter.startLogin(req, res, {
    flowId: interaction.uid,
    country: code,
    minimumLoa,
    subject: deps.portals.subject(clientId, scopes),
    requestedAttributes: deps.portals.requestedAttributes(clientId, scopes),
    requesterId: clientId,
  });
}
