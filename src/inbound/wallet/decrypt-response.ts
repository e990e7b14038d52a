import { compactDecrypt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { PasserelleError } from '../../core/errors.js';

/** What a wallet's encrypted answer carries (OpenID4VP 1.0 §8.3). */
export interface WalletAnswer {
  state?: unknown;
  vp_token?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** The key id the encrypted answer names: how we find its transaction before decrypting. */
export function answerKid(jwe: string): string {
  try {
    const kid = decodeProtectedHeader(jwe).kid;
    if (typeof kid === 'string') return kid;
  } catch (error) {
    throw new PasserelleError('wallet_response_malformed', 'the response is not a JWE', { cause: error });
  }
  throw new PasserelleError('wallet_response_malformed', 'the response JWE names no kid');
}

/**
 * `direct_post.jwt`: a compact JWE, ECDH-ES key agreement on our ephemeral P-256 key and
 * A128GCM or A256GCM content encryption (HAIP); anything else is refused before decryption.
 */
export async function decryptAnswer(jwe: string, privateJwk: JWK): Promise<WalletAnswer> {
  try {
    const key = await importJWK(privateJwk, 'ECDH-ES');
    const { plaintext } = await compactDecrypt(jwe, key, { keyManagementAlgorithms: ['ECDH-ES'], contentEncryptionAlgorithms: ['A128GCM', 'A256GCM'] });
    const answer: unknown = JSON.parse(new TextDecoder().decode(plaintext));
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new Error('the payload is not a JSON object');
    return answer as WalletAnswer;
  } catch (error) {
    throw new PasserelleError('wallet_response_malformed', `the response cannot be decrypted: ${(error as Error).message}`, { cause: error });
  }
}
