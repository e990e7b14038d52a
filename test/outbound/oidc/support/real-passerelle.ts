import type { ConfigInput } from '../../../../src/config/schema.js';
import type { AppContext } from '../../../../src/context.js';
import { createDemoIdpServer, type DemoIdpServer } from '../../../../src/demo/idp/server.js';
import { samlConnector } from '../../../../src/inbound/saml/index.js';
import { openIdProvider, type OpenIdProvider } from '../../../../src/outbound/oidc/index.js';
import { startPasserelle, type RunningPasserelle } from '../../../../src/runtime.js';
import type { Database } from '../../../../src/storage/database.js';
import type { Feature } from '../../../../src/web/app.js';
import { createLogger } from '../../../../src/web/logger.js';
import { testConfig } from '../../../support/config.js';
import { demoIdpKeysDirectory } from '../../../support/keys.js';
import { freePort } from '../../../support/ports.js';

type PortalInput = NonNullable<ConfigInput['portals']>[number];

/** The four demo countries as config/demo.yaml has them, pointing at a running demo IdP. */
export function demoCountries(idpUrl: string): NonNullable<ConfigInput['countries']> {
  const idp = (cc: string) => ({ metadataUrl: `${idpUrl}/${cc}/metadata`, allowInsecureMetadataUrl: true });
  return [
    { code: 'IT', names: { it: 'Italia', en: 'Italy', de: 'Italien' }, languages: ['it'], idp: idp('it') },
    { code: 'DE', names: { de: 'Deutschland', en: 'Germany' }, languages: ['de'], idp: idp('de') },
    { code: 'ES', names: { es: 'España', en: 'Spain' }, languages: ['es'], idp: idp('es') },
    { code: 'RS', names: { sr: 'Србија', en: 'Serbia' }, languages: ['sr'], idp: idp('rs'), minimumLoa: 'low',
      algorithms: { profile: 'national', allowRsaPkcs1v15Signatures: true } },
  ];
}

export interface RealPasserelle {
  url: string;
  issuer: string;
  idp: DemoIdpServer;
  passerelle: RunningPasserelle;
  op: OpenIdProvider;
  logs: string[];
  close(): Promise<void>;
}

/**
 * Passerelle wired as the lead wires it (OpenID Provider + eIDAS SAML connector, two-phase)
 * in front of the demo national IdPs, all over real HTTP.
 */
export async function startRealPasserelle(options: { db: Database; portals: PortalInput[]; port?: number }): Promise<RealPasserelle> {
  const port = options.port ?? await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Same host name as Passerelle: a browser keeps SameSite=Lax cookies on the IdP's POST back only within one site.
  const idpPort = await freePort();
  const idp = await createDemoIdpServer({ keysDirectory: demoIdpKeysDirectory(), port: idpPort, publicUrl: `http://127.0.0.1:${idpPort}`, spMetadataUrl: `${url}/saml/metadata` });
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => { logs.push(line); } } });
  const wired: { op?: OpenIdProvider } = {};
  const features: Feature[] = [(app, ctx: AppContext) => {
    const op = openIdProvider(ctx, { adapter: () => saml.adapter });
    const saml = samlConnector(ctx, op.handOff);
    wired.op = op;
    op.feature(app, ctx);
    saml.feature(app, ctx);
  }];
  const passerelle = await startPasserelle(testConfig({ publicUrl: url, countries: demoCountries(idp.url), portals: options.portals }),
    { features, port, host: '127.0.0.1', db: options.db, logger });
  return {
    url, issuer: `${url}/oidc`, idp, passerelle, op: wired.op!, logs,
    close: async () => {
      await passerelle.close();
      await idp.close();
    },
  };
}
