import type { Response } from 'express';

const inlineTypes = new Set(['application/pdf']);

/**
 * Sends a stored document so that no browser ever runs it: the recorded media type, never
 * sniffed, never cached, and as an attachment unless it is a PDF the citizen asked to open.
 */
export function sendDocument(res: Response, document: { mediaType: string; filename: string; bytes: Buffer }, options: { inline: boolean }): void {
  const inline = options.inline && inlineTypes.has(document.mediaType);
  const filename = document.filename.replace(/[^A-Za-z0-9._-]/g, '_') || 'document';
  res.setHeader('Content-Type', /^[a-z]+\/[a-z0-9.+-]+$/i.test(document.mediaType) ? document.mediaType : 'application/octet-stream');
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${filename}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  // A document is data, never a page: no scripts, no plugins, even if a type slipped through.
  if (!inline) res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Content-Length', String(document.bytes.length));
  res.end(document.bytes);
}
