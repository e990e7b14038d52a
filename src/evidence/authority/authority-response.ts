import { z } from 'zod';
import { PasserelleError, type ErrorCode } from '../../core/errors.js';
import { parseJsonBody, type LimitedResponse } from './http.js';
import { maxDocumentBytes, type AuthorityErrorCode } from './protocol.js';

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
const safeFilename = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const successSchema = z.object({
  document: z.object({
    media_type: z.literal('application/pdf'),
    filename: z.string().regex(safeFilename),
    content: z.string().min(1).max(Math.ceil(maxDocumentBytes / 3) * 4).regex(base64),
  }),
  credential: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  issued_at: z.number().int().positive(),
  valid_until: z.number().int().positive(),
});
export type AuthoritySuccess = z.infer<typeof successSchema>;

const errorSchema = z.object({ error: z.string().max(100), error_description: z.string().max(1000).optional() });

/** Authority error codes the citizen can act on; anything else means the fetch is broken. */
const errorMapping: Partial<Record<AuthorityErrorCode, ErrorCode>> = {
  no_record: 'evidence_no_record',
  identity_mismatch: 'evidence_identity_mismatch',
  loa_too_low: 'evidence_loa_too_low',
};

/** A 200 answer, schema-checked; the PDF decoded and sniffed. */
export function readSuccess(response: LimitedResponse): { body: AuthoritySuccess; documentBytes: Buffer } {
  const parsed = successSchema.safeParse(parseJsonBody(response, 'the authority\'s answer'));
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new PasserelleError('evidence_unavailable', `the authority's answer is malformed at ${path}`);
  }
  const documentBytes = Buffer.from(parsed.data.document.content, 'base64');
  if (documentBytes.length === 0 || documentBytes.length > maxDocumentBytes) {
    throw new PasserelleError('evidence_unavailable', 'the document is empty or too large');
  }
  if (!documentBytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    throw new PasserelleError('evidence_unavailable', 'the document is not a PDF');
  }
  return { body: parsed.data, documentBytes };
}

/** Maps an authority's refusal to our error codes; 5xx, unknown codes and non-JSON become evidence_unavailable. */
export function errorFromResponse(response: LimitedResponse): PasserelleError {
  if (response.status >= 500 || response.status < 400) {
    return new PasserelleError('evidence_unavailable', `the authority answered HTTP ${response.status}`);
  }
  let body: z.infer<typeof errorSchema> | undefined;
  try {
    body = errorSchema.safeParse(parseJsonBody(response, 'the authority\'s error')).data;
  } catch {
    body = undefined;
  }
  const mapped = body ? errorMapping[body.error as AuthorityErrorCode] : undefined;
  if (mapped) return new PasserelleError(mapped, `the authority refused: ${body!.error}`);
  return new PasserelleError('evidence_unavailable', `the authority refused with HTTP ${response.status} ${body?.error ?? '(no error code)'}`);
}
