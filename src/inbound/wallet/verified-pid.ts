import type { TrustedPidProvider } from './trusted-list.js';

/** What a checked presentation yields: its format, the PID provider its chain reached, the disclosed claims. */
export interface VerifiedPid {
  format: 'dc+sd-jwt' | 'mso_mdoc';
  provider: TrustedPidProvider;
  /** Disclosed claims by their PID rulebook name in that format. */
  claims: Record<string, unknown>;
}

/** The transaction facts every presentation is checked against. */
export interface PresentationContext {
  /** Our `x509_hash:` client id: the key-binding audience and part of the mdoc SessionTranscript. */
  clientId: string;
  nonce: string;
  responseUri: string;
  /** JWK SHA-256 thumbprint of the ephemeral key the answer was encrypted to (mdoc handover). */
  encryptionJwkThumbprint: Uint8Array;
  now: number;
  skewSeconds: number;
  keyBindingMaxAgeSeconds: number;
}
