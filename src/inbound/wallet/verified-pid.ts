import type { TrustedPidProvider } from './trusted-list.js';

/** What a checked presentation yields: its format, the PID provider its chain reached, the disclosed claims. */
export interface VerifiedPid {
  format: 'dc+sd-jwt' | 'mso_mdoc';
  provider: TrustedPidProvider;
  /** Disclosed claims by their PID rulebook name in that format. */
  claims: Record<string, unknown>;
}

/**
 * How the answer came back, which fixes what the holder's proof is bound to (OpenID4VP 1.0 B.2.6,
 * B.3.6, A.4): posted to our response URI, the key-binding `aud` is our `x509_hash:` client id and
 * the mdoc handover holds client id and response URI; through the browser's Digital Credentials
 * API, both name the origin the browser saw, which must be Passerelle's own.
 */
export type Handover =
  | { kind: 'redirect'; clientId: string; responseUri: string }
  | { kind: 'dc_api'; origin: string };

/**
 * The key-binding audiences a proof may carry. Over the DC API: `origin:` and the origin (even for
 * a signed request); the spec's own examples end the origin with a slash, RFC 6454 does not, so
 * both spellings of our one origin are taken.
 */
export function expectedAudiences(handover: Handover): string[] {
  return handover.kind === 'redirect' ? [handover.clientId] : [`origin:${handover.origin}`, `origin:${handover.origin}/`];
}

/** The transaction facts every presentation is checked against. */
export interface PresentationContext {
  handover: Handover;
  nonce: string;
  /** JWK SHA-256 thumbprint of the ephemeral key the answer was encrypted to (mdoc handover). */
  encryptionJwkThumbprint: Uint8Array;
  now: number;
  skewSeconds: number;
  keyBindingMaxAgeSeconds: number;
}
