import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { PasserelleError } from '../../../core/errors.js';
import type { TrustedList, TrustedPidProvider } from '../trusted-list.js';
import { checkIssuerChain } from './check-issuer-chain.js';

export interface StatusReference { idx: number; uri: string }

export interface StatusCheckOptions {
  list: TrustedList;
  provider: TrustedPidProvider;
  now: number;
  allowInsecure: boolean;
  fetchImpl?: typeof fetch;
}

const timeoutMs = 5000;
const maxTokenBytes = 1024 * 1024;

/** A PID's `status.status_list` reference (Token Status List), or undefined when the PID has none. */
export function statusReference(status: unknown): StatusReference | undefined {
  if (status === undefined) return undefined;
  const list = (status as { status_list?: { idx?: unknown; uri?: unknown } } | null)?.status_list;
  if (!list || !Number.isInteger(list.idx) || (list.idx as number) < 0 || typeof list.uri !== 'string') {
    throw new PasserelleError('wallet_pid_invalid', 'the PID status reference is malformed');
  }
  return { idx: list.idx as number, uri: list.uri };
}

/**
 * Token Status List check: fetch the list token, which must be signed by a certificate chaining to
 * the same PID provider, name this URI as its subject and not be expired; then the PID's entry must
 * be 0 (valid). Any other value (revoked, suspended) refuses the login; an unreachable or
 * untrustworthy list refuses it too, as unavailable, since we cannot know.
 */
export async function checkStatus(reference: StatusReference, options: StatusCheckOptions): Promise<void> {
  const url = safeUrl(reference.uri, options.allowInsecure);
  const token = await fetchToken(url, options.fetchImpl ?? fetch);
  let status: number;
  try {
    const header = decodeProtectedHeader(token);
    if (header.typ !== 'statuslist+jwt') throw new Error(`typ ${String(header.typ)}`);
    const { provider, leaf } = checkIssuerChain(options.list, header.x5c, options.now);
    if (provider !== options.provider) throw new Error('the status list is signed for another PID provider');
    await compactVerify(token, leaf.publicKey, { algorithms: ['ES256', 'ES384', 'ES512'] });
    const claims = decodeJwt(token);
    if (claims.sub !== reference.uri) throw new Error('the status list names another URI');
    if (typeof claims.exp === 'number' && claims.exp * 1000 < options.now) throw new Error('the status list has expired');
    status = getListFromStatusListJWT(token).getStatus(reference.idx);
  } catch (error) {
    throw new PasserelleError('wallet_status_unavailable', `status list unusable: ${(error as Error).message}`, { cause: error });
  }
  if (status !== 0) throw new PasserelleError('wallet_credential_revoked', `status list entry is ${status}`);
}

function safeUrl(uri: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (error) {
    throw new PasserelleError('wallet_pid_invalid', 'the status list URI is not a URL', { cause: error });
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && allowInsecure)) return url;
  throw new PasserelleError('wallet_status_unavailable', `status list scheme ${url.protocol} is not allowed`);
}

async function fetchToken(url: URL, fetchImpl: typeof fetch): Promise<string> {
  try {
    const response = await fetchImpl(url, { headers: { accept: 'application/statuslist+jwt' }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.text();
    if (body.length > maxTokenBytes) throw new Error('status list too large');
    return body.trim();
  } catch (error) {
    throw new PasserelleError('wallet_status_unavailable', `status list fetch failed: ${(error as Error).message}`, { cause: error });
  }
}

