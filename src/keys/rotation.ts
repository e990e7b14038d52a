import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../core/errors.js';
import { keyPurposes, purposeKeyTypes, type KeyPurpose, type KeyringEntry, type KeyType } from './key-types.js';
import { addKey, addMissingKeys, writeKeyring } from './keystore.js';

/**
 * Key lifecycle on the keyring file: generate what is missing; rotate in two steps so that
 * no instance and no peer ever meets a signature by a key it has not been shown:
 * `rotate` stages a `next` key (published, unused), `promote` makes it active and leaves
 * the previous one published; `retire` stops publishing a key. Each step writes the
 * keyring once, atomically, after the key files it names.
 */
export function readRing(directory: string): KeyringEntry[] {
  const file = path.join(directory, 'keyring.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { keys: KeyringEntry[] }).keys;
}

export async function generateMissing(directory: string, subject: string, development: boolean): Promise<string[]> {
  const ring = readRing(directory);
  const added = await addMissingKeys(directory, ring, subject, development);
  writeKeyring(directory, ring);
  return added;
}

function chosenType(purpose: KeyPurpose, type: KeyType | undefined): KeyType {
  if (!keyPurposes.includes(purpose)) throw new PasserelleError('config_invalid', `unknown key purpose ${purpose}`);
  const chosen = type ?? purposeKeyTypes[purpose][0]!;
  if (!purposeKeyTypes[purpose].includes(chosen)) throw new PasserelleError('config_invalid', `${purpose} keys cannot be ${chosen}`);
  return chosen;
}

/** Stages a new `next` key: published from the next keyring reload on, used by nobody until promoted. */
export async function rotate(directory: string, purpose: KeyPurpose, type: KeyType | undefined, subject: string): Promise<KeyringEntry> {
  const keyType = chosenType(purpose, type);
  const ring = readRing(directory);
  const staged = ring.find((e) => e.purpose === purpose && e.type === keyType && e.status === 'next');
  if (staged) throw new PasserelleError('config_invalid', `${staged.kid} is already staged as next ${purpose} ${keyType} key: promote it, or retire it to start again`);
  const current = ring.filter((e) => e.purpose === purpose && e.type === keyType && e.status === 'active');
  const development = current.some((e) => e.development) && process.env.NODE_ENV !== 'production';
  const added = await addKey(directory, ring, purpose, keyType, subject, development, 'next');
  writeKeyring(directory, ring);
  return added;
}

/**
 * Makes the staged `next` key of a purpose (and type) active; the key it replaces stays
 * published so signatures it made still verify and data encrypted to it still decrypts.
 */
export function promote(directory: string, purpose: KeyPurpose, type: KeyType | undefined): { promoted: KeyringEntry; replaced: KeyringEntry[] } {
  const keyType = chosenType(purpose, type);
  const ring = readRing(directory);
  const staged = ring.find((e) => e.purpose === purpose && e.type === keyType && e.status === 'next');
  if (!staged) throw new PasserelleError('config_invalid', `no next ${purpose} ${keyType} key is staged (run: npm run keys -- rotate ${purpose} --type ${keyType})`);
  const replaced = ring.filter((e) => e.purpose === purpose && e.type === keyType && e.status === 'active');
  for (const entry of replaced) entry.status = 'published';
  staged.status = 'active';
  writeKeyring(directory, ring);
  return { promoted: staged, replaced };
}

export function retire(directory: string, kid: string): KeyringEntry {
  const ring = readRing(directory);
  const entry = ring.find((e) => e.kid === kid);
  if (!entry) throw new PasserelleError('key_missing', `no key ${kid} in ${directory}`);
  if (entry.status === 'active') throw new PasserelleError('config_invalid', `${kid} is active: rotate and promote first, then retire the old key`);
  entry.status = 'retired';
  writeKeyring(directory, ring);
  return entry;
}
