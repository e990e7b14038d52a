import path from 'node:path';
import { pino } from 'pino';
import { exitWithError } from '../cli/fatal.js';
import { loadConfig } from '../config/load.js';
import { prettyDestination } from './pretty-log.js';
import { startDemo } from './stack.js';

/**
 * `npm start`: Passerelle on the demo configuration plus the demo national IdPs, issuing
 * authorities and portals (src/demo/stack.ts). Ports and public URLs can be moved with the
 * environment variables below; the demo configuration reads the same ones.
 */
const env = process.env;
const keysRoot = env.PASSERELLE_KEYS_DIR ?? 'keys';
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
const ports = {
  passerelle: port('PORT', 3000),
  idp: port('DEMO_IDP_PORT', 3001),
  authority: port('DEMO_AUTHORITY_PORT', 3002),
  bremerhaven: port('DEMO_BREMERHAVEN_PORT', 3003),
  santander: port('DEMO_SANTANDER_PORT', 3004),
  wallet: port('DEMO_WALLET_PORT', 3005),
};
const urls = {
  passerelle: env.PASSERELLE_PUBLIC_URL ?? `http://localhost:${ports.passerelle}`,
  idp: env.DEMO_IDP_URL ?? `http://localhost:${ports.idp}`,
  authority: env.DEMO_AUTHORITY_URL ?? `http://localhost:${ports.authority}`,
  bremerhaven: env.DEMO_BREMERHAVEN_URL ?? `http://localhost:${ports.bremerhaven}`,
  santander: env.DEMO_SANTANDER_URL ?? `http://localhost:${ports.santander}`,
  wallet: env.DEMO_WALLET_URL ?? `http://localhost:${ports.wallet}`,
};
Object.assign(env, {
  PORT: String(ports.passerelle), PASSERELLE_PUBLIC_URL: urls.passerelle, DEMO_IDP_URL: urls.idp,
  DEMO_AUTHORITY_URL: urls.authority, DEMO_BREMERHAVEN_URL: urls.bremerhaven, DEMO_SANTANDER_URL: urls.santander,
  DEMO_WALLET_URL: urls.wallet, DEMO_WALLET_DIR: env.DEMO_WALLET_DIR ?? path.resolve(keysRoot, 'demo-wallet'),
});

async function main(): Promise<void> {
  // Readable lines for a person at a terminal; LOG_FORMAT=json gives pino's JSON, as in production.
  const logger = pino({ level: env.LOG_LEVEL ?? 'info' }, env.LOG_FORMAT === 'json' ? undefined : prettyDestination());
  const loaded = loadConfig(env.PASSERELLE_CONFIG ?? 'config/demo.yaml');
  const demo = await startDemo({
    loaded, ports, urls, logger,
    idpKeysDirectory: `${keysRoot}/demo-idp`, authorityKeysDirectory: `${keysRoot}/demo-authorities`,
  });

  process.stdout.write([
    '',
    'Passerelle demo is running:',
    `  Passerelle                       ${urls.passerelle}`,
    `  Bremerhaven kindergarten portal  ${urls.bremerhaven}   ← start here (log in as Giulia Rossi, Italy)`,
    `  Santander census portal          ${urls.santander}`,
    `  demo national identity providers ${urls.idp}`,
    `  demo issuing authorities         ${urls.authority}`,
    `  demo EU Digital Identity Wallet  ${urls.wallet}`,
    `  official verification            ${urls.passerelle}/verify`,
    `  citizen dashboard                ${urls.passerelle}/me`,
    'Walkthrough: docs/demo.md. Stop with Ctrl-C.',
    '',
  ].join('\n') + '\n');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(() => process.exit(0), () => process.exit(1));
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(exitWithError);
