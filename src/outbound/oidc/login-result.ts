import type { InteractionResults } from 'oidc-provider';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { acrFor } from './acr.js';

/** The interaction's login result for an account: acr and amr say which door the citizen used. */
export function loginResult(accountId: string, citizen: AuthenticatedCitizen): InteractionResults {
  return {
    login: {
      accountId,
      acr: acrFor(citizen),
      amr: [citizen.source.protocol === 'openid4vp' ? 'openid4vp' : 'eidas'],
      ts: Math.min(Math.floor(citizen.authenticatedAt / 1000), Math.floor(Date.now() / 1000)),
      // The session cookie lasts as long as the browser session, never longer.
      remember: false,
    },
  };
}
