import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { PasserelleError } from '../core/errors.js';
import { readKeyFile, readRequiredKeyFile } from './read-key-file.js';
import { generateKey } from './generate.js';
import {
  keyPurposes, keyStatuses, minimumRsaBits, purposeKeyTypes,
  type KeyEntry, type KeyPurpose, type KeyringEntry, type KeyStatus, type KeyType,
} from './key-types.js';

const keyringFile = 'keyring.json';

export interface KeystoreLogger { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }

/** What a keystore reports when it picks up a changed keyring. */
export interface KeyringChange { fingerprint: string; previous: string }

/**
 * All of Passerelle's own keys. The keyring file lists each key, its purpose and status;
 * key material sits beside it in PEM files with mode 0600. `reload` picks up a changed
 * keyring without a restart: the keyring file's fingerprint decides whether anything is loaded,
 * and a keyring that does not load whole (a missing file, no active key) leaves the keys
 * in use unchanged.
 */
export class Keystore {
  private readonly listeners: Array<(change: KeyringChange) => void> = [];

  private constructor(readonly directory: string, private entries: KeyEntry[], private ringFingerprint: string) {}

  static async open(directory: string, options: { generateDevelopmentKeys: boolean; logger?: KeystoreLogger; subject?: string }): Promise<Keystore> {
    const ring = readKeyring(directory);
    if (options.generateDevelopmentKeys) {
      const added = await addMissingKeys(directory, ring, options.subject ?? 'Passerelle development key', true);
      if (added.length > 0) {
        writeKeyring(directory, ring);
        options.logger?.warn({ keys: added }, 'generated DEVELOPMENT keys; never use them in production');
      }
    }
    const store = new Keystore(directory, loadEntries(directory, ring), fingerprintOf(readKeyringText(directory)));
    if (store.isDevelopment) options.logger?.warn({ directory }, 'running with DEVELOPMENT keys');
    return store;
  }

  /** SHA-256 of the keyring file (names and statuses only, no key material): equal on instances that agree. */
  get fingerprint(): string {
    return this.ringFingerprint;
  }

  /** Called after a reload changed the keys (caches of published keys listen). */
  onChange(listener: (change: KeyringChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Loads the keyring again if its file changed since the last look. Returns the change, or
   * undefined when nothing changed; throws (keeping the current keys) when the new keyring
   * cannot be used.
   */
  async reload(): Promise<KeyringChange | undefined> {
    const text = readKeyringText(this.directory);
    const fingerprint = fingerprintOf(text);
    if (fingerprint === this.ringFingerprint) return undefined;
    this.entries = loadEntries(this.directory, parseKeyring(this.directory, text));
    const change = { fingerprint, previous: this.ringFingerprint };
    this.ringFingerprint = fingerprint;
    for (const listener of this.listeners) listener(change);
    return change;
  }

  get isDevelopment(): boolean {
    return this.entries.some((e) => e.development && e.status !== 'retired');
  }

  /** The key to use now for `purpose`; `type` picks RSA or EC where a purpose has both. */
  active(purpose: KeyPurpose, type?: KeyType): KeyEntry {
    const wanted = type ?? purposeKeyTypes[purpose][0];
    const found = this.entries.filter((e) => e.purpose === purpose && e.type === wanted && e.status === 'active')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (!found) throw new PasserelleError('key_missing', `no active ${wanted} key for ${purpose}`);
    return found;
  }

  /**
   * Keys that others may use to verify or encrypt to: active ones first (a peer that takes
   * the first key takes the one in use), then staged `next` keys, then rotated-out ones.
   */
  published(purpose: KeyPurpose): KeyEntry[] {
    return this.entries.filter((e) => e.purpose === purpose && e.status !== 'retired')
      .sort((a, b) => publicationRank[a.status] - publicationRank[b.status] || b.createdAt.localeCompare(a.createdAt));
  }

  /** Every key of a purpose that may still decrypt or unwrap, retired ones included. */
  decryptionKeys(purpose: KeyPurpose): KeyEntry[] {
    return this.entries.filter((e) => e.purpose === purpose);
  }

  byKid(kid: string): KeyEntry | undefined {
    return this.entries.find((e) => e.kid === kid);
  }

  /** Public JWKS of a purpose, for discovery documents and verifiers. */
  publicJwks(purpose: KeyPurpose): { keys: JWK[] } {
    return { keys: this.published(purpose).filter((e) => e.publicKey).map((e) => publicJwk(e)) };
  }

  list(): ReadonlyArray<Omit<KeyEntry, 'privateKey' | 'secret'>> {
    return this.entries.map(({ privateKey: _p, secret: _s, ...rest }) => rest);
  }
}

const publicationRank: Record<KeyStatus, number> = { active: 0, next: 1, published: 2, retired: 3 };

/** SHA-256 of the keyring file as read (a few kilobytes: reading it at every look costs nothing worth saving). */
function fingerprintOf(text: string | undefined): string {
  return createHash('sha256').update(text ?? '').digest('hex');
}

/** Every key of the ring, loaded and checked; refuses a ring without an active key for each purpose. */
function loadEntries(directory: string, ring: KeyringEntry[]): KeyEntry[] {
  const entries = ring.map((entry) => loadEntry(directory, entry));
  for (const entry of entries) {
    if (!keyStatuses.includes(entry.status)) throw new PasserelleError('key_missing', `key ${entry.kid} has unknown status ${String(entry.status)}`);
  }
  for (const purpose of keyPurposes) {
    if (!entries.some((e) => e.purpose === purpose && e.status === 'active')) {
      throw new PasserelleError('key_missing', `no active ${purpose} key in ${directory} (run: npm run keys -- generate)`);
    }
  }
  return entries;
}

export function publicJwk(entry: KeyEntry): JWK {
  const jwk = entry.publicKey!.export({ format: 'jwk' }) as JWK;
  const use = entry.purpose.endsWith('encryption') ? 'enc' : 'sig';
  const alg = entry.purpose === 'saml-encryption' ? undefined : entry.type === 'RSA' ? 'RS256' : 'ES256';
  return { ...jwk, kid: entry.kid, use, ...(alg ? { alg } : {}) };
}

function readKeyring(directory: string): KeyringEntry[] {
  return parseKeyring(directory, readKeyringText(directory));
}

/** Only a keyring that does not exist yet is absent; an unreadable one is an error of its own. */
function readKeyringText(directory: string): string | undefined {
  return readKeyFile(path.join(directory, keyringFile), 'keyring', { absentIsEmpty: true });
}

function parseKeyring(directory: string, text: string | undefined): KeyringEntry[] {
  const file = path.join(directory, keyringFile);
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as { keys?: KeyringEntry[] };
    return Array.isArray(parsed.keys) ? parsed.keys : [];
  } catch {
    throw new PasserelleError('key_missing', `keyring ${file} is corrupt: not valid JSON`);
  }
}

export function writeKeyring(directory: string, ring: KeyringEntry[]): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const file = path.join(directory, keyringFile);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify({ keys: ring }, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

export function writeSecretFile(file: string, contents: string): void {
  writeFileSync(file, contents, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Adds a key for every purpose/type that has no active one. Returns the new kids. */
export async function addMissingKeys(directory: string, ring: KeyringEntry[], subject: string, development: boolean): Promise<string[]> {
  const added: string[] = [];
  for (const purpose of keyPurposes) {
    for (const type of purposeKeyTypes[purpose]) {
      if (ring.some((e) => e.purpose === purpose && e.type === type && e.status === 'active')) continue;
      added.push((await addKey(directory, ring, purpose, type, subject, development)).kid);
    }
  }
  return added;
}

export async function addKey(
  directory: string, ring: KeyringEntry[], purpose: KeyPurpose, type: KeyType, subject: string, development: boolean, status: KeyStatus = 'active',
): Promise<KeyringEntry> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const generated = await generateKey(purpose, type, `${subject} (${purpose})`);
  const entry: KeyringEntry = {
    kid: generated.kid, purpose, type, status, createdAt: new Date().toISOString(), development,
    privateKeyFile: `${generated.kid}.key.pem`,
    ...(generated.certificatePem ? { certificateFile: `${generated.kid}.crt.pem` } : {}),
  };
  writeSecretFile(path.join(directory, entry.privateKeyFile), generated.privateKeyPem);
  if (generated.certificatePem && entry.certificateFile) {
    writeFileSync(path.join(directory, entry.certificateFile), generated.certificatePem, { mode: 0o644 });
  }
  ring.push(entry);
  return entry;
}

function loadEntry(directory: string, entry: KeyringEntry): KeyEntry {
  const keyPath = path.resolve(directory, entry.privateKeyFile);
  const base = { kid: entry.kid, purpose: entry.purpose, type: entry.type, status: entry.status, createdAt: entry.createdAt, development: entry.development };
  const text = readRequiredKeyFile(keyPath, 'key file', entry.kid);
  if (entry.type === 'oct') {
    const secret = Buffer.from(text.trim(), 'base64');
    if (secret.length !== 32) throw new PasserelleError('key_missing', `key file ${keyPath} is corrupt: it must hold 32 random bytes in base64`);
    return { ...base, secret };
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(text);
  } catch {
    throw new PasserelleError('key_missing', `key file ${keyPath} is corrupt: not a PEM private key`);
  }
  checkStrength(privateKey, entry, keyPath);
  const publicKey = createPublicKey(privateKey);
  const result: KeyEntry = { ...base, privateKey, publicKey };
  if (entry.certificateFile) {
    const certPath = path.resolve(directory, entry.certificateFile);
    const pem = readRequiredKeyFile(certPath, 'certificate file', entry.kid);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch (error) {
      throw new PasserelleError('key_missing', `certificate file ${certPath} is corrupt: not a PEM certificate`, { cause: error });
    }
    if (!certificate.publicKey.equals(publicKey)) throw new PasserelleError('key_missing', `certificate ${certPath} does not belong to key ${entry.kid}`);
    result.certificatePem = certificate.toString();
    result.certificateBase64 = certificate.raw.toString('base64');
  }
  return result;
}

function checkStrength(key: ReturnType<typeof createPrivateKey>, entry: KeyringEntry, file: string): void {
  const details = key.asymmetricKeyDetails;
  if (entry.type === 'RSA') {
    if (key.asymmetricKeyType !== 'rsa' || (details?.modulusLength ?? 0) < minimumRsaBits) {
      throw new PasserelleError('key_missing', `key file ${file} must be an RSA key of at least ${minimumRsaBits} bits`);
    }
  } else if (key.asymmetricKeyType !== 'ec' || !['prime256v1', 'secp384r1', 'secp521r1'].includes(details?.namedCurve ?? '')) {
    throw new PasserelleError('key_missing', `key file ${file} must be an EC key on P-256, P-384 or P-521`);
  }
}
