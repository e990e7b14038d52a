import express, { Router, type Request } from 'express';
import type { AppContext } from '../../context.js';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import { assertSameOrigin } from '../../web/csrf.js';
import { pageLanguage } from '../../web/i18n.js';
import type { AuthorityPort } from '../ports.js';
import { verifyPage } from './page.js';
import { verifyEvidence, type VerificationInput } from './verify-evidence.js';
import { verifyPresentation } from './presentation/index.js';

const limit = '256kb';
const maxTokenLength = 64 * 1024;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed.includes('\0')) throw new PasserelleError('bad_request', 'NUL byte in a field');
  if (trimmed.length > maxTokenLength) throw new PasserelleError('payload_too_large');
  return trimmed === '' ? undefined : trimmed;
}

/** The upload form is multipart; parse it with the platform's own FormData parser. */
async function formInput(req: Request): Promise<VerificationInput> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data') || !Buffer.isBuffer(req.body)) return fromFields(req.body as Record<string, unknown> | undefined);
  let form: FormData;
  try {
    form = await new Request('http://upload.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
  } catch (error) {
    throw new PasserelleError('bad_request', 'unreadable form', { cause: error });
  }
  const file = form.get('document');
  const bytes = file instanceof Blob && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : undefined;
  return { ...fromFields({ attestation: form.get('attestation'), credential: form.get('credential') }), ...(bytes ? { document: bytes } : {}) };
}

function fromFields(body: Record<string, unknown> | undefined): VerificationInput {
  const attestation = text(body?.attestation);
  const credential = text(body?.credential);
  return { ...(attestation ? { attestation } : {}), ...(credential ? { credential } : {}) };
}

/** Every verification is counted by channel and outcome (passerelle_evidence_verifications_total). */
function counted<R extends { valid: boolean }>(ctx: AppContext, channel: 'page' | 'api', report: R): R {
  ctx.metrics.verifications.inc({ channel, outcome: report.valid ? 'valid' : 'not_valid' });
  return report;
}

/** Officials' verification: the page `/verify` and the JSON API `POST /api/verify`. */
export function verifyRouter(ctx: AppContext, authorities: AuthorityPort): Router {
  const router = Router();
  router.get('/verify', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const lang = pageLanguage(req, res);
    const share = typeof req.query.share === 'string' ? req.query.share.trim().slice(0, 100) : undefined;
    if (!share) return void res.type('html').send(verifyPage(ctx, lang));
    try {
      res.type('html').send(verifyPage(ctx, lang, { report: counted(ctx, 'page', await verifyEvidence(ctx, authorities, { shareId: share })), share }));
    } catch (error) {
      if (!isPasserelleError(error) || error.code !== 'not_found') throw error;
      // A clear result for a share id Passerelle does not know (mistyped, or never issued here).
      res.status(404).type('html').send(verifyPage(ctx, lang, { unknownShare: share, share }));
    }
  });

  router.post('/verify', express.raw({ type: 'multipart/form-data', limit }), express.urlencoded({ extended: false, limit }), async (req, res) => {
    assertSameOrigin(req, { publicOrigin: new URL(ctx.config.publicUrl).origin, acceptRequestHost: true });
    res.setHeader('Cache-Control', 'no-store');
    const lang = pageLanguage(req, res);
    let input: VerificationInput;
    try {
      input = await formInput(req);
    } catch (error) {
      if (!isPasserelleError(error) || (error.code !== 'bad_request' && error.code !== 'payload_too_large')) throw error;
      return void res.status(error.status).type('html').send(verifyPage(ctx, lang, { formError: error.code === 'payload_too_large' ? 'tooLarge' : 'unreadable' }));
    }
    const entered = { attestation: input.attestation ?? '', credential: input.credential ?? '' };
    if (!input.attestation && !input.credential && !input.document) {
      return void res.status(400).type('html').send(verifyPage(ctx, lang, { formError: 'empty', entered }));
    }
    res.type('html').send(verifyPage(ctx, lang, { report: counted(ctx, 'page', await verifyEvidence(ctx, authorities, input)), entered }));
  });

  router.post('/api/verify', express.json({ limit }), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.presentation !== undefined) {
      // A wallet's presentation of a Passerelle credential: the verifier says what it asked for.
      const presentation = text(body.presentation);
      const audience = text(body.audience);
      const nonce = text(body.nonce);
      if (!presentation || !audience || !nonce) throw new PasserelleError('bad_request', 'presentation, audience and nonce are required');
      const responseUri = text(body.response_uri);
      const document = typeof body.document === 'string' && /^[A-Za-z0-9+/_-]+={0,2}$/.test(body.document) ? Buffer.from(body.document, body.document.includes('-') || body.document.includes('_') ? 'base64url' : 'base64') : undefined;
      const credential = text(body.credential);
      const report = await verifyPresentation(ctx, presentation, {
        audience, nonce, lang: pageLanguage(req, res), ...(responseUri ? { responseUri } : {}), ...(document ? { document } : {}), ...(credential ? { credential } : {}),
      });
      return void res.json(counted(ctx, 'api', report));
    }
    const document = typeof body.document === 'string' && body.document.trim() !== '' ? body.document.trim() : undefined;
    const share = text(body.share);
    if (document !== undefined && !/^[A-Za-z0-9+/_-]+={0,2}$/.test(document)) throw new PasserelleError('bad_request', 'document is not base64');
    const input: VerificationInput = {
      ...fromFields(body),
      ...(document ? { document: Buffer.from(document, document.includes('-') || document.includes('_') ? 'base64url' : 'base64') } : {}),
      ...(share ? { shareId: share } : {}),
    };
    if (!input.attestation && !input.credential && !input.document && !input.shareId) throw new PasserelleError('bad_request', 'nothing to verify');
    res.json(counted(ctx, 'api', await verifyEvidence(ctx, authorities, input)));
  });
  return router;
}
