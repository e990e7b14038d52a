import { createHmac, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { attestSharing } from '../attestation/sharing.js';
import { evidenceType } from '../catalogue/index.js';
import { consentsOfItem, insertConsent, sharingLegalBasis, stateOfConsent } from '../consent/records.js';
import { allocateStatusEntry } from '../status/lists.js';
import { appendToTracker } from '../tracker/log.js';
import { storeItem, type ItemRow } from '../vault/items.js';
import { configurationId, credentialIssuer } from './configurations.js';
import { representationConfigurationId } from './representation.js';
import { offerTtlMs, preAuthorizedGrant, txCodeLength, walletProcedure, walletPurpose, walletRecipient } from './settings.js';
import { insertOffer, type OfferRow } from './store.js';

const dayMs = 86_400_000;

/**
 * The offer's secrets are derived from the flow's binding secret (held only by the citizen's
 * browser) and the offer id: the database keeps their hashes, and the offer page, bound to the
 * same browser, can show them again without anything readable at rest.
 */
export interface OfferSecrets { preAuthorizedCode: string; txCode: string; issuerState: string }

export function offerSecrets(bindingSecret: string, offerId: string): OfferSecrets {
  const mac = (label: string) => createHmac('sha256', bindingSecret).update(`vci:${label}:${offerId}`).digest();
  const digits = mac('tx').readUInt32BE(0) % 10 ** txCodeLength;
  return {
    preAuthorizedCode: mac('pre').toString('base64url'),
    txCode: String(digits).padStart(txCodeLength, '0'),
    issuerState: mac('state').toString('base64url'),
  };
}

/** The Credential Offer object (OpenID4VCI 1.0 §4.1.1), passed by value. */
export function credentialOffer(ctx: AppContext, offer: Pick<OfferRow, 'evidence_type' | 'mandate_id'>, secrets: OfferSecrets, description: string): Record<string, unknown> {
  return {
    credential_issuer: credentialIssuer(ctx),
    credential_configuration_ids: offer.mandate_id
      ? [representationConfigurationId]
      : [configurationId(offer.evidence_type, 'dc+sd-jwt'), configurationId(offer.evidence_type, 'mso_mdoc')],
    grants: {
      authorization_code: { issuer_state: secrets.issuerState },
      [preAuthorizedGrant]: {
        'pre-authorized_code': secrets.preAuthorizedCode,
        tx_code: { input_mode: 'numeric', length: txCodeLength, description },
      },
    },
  };
}

export function offerUri(offer: Record<string, unknown>, endpoint: string): string {
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${new URLSearchParams({ credential_offer: JSON.stringify(offer) }).toString()}`;
}

/**
 * The citizen's choice to hold a document in her wallet: a consent of its own (recipient: her
 * wallet; withdrawable in /me like any other), the document moved into the vault as kept (the
 * credentials' status depends on it), and a fresh offer. An active wallet consent for the same
 * document is reused, so asking for a second offer adds no second consent.
 */
export async function createOffer(ctx: AppContext, input: { citizenKey: string; flowId: string; item: ItemRow; bindingSecret: string }): Promise<{ offerId: string }> {
  const { item } = input;
  const now = ctx.clock.now();
  const offerId = randomUUID();
  const secrets = offerSecrets(input.bindingSecret, offerId);
  await ctx.db.knex.transaction(async (trx) => {
    if (!['preview', 'stored'].includes(item.state)) throw new PasserelleError('not_found');
    if (item.valid_until !== null && item.valid_until <= now) throw new PasserelleError('evidence_flow_finished', 'the document expired');
    const consentId = await activeWalletConsent(trx, item, now) ?? await walletConsent(ctx, trx, input.citizenKey, item, now);
    await insertOffer(trx, {
      id: offerId, consent_id: consentId, mandate_id: null, citizen_key: input.citizenKey, evidence_id: item.id, evidence_type: item.evidence_type,
      flow_id: input.flowId, created_at: now, expires_at: now + offerTtlMs, ...secrets,
    });
  });
  return { offerId };
}

async function activeWalletConsent(trx: Knex.Transaction, item: ItemRow, now: number): Promise<string | undefined> {
  for (const consent of await consentsOfItem(trx, item.id)) {
    if (consent.client_id === walletRecipient && (await stateOfConsent(trx, consent, now)).state === 'active') return consent.id;
  }
  return undefined;
}

async function walletConsent(ctx: AppContext, trx: Knex.Transaction, citizenKey: string, item: ItemRow, now: number): Promise<string> {
  const consentId = randomUUID();
  const status = await allocateStatusEntry(trx, consentId, now);
  const validity = (evidenceType(item.evidence_type)?.defaultValidityDays ?? 180) * dayMs;
  const expiresAt = item.valid_until ?? item.fetched_at + validity;
  const attestation = await attestSharing(ctx, {
    item, consentId, status, expiresAt, now, procedure: walletProcedure, purpose: walletPurpose,
    recipient: { client_id: walletRecipient, name: 'EU Digital Identity Wallet' },
  });
  await insertConsent(trx, {
    id: consentId, citizen_key: citizenKey, evidence_id: item.id, client_id: walletRecipient, evidence_type: item.evidence_type,
    procedure: walletProcedure, purpose: walletPurpose, legal_basis: sharingLegalBasis, explicit_request_at: now, given_at: now,
    expires_at: expiresAt, flow_id: item.flow_id, interaction_uid: null, status_list_id: status.listId, status_idx: status.idx, attestation,
  });
  await storeItem(trx, item.id, true, now);
  await appendToTracker(trx, citizenKey, now, {
    event: 'shared', actorType: 'citizen', actorId: walletRecipient, evidenceType: item.evidence_type, evidenceId: item.id, consentId,
    procedure: walletProcedure, purpose: walletPurpose, outcome: 'ok', detail: 'wallet_offer',
  });
  return consentId;
}
