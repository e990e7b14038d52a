import express, { Router, type Request } from 'express';
import type { AppContext } from '../../../context.js';
import { PasserelleError } from '../../../core/errors.js';
import { assertSameOrigin } from '../../../web/csrf.js';
import { pageLanguage } from '../../../web/i18n.js';
import { verifyPresentation } from './index.js';
import { presentationPage } from './page.js';

const limit = '256kb';
const maxField = 96 * 1024;

function field(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (value.includes('\0') || value.length > maxField) throw new PasserelleError('bad_request', 'field unacceptable');
  return value.trim();
}

async function readForm(req: Request): Promise<{ presentation: string; audience: string; nonce: string; response_uri: string; document?: Buffer }> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data') || !Buffer.isBuffer(req.body)) throw new PasserelleError('bad_request', 'not a multipart form');
  let form: FormData;
  try {
    form = await new Request('http://upload.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
  } catch (error) {
    throw new PasserelleError('bad_request', 'unreadable form', { cause: error });
  }
  const file = form.get('document');
  const document = file instanceof Blob && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : undefined;
  return {
    presentation: field(form.get('presentation')), audience: field(form.get('audience')), nonce: field(form.get('nonce')),
    response_uri: field(form.get('response_uri')), ...(document ? { document } : {}),
  };
}

/** The official's page for wallet presentations; the JSON twin is POST /api/verify with `presentation`. */
export function presentationVerifyRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/verify/presentation', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(presentationPage(pageLanguage(req, res)));
  });
  router.post('/verify/presentation', express.raw({ type: 'multipart/form-data', limit }), async (req, res) => {
    assertSameOrigin(req, { publicOrigin: new URL(ctx.config.publicUrl).origin, acceptRequestHost: true });
    res.setHeader('Cache-Control', 'no-store');
    const lang = pageLanguage(req, res);
    const form = await readForm(req);
    const { document, ...entered } = form;
    if (!form.presentation || !form.audience || !form.nonce) return void res.status(400).type('html').send(presentationPage(lang, { formError: true, entered }));
    const report = await verifyPresentation(ctx, form.presentation, {
      audience: form.audience, nonce: form.nonce, lang, ...(form.response_uri ? { responseUri: form.response_uri } : {}), ...(document ? { document } : {}),
    });
    ctx.metrics.verifications.inc({ channel: 'page', outcome: report.valid ? 'valid' : 'not_valid' });
    res.type('html').send(presentationPage(lang, { report, entered }));
  });
  return router;
}
