import { HttpClient } from './http/client.js';
import { IdpPool } from './idp/pool.js';
import { discoverTarget, type LoginTarget } from './login/flow.js';
import type { BenchOptions } from './options.js';
import { benchCountry, nodeCountry, type Workspace } from './setup/workspace.js';

/** The load driver: one HTTP client for every virtual user, the IdP processes, what discovery told the portal. */
export interface Driver {
  client: HttpClient;
  idp: IdpPool;
  target: LoginTarget;
  close(): Promise<void>;
}

export async function startDriver(options: BenchOptions, workspace: Workspace): Promise<Driver> {
  const client = new HttpClient(Math.max(...options.concurrencies, 8) * 2 * options.instances, { host: new URL(workspace.publicUrl).host, ports: workspace.ports });
  const encryption = workspace.keystore.active('saml-encryption', 'RSA');
  const idp = await IdpPool.start(options.idpProcesses, {
    entityId: workspace.idp.entityId, privateKeyPem: workspace.idp.privateKeyPem, signatureAlgorithm: workspace.idp.signatureAlgorithm,
    certificateBase64: workspace.idp.certificateBase64, recipientCertificatePem: encryption.certificatePem!,
    acsUrl: `${workspace.publicUrl}/saml/acs`, spEntityId: `${workspace.publicUrl}/saml/metadata`,
  });
  try {
    const target = await discoverTarget(client, workspace.publicUrl, { country: benchCountry, nodeCountry, portal: workspace.portal });
    return { client, idp, target, close: async () => { client.close(); await idp.stop(); } };
  } catch (error) {
    client.close();
    await idp.stop();
    throw error;
  }
}
