import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { findConsent, stateOfConsent, type ConsentRow, type ConsentState } from '../consent/records.js';
import { trackerGroupCommit } from '../tracker/group-commit.js';
import { findItem, type ItemRow } from '../vault/items.js';
import type { PortalGrant } from './bearer.js';

/** What a portal asked for; recorded in the tracker's `detail` (the list of shares is `listing`). */
export type AccessedPart = 'listing' | 'metadata' | 'document' | 'credential' | 'attestation' | 'data';

export interface ResolvedShare { consent: ConsentRow; state: ConsentState; item: ItemRow }

/**
 * The one access check of the portal API. A consent that is not in this token, or belongs
 * to another portal or citizen, does not exist (404). A consent that is ours but withdrawn,
 * expired or erased is refused (403 consent_required). Both outcomes of an existing share
 * are written to the citizen's tracker.
 */
export async function resolveShare(ctx: AppContext, grant: PortalGrant, consentId: string, part: AccessedPart, requireActive: boolean): Promise<ResolvedShare> {
  const consent = grant.consentIds.has(consentId) ? await findConsent(ctx.db.knex, consentId) : undefined;
  if (!consent || consent.client_id !== grant.clientId || consent.citizen_key !== grant.citizenKey) throw new PasserelleError('not_found');
  const now = ctx.clock.now();
  const { state } = await stateOfConsent(ctx.db.knex, consent, now);
  const item = await findItem(ctx.db.knex, consent.evidence_id);
  const allowed = state === 'active' && item?.state === 'stored';
  await trackerGroupCommit(ctx.db.knex).record(consent.citizen_key, now, {
    event: 'portal_access', actorType: 'portal', actorId: grant.clientId, evidenceType: consent.evidence_type,
    evidenceId: consent.evidence_id, consentId: consent.id, procedure: consent.procedure, purpose: consent.purpose,
    outcome: allowed || !requireActive ? 'ok' : 'refused', detail: allowed || !requireActive ? part : `${part}:${state}`,
  });
  if (requireActive && !allowed) throw new PasserelleError('consent_required', `consent ${state}`);
  if (!item) throw new PasserelleError('not_found');
  return { consent, state, item };
}
