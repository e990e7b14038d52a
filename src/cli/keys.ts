import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { keyPurposes, type KeyPurpose, type KeyType } from '../keys/key-types.js';
import { generateMissing, promote, readRing, retire, rotate } from '../keys/rotation.js';
import { exitWithError } from './fatal.js';

const usage = `usage: npm run keys -- <command> [options]
  list                          show every key, its purpose, type and status
  generate [--development]      create the keys that are missing (production keys unless --development)
  rotate <purpose> [--type RSA|EC]
                                stage a next key: published (JWKS, SP metadata), not used yet
  promote <purpose> [--type RSA|EC]
                                make the staged next key active; the old one stays published
  retire <kid>                  stop publishing a rotated-out key (it can still decrypt old data)
Running instances pick up each change within keys.reloadIntervalSeconds (or at once on SIGHUP);
see docs/operations.md for the zero-downtime procedure.
options: --dir <directory> (default: keys.directory of PASSERELLE_CONFIG, else ./keys)
purposes: ${keyPurposes.join(', ')}`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string' }, type: { type: 'string' }, development: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const [command, argument] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage + '\n');
    return;
  }
  const directory = path.resolve(values.dir ?? keysDirectoryFromConfig());
  const subject = process.env.PASSERELLE_KEY_SUBJECT ?? 'Passerelle';
  switch (command) {
    case 'list': {
      for (const k of readRing(directory)) {
        process.stdout.write(`${k.status.padEnd(9)} ${k.purpose.padEnd(16)} ${k.type.padEnd(3)} ${k.kid}${k.development ? '  (development)' : ''}\n`);
      }
      // The same fingerprint every instance logs with "keyring reloaded": equal means that instance has this keyring.
      const file = path.join(directory, 'keyring.json');
      if (existsSync(file)) process.stdout.write(`keyring fingerprint: ${createHash('sha256').update(readFileSync(file)).digest('hex')}\n`);
      return;
    }
    case 'generate': {
      const added = await generateMissing(directory, subject, Boolean(values.development));
      process.stdout.write(added.length ? `generated: ${added.join(', ')}\n` : 'all keys present\n');
      return;
    }
    case 'rotate': {
      if (!argument) throw new Error(usage);
      const added = await rotate(directory, argument as KeyPurpose, values.type as KeyType | undefined, subject);
      process.stdout.write(`staged as next: ${added.kid}\nit is published from the next keyring reload on; promote it once every peer has fetched it\n`);
      return;
    }
    case 'promote': {
      if (!argument) throw new Error(usage);
      const { promoted, replaced } = promote(directory, argument as KeyPurpose, values.type as KeyType | undefined);
      process.stdout.write(`active now: ${promoted.kid}\n${replaced.map((e) => `still published: ${e.kid}\n`).join('')}`);
      return;
    }
    case 'retire': {
      if (!argument) throw new Error(usage);
      process.stdout.write(`retired: ${retire(directory, argument).kid}\n`);
      return;
    }
    default:
      throw new Error(usage);
  }
}

function keysDirectoryFromConfig(): string {
  if (!process.env.PASSERELLE_CONFIG) return 'keys';
  return loadConfig().config.keys.directory;
}

main().catch(exitWithError);
