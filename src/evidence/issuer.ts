import { sign } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { KeyEntry } from '../keys/key-types.js';

/**
 * Passerelle as an issuer of evidence attestations and status lists: its identifier is the
 * public URL, its keys are the `evidence-signing` keys, published at the SD-JWT VC issuer
 * metadata location (`/.well-known/jwt-vc-issuer` + the public URL's path).
 */
export const attestationVct = 'urn:passerelle:evidence-sharing:1';

export function issuerId(ctx: AppContext): string {
  return ctx.config.publicUrl;
}

export function statusListUri(ctx: AppContext, listId: string): string {
  return `${ctx.config.publicUrl}/status-lists/${listId}`;
}

/** Where SD-JWT VC verifiers look up the issuer's keys (draft-ietf-oauth-sd-jwt-vc §5). */
export function issuerMetadataPath(ctx: AppContext): string {
  const issuerPath = new URL(ctx.config.publicUrl).pathname.replace(/\/+$/, '');
  return `/.well-known/jwt-vc-issuer${issuerPath}`;
}

export function signingKey(ctx: AppContext): KeyEntry {
  return ctx.keystore.active('evidence-signing', 'EC');
}

/** ES256 signature in JOSE form (r || s, base64url), as the @sd-jwt Signer contract wants. */
export function es256Signer(key: KeyEntry): (data: string) => string {
  return (data) => sign('sha256', Buffer.from(data, 'utf8'), { key: key.privateKey!, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}
