import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import { decodeJwt } from 'jose';
import type { AppContext } from '../../context.js';
import { es256Signer, issuerId, signingKey, statusListUri } from '../issuer.js';
import { denied, type CredentialInput, type IssuanceSource } from '../vci/issuance-source.js';
import { representationIntegrity, representationVct } from '../vci/representation.js';
import { walletRecipient } from '../vci/settings.js';
import type { OfferRow } from '../vci/store.js';
import type { MandateClaims } from './attestation.js';
import { findMandate, openAttestation, stateOfMandate, type MandateRow } from './records.js';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The mandate's terms as the wallet credential states them, every one selectively disclosable. */
export function representationClaims(claims: MandateClaims): Record<string, unknown> {
  return {
    representative: claims.representative, represented: claims.represented, relationship: claims.relationship,
    procedure: claims.procedure, purpose: claims.purpose, mandate_id: claims.mandate_id,
  };
}

async function issueRepresentationCredential(ctx: AppContext, mandate: MandateRow, input: CredentialInput): Promise<string> {
  const key = signingKey(ctx);
  const claims = representationClaims(decodeJwt(openAttestation(ctx, mandate).split('~')[0]!) as unknown as MandateClaims);
  const payload: SdJwtVcPayload = {
    iss: issuerId(ctx), iat: seconds(input.issuedAt), nbf: seconds(input.issuedAt),
    // The wallet copy ends with the mandate, never later.
    exp: seconds(Math.min(input.expiresAt, mandate.expires_at)),
    vct: representationVct(ctx), 'vct#integrity': representationIntegrity(ctx),
    cnf: { jwk: input.holder },
    status: { status_list: { idx: input.status.idx, uri: statusListUri(ctx, input.status.listId) } },
    ...claims,
  };
  const instance = new SDJwtVcInstance({ signer: es256Signer(key), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt });
  const frame = { _sd: Object.keys(claims) } as unknown as Parameters<SDJwtVcInstance['issue']>[1];
  return instance.issue(payload, frame, { header: { typ: 'dc+sd-jwt', kid: key.kid } });
}

/** A mandate's offer: credentials only while the mandate is in force, each ending when it ends. */
export async function mandateSource(ctx: AppContext, offer: OfferRow): Promise<IssuanceSource> {
  const mandate = offer.mandate_id ? await findMandate(ctx.db.knex, offer.mandate_id) : undefined;
  if (!mandate) throw denied('the offer is not for a mandate');
  return {
    basisId: mandate.id,
    async expiry(trx, now) {
      if ((await stateOfMandate(trx, mandate, now)).state !== 'active') throw denied('the mandate ended');
      return mandate.expires_at;
    },
    issue: (input) => issueRepresentationCredential(ctx, mandate, input),
    tracker: {
      event: 'shared', actorType: 'citizen', actorId: walletRecipient, evidenceType: mandate.evidence_type, evidenceId: mandate.evidence_id,
      consentId: mandate.id, procedure: mandate.procedure, purpose: mandate.purpose, outcome: 'ok', detail: 'wallet_representation',
    },
    logType: 'representation',
  };
}
