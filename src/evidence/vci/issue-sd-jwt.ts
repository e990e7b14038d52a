import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import type { JWK } from 'jose';
import type { AppContext } from '../../context.js';
import { es256Signer, issuerId, signingKey, statusListUri } from '../issuer.js';
import type { StatusEntryRef } from '../status/lists.js';
import { walletVct } from './configurations.js';
import { disclosable, type CredentialContent } from './credential-content.js';
import { typeMetadataIntegrity } from './type-metadata.js';

/**
 * One SD-JWT VC (`typ: dc+sd-jwt`) bound to one holder key (`cnf.jwk`), signed with the active
 * evidence-signing key (`kid` in the header, found at /.well-known/jwt-vc-issuer). Every claim
 * of the content is a top-level selectively disclosable claim.
 */
export async function issueSdJwtCredential(ctx: AppContext, input: {
  content: CredentialContent; holder: JWK; status: StatusEntryRef; issuedAt: number; expiresAt: number;
}): Promise<string> {
  const key = signingKey(ctx);
  const instance = new SDJwtVcInstance({ signer: es256Signer(key), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt });
  const claims = disclosable(input.content);
  const payload: SdJwtVcPayload = {
    iss: issuerId(ctx),
    iat: Math.floor(input.issuedAt / 1000),
    nbf: Math.floor(input.issuedAt / 1000),
    exp: Math.floor(input.expiresAt / 1000),
    vct: walletVct(ctx, input.content.evidenceType),
    'vct#integrity': typeMetadataIntegrity(ctx, input.content.evidenceType),
    cnf: { jwk: input.holder },
    status: { status_list: { idx: input.status.idx, uri: statusListUri(ctx, input.status.listId) } },
    ...claims,
  };
  const frame = { _sd: Object.keys(claims) } as unknown as Parameters<SDJwtVcInstance['issue']>[1];
  return instance.issue(payload, frame, { header: { typ: 'dc+sd-jwt', kid: key.kid } });
}
