import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../core/errors.js';
import { keyPurposes, purposeKeyTypes, type KeyPurpose, type KeyringEntry, type KeyType } from './key-types.js';
import { addKey, addMissingKeys, writeKeyring } from './keystore.js';

/**
 * Key lifecycle on the keyring file: generate what is missing, rotate (new key becomes
 * active, the old one stays published so verifiers and senders can follow), retire.
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

export async function rotate(directory: string, purpose: KeyPurpose, type: KeyType | undefined, subject: string): Promise<KeyringEntry> {
  if (!keyPurposes.includes(purpose)) throw new PasserelleError('config_invalid', `unknown key purpose ${purpose}`);
  const chosenType = type ?? purposeKeyTypes[purpose][0]!;
  if (!purposeKeyTypes[purpose].includes(chosenType)) throw new PasserelleError('config_invalid', `${purpose} keys cannot be ${chosenType}`);
  const ring = readRing(directory);
  const previous = ring.filter((e) => e.purpose === purpose && e.type === chosenType && e.status === 'active');
  const development = previous.some((e) => e.development) && process.env.NODE_ENV !== 'production';
  const added = await addKey(directory, ring, purpose, chosenType, subject, development);
  for (const entry of previous) entry.status = 'published';
  writeKeyring(directory, ring);
  return added;
}

export function retire(directory: string, kid: string): KeyringEntry {
  const ring = readRing(directory);
  const entry = ring.find((e) => e.kid === kid);
  if (!entry) throw new PasserelleError('key_missing', `no key ${kid} in ${directory}`);
  if (entry.status === 'active') throw new PasserelleError('config_invalid', `${kid} is active: rotate first, then retire the old key`);
  entry.status = 'retired';
  writeKeyring(directory, ring);
  return entry;
}
