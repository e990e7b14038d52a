import type { KeyObject } from 'node:crypto';

/** What a key is for. Keys are never shared between purposes. */
export const keyPurposes = ['saml-signing', 'saml-encryption', 'oidc-signing', 'evidence-signing', 'vault-wrapping'] as const;
export type KeyPurpose = (typeof keyPurposes)[number];

export type KeyType = 'RSA' | 'EC' | 'oct';

/**
 * The life of a key: next → active → published → retired.
 * next: staged; published (JWKS, SP metadata) and able to decrypt, but never used to sign,
 *   encrypt or wrap, so every instance and every peer can know it before it is first used.
 * active: used for new signatures / encryption, and published.
 * published: no longer used for new operations, still published (rollover) and usable to decrypt.
 * retired: not published; kept only so that data encrypted to it can still be decrypted.
 */
export const keyStatuses = ['next', 'active', 'published', 'retired'] as const;
export type KeyStatus = (typeof keyStatuses)[number];

export interface KeyringEntry {
  kid: string;
  purpose: KeyPurpose;
  type: KeyType;
  status: KeyStatus;
  createdAt: string;
  development: boolean;
  /** File names relative to the key directory. */
  privateKeyFile: string;
  certificateFile?: string;
}

export interface KeyEntry extends Omit<KeyringEntry, 'privateKeyFile' | 'certificateFile'> {
  /** Asymmetric keys. */
  privateKey?: KeyObject;
  publicKey?: KeyObject;
  /** PEM of the self-signed X.509 certificate (asymmetric keys). */
  certificatePem?: string;
  /** Base64 DER of the certificate, as it goes into SAML metadata. */
  certificateBase64?: string;
  /** Symmetric keys (vault wrapping). */
  secret?: Buffer;
}

/** Which key types each purpose carries. The first is the default one to use. */
export const purposeKeyTypes: Record<KeyPurpose, readonly KeyType[]> = {
  'saml-signing': ['RSA', 'EC'],
  'saml-encryption': ['RSA', 'EC'],
  'oidc-signing': ['RSA', 'EC'],
  'evidence-signing': ['EC'],
  'vault-wrapping': ['oct'],
};

export const minimumRsaBits = 3072;
