import { PasserelleError } from '../../core/errors.js';

export interface LimitedResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * fetch with a hard timeout and a body size limit, read as a stream so a hostile peer cannot
 * make us buffer more than `maxBytes`. Redirects are refused: an authority answers itself.
 * Every failure becomes `evidence_unavailable`, with the reason kept private.
 */
export async function fetchLimited(url: string, init: RequestInit & { timeoutMs: number; maxBytes: number }): Promise<LimitedResponse> {
  const { timeoutMs, maxBytes, ...rest } = init;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { ...rest, redirect: 'error', signal });
  } catch (error) {
    throw new PasserelleError('evidence_unavailable', `request to ${originOf(url)} failed`, { cause: error });
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new PasserelleError('evidence_unavailable', `answer from ${originOf(url)} is larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        throw new PasserelleError('evidence_unavailable', `answer from ${originOf(url)} is larger than ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    if (error instanceof PasserelleError) throw error;
    throw new PasserelleError('evidence_unavailable', `reading the answer from ${originOf(url)} failed`, { cause: error });
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: Buffer.concat(chunks) };
}

export function parseJsonBody(response: LimitedResponse, what: string): unknown {
  if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(response.contentType)) {
    throw new PasserelleError('evidence_unavailable', `${what} is not JSON (${response.contentType.slice(0, 60)})`);
  }
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new PasserelleError('evidence_unavailable', `${what} is not valid JSON`, { cause: error });
  }
}

/** Only the origin goes into error details: paths may carry identifiers. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
