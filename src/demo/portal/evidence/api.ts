import { StatusList, type BitsPerStatus } from '@sd-jwt/jwt-status-list';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

/**
 * The portal's side of Passerelle's evidence API (docs/openapi/evidence.yaml): plain HTTP
 * with the access token of the authorization in which the citizen shared.
 */

export interface ShareMetadata {
  consent_id: string;
  status: 'active' | 'withdrawn' | 'expired' | 'erased';
  evidence_type: string;
  evidence_title?: string;
  procedure: string;
  purpose: string;
  legal_basis: string;
  given_at: string;
  expires_at: string;
  document: { media_type: string; filename: string; size: number; digest: { alg: string; value: string } };
  authority: { id: string; country: string | null; issuer: string };
  issued_at: string | null;
  valid_until: string | null;
}

/** A refusal of the API: its HTTP status and `error` code (`consent_required`, `invalid_token`, …). */
export class EvidenceApiError extends Error {
  constructor(readonly status: number, readonly code: string, description: string) {
    super(`${status} ${code}: ${description}`);
    this.name = 'EvidenceApiError';
  }
}

export interface FetchedDocument {
  bytes: Buffer;
  mediaType: string;
}

export class EvidenceApi {
  constructor(private readonly passerelleUrl: string, private readonly accessToken: string) {}

  private async get(path: string): Promise<Response> {
    const response = await fetch(`${this.passerelleUrl}/api/evidence${path}`, {
      headers: { authorization: `Bearer ${this.accessToken}` },
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    if (response.ok) return response;
    const body = await response.json().catch(() => ({})) as { error?: string; error_description?: string };
    throw new EvidenceApiError(response.status, body.error ?? 'http_error', body.error_description ?? response.statusText);
  }

  async share(consentId: string): Promise<ShareMetadata> {
    return await (await this.get(`/shares/${encodeURIComponent(consentId)}`)).json() as ShareMetadata;
  }

  async document(consentId: string): Promise<FetchedDocument> {
    const response = await this.get(`/shares/${encodeURIComponent(consentId)}/document`);
    return { bytes: Buffer.from(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }

  async credential(consentId: string): Promise<string> {
    return (await this.get(`/shares/${encodeURIComponent(consentId)}/credential`)).text();
  }

  async attestation(consentId: string): Promise<string> {
    return (await this.get(`/shares/${encodeURIComponent(consentId)}/attestation`)).text();
  }

  async data(consentId: string): Promise<Record<string, unknown>> {
    const body = await (await this.get(`/shares/${encodeURIComponent(consentId)}/data`)).json() as { data?: Record<string, unknown> };
    return body.data ?? {};
  }
}

/** The payload of a compact SD-JWT's issuer-signed JWT, read without verifying it (verification is Passerelle's /verify). */
export function sdJwtPayload(token: string): Record<string, unknown> {
  const jwt = token.split('~')[0] ?? '';
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The Token Status List value (0 valid, 1 invalid) of Passerelle's attestation, as any
 * relying party can check it without a token: the list named in the attestation's
 * `status.status_list`, its signature checked with the keys Passerelle publishes at
 * `/.well-known/jwt-vc-issuer{path}` (docs/evidence.md §4, offline verification).
 */
export async function attestationStatus(passerelleUrl: string, attestation: string): Promise<number> {
  const entry = (sdJwtPayload(attestation).status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  if (typeof entry?.idx !== 'number' || typeof entry.uri !== 'string' || !entry.uri.startsWith(`${passerelleUrl}/status-lists/`)) {
    throw new Error('the attestation names no status list of this Passerelle');
  }
  const issuer = new URL(passerelleUrl);
  const get = async (url: string) => {
    const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  };
  const metadataUrl = `${issuer.origin}/.well-known/jwt-vc-issuer${issuer.pathname.replace(/\/+$/, '')}`;
  const { jwks } = await (await get(metadataUrl)).json() as { jwks: JSONWebKeySet };
  const token = await (await get(entry.uri)).text();
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { typ: 'statuslist+jwt', subject: entry.uri, issuer: passerelleUrl });
  const list = payload.status_list as { bits: BitsPerStatus; lst: string };
  return StatusList.decompressStatusList(list.lst, list.bits).getStatus(entry.idx);
}
