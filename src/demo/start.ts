import { pino } from 'pino';
import { exitWithError } from '../cli/fatal.js';
import { loadConfig } from '../config/load.js';
import { startPasserelle } from '../runtime.js';
import { createDemoAuthorityServer } from './authority/server.js';
import { createDemoIdpServer } from './idp/server.js';
import { createBremerhavenPortal, createSantanderPortal } from './portal/index.js';

/**
 * `npm start`: Passerelle on the demo configuration plus the demo national IdPs, issuing
 * authorities and portals, each a separate app on its own port that reaches Passerelle only
 * over HTTP. Ports and public URLs can be moved with the environment variables below.
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
};
const urls = {
  passerelle: env.PASSERELLE_PUBLIC_URL ?? `http://localhost:${ports.passerelle}`,
  idp: env.DEMO_IDP_URL ?? `http://localhost:${ports.idp}`,
  authority: env.DEMO_AUTHORITY_URL ?? `http://localhost:${ports.authority}`,
  bremerhaven: env.DEMO_BREMERHAVEN_URL ?? `http://localhost:${ports.bremerhaven}`,
  santander: env.DEMO_SANTANDER_URL ?? `http://localhost:${ports.santander}`,
};
// The demo configuration reads these, so every app agrees on every URL.
Object.assign(env, {
  PORT: String(ports.passerelle), PASSERELLE_PUBLIC_URL: urls.passerelle, DEMO_IDP_URL: urls.idp,
  DEMO_AUTHORITY_URL: urls.authority, DEMO_BREMERHAVEN_URL: urls.bremerhaven, DEMO_SANTANDER_URL: urls.santander,
});

async function main(): Promise<void> {
  const logger = pino({ level: env.LOG_LEVEL ?? 'info' });
  const loaded = loadConfig(env.PASSERELLE_CONFIG ?? 'config/demo.yaml');
  const idps = await createDemoIdpServer({
    port: ports.idp, host: '127.0.0.1', publicUrl: urls.idp, keysDirectory: `${keysRoot}/demo-idp`,
    spMetadataUrl: `${urls.passerelle}/saml/metadata`, nodeCountry: loaded.config.nodeCountry,
    // The demo's Cancel button means "the citizen cancelled": RequestDenied, which the portal sees as access_denied.
    cancelStatus: 'RequestDenied',
    logger: logger.child({ app: 'demo-idp' }),
  });
  const authorities = await createDemoAuthorityServer({
    port: ports.authority, host: '127.0.0.1', publicUrl: urls.authority, keysDirectory: `${keysRoot}/demo-authorities`,
    passerelleJwksUrl: `${urls.passerelle}/.well-known/evidence-requester-jwks.json`, nodeCountry: loaded.config.nodeCountry,
  });
  // Passerelle last among the servers it fetches from, so its first metadata load finds the IdPs up.
  const passerelle = await startPasserelle(loaded, { logger: logger.child({ app: 'passerelle' }) });
  const bremerhaven = await createBremerhavenPortal({ port: ports.bremerhaven, publicUrl: urls.bremerhaven, passerelleUrl: urls.passerelle });
  const santander = await createSantanderPortal({ port: ports.santander, publicUrl: urls.santander, passerelleUrl: urls.passerelle });

  process.stdout.write([
    '',
    'Passerelle demo is running:',
    `  Passerelle                       ${urls.passerelle}`,
    `  Bremerhaven kindergarten portal  ${urls.bremerhaven}   ← start here (log in as Giulia Rossi, Italy)`,
    `  Santander census portal          ${urls.santander}`,
    `  demo national identity providers ${urls.idp}`,
    `  demo issuing authorities         ${urls.authority}`,
    `  official verification            ${urls.passerelle}/verify`,
    `  citizen dashboard                ${urls.passerelle}/me`,
    'Walkthrough: docs/demo.md. Stop with Ctrl-C.',
    '',
  ].join('\n') + '\n');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const apps = [bremerhaven, santander, authorities, idps, passerelle];
    Promise.allSettled(apps.map((app) => app.close())).then(() => process.exit(0));
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(exitWithError);
