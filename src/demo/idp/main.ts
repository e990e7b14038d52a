import { pino } from 'pino';
import { createDemoIdpServer } from './server.js';

/**
 * Runs the demo national IdPs alone (`npx tsx src/demo/idp/main.ts`); `npm start` starts them
 * through the demo launcher instead. Environment: DEMO_IDP_PORT (3001), DEMO_IDP_URL (public
 * base URL), PASSERELLE_SP_METADATA_URL (http://localhost:3000/saml/metadata), DEMO_IDP_KEYS (keys/demo-idp).
 */
const port = Number(process.env.DEMO_IDP_PORT ?? 3001);
const server = await createDemoIdpServer({
  port,
  publicUrl: process.env.DEMO_IDP_URL,
  spMetadataUrl: process.env.PASSERELLE_SP_METADATA_URL ?? 'http://localhost:3000/saml/metadata',
  keysDirectory: process.env.DEMO_IDP_KEYS ?? 'keys/demo-idp',
  logger: pino({ name: 'demo-idp' }),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void server.close().then(() => process.exit(0)); });
