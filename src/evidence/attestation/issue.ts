import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { AppContext } from '../../context.js';
import { es256Signer, signingKey } from '../issuer.js';
import type { AttestationClaims } from './claims.js';

/** Signs the attestation with the active `evidence-signing` key (ES256, `kid` in the header). */
export async function issueAttestation(ctx: AppContext, claims: AttestationClaims): Promise<string> {
  const key = signingKey(ctx);
  const sdjwt = new SDJwtVcInstance({
    signer: es256Signer(key),
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });
  return sdjwt.issue({ ...claims }, undefined, { header: { kid: key.kid } });
}
