import type { Knex } from 'knex';
import type { JWK } from 'jose';
import type { AppContext } from '../../context.js';
import { findConsent, stateOfConsent } from '../consent/records.js';
import type { StatusEntryRef } from '../status/lists.js';
import type { TrackerEntry } from '../tracker/log.js';
import { findItem, openItem } from '../vault/items.js';
import type { CredentialConfiguration } from './configurations.js';
import { credentialContent } from './credential-content.js';
import { issueMdocCredential } from './issue-mdoc.js';
import { issueSdJwtCredential } from './issue-sd-jwt.js';
import { VciError } from './oauth-error.js';
import { walletProcedure, walletPurpose, walletRecipient } from './settings.js';
import type { OfferRow } from './store.js';

export const denied = (reason: string) => new VciError('credential_request_denied', 'The document can no longer be issued to a wallet.', reason);

export interface CredentialInput { holder: JWK; status: StatusEntryRef; issuedAt: number; expiresAt: number }

/**
 * What an offer's credentials stand for: a vault document under a wallet consent, or a family
 * mandate (src/evidence/mandate/wallet.ts). The credential endpoint does the rest the same way
 * for both (token, nonce, key proofs, status entries, records).
 */
export interface IssuanceSource {
  /** The id the credentials' status entries are revoked by (the consent's or the mandate's). */
  basisId: string;
  /** Inside the issuing transaction, after the offer's row is taken: the end of the credentials, or a refusal. */
  expiry(trx: Knex.Transaction, now: number): Promise<number>;
  issue(input: CredentialInput): Promise<string>;
  tracker: TrackerEntry;
  logType: string;
}

export async function evidenceSource(ctx: AppContext, offer: OfferRow, configuration: CredentialConfiguration): Promise<IssuanceSource> {
  const item = await findItem(ctx.db.knex, offer.evidence_id);
  if (!offer.consent_id || !item || item.state !== 'stored' || item.evidence_type !== configuration.type.id) throw denied('the document is gone');
  const consentId = offer.consent_id;
  const content = await credentialContent(ctx, item, openItem(ctx, item));
  return {
    basisId: consentId,
    async expiry(trx, now) {
      const consent = await findConsent(trx, consentId);
      if (!consent || (await stateOfConsent(trx, consent, now)).state !== 'active') throw denied('the wallet consent ended');
      return consent.expires_at;
    },
    issue: (input) => (configuration.format === 'dc+sd-jwt' ? issueSdJwtCredential(ctx, { content, ...input }) : issueMdocCredential(ctx, { content, ...input })),
    tracker: {
      event: 'shared', actorType: 'citizen', actorId: walletRecipient, evidenceType: item.evidence_type, evidenceId: item.id, consentId,
      procedure: walletProcedure, purpose: walletPurpose, outcome: 'ok', detail: configuration.format === 'dc+sd-jwt' ? 'wallet_sd_jwt' : 'wallet_mdoc',
    },
    logType: item.evidence_type,
  };
}
