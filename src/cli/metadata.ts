import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { systemClock } from '../core/clock.js';
import { buildSpMetadata } from '../inbound/saml/metadata/sp-metadata.js';
import { Keystore } from '../keys/keystore.js';
import { exitWithError } from './fatal.js';

/**
 * `npm run metadata`: prints our signed SAML SP metadata (the same document GET /saml/metadata
 * serves), e.g. to hand to a national IdP operator. Needs the keys, not the database.
 */
async function main(): Promise<void> {
  const { config } = loadConfig();
  const keystore = await Keystore.open(path.resolve(config.keys.directory), {
    generateDevelopmentKeys: config.keys.generateDevelopmentKeys,
    subject: new URL(config.publicUrl).host,
  });
  process.stdout.write(buildSpMetadata({ config, keystore, clock: systemClock }) + '\n');
}

main().catch(exitWithError);
