import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoLeaf, demoRootCa } from './certificates.js';
import { DemoPidProvider } from './pid-provider.js';
import { demoRegistrationCertificate } from './registration.js';

/** The demo's PID providers: one per EU demo country (Serbia issues no EU PID). */
export const demoPidCountries = [
  { country: 'IT', name: 'Demo PID provider Italy' },
  { country: 'DE', name: 'Demo PID provider Germany' },
  { country: 'ES', name: 'Demo PID provider Spain' },
] as const;

export interface DemoWalletTrustFiles {
  accessKeyFile: string;
  accessChainFile: string;
  trustedListFile: string;
  registrations: ReadonlyArray<{ file: string; clientId: string; name: string; allowedClaims: readonly string[] }>;
}

/**
 * What the demo's wallet ecosystem hands Passerelle, written to the files its configuration names:
 * its access certificate (key and chain, from a demo access CA), the trusted list naming the demo
 * PID providers' trust anchors, and a registration certificate per portal from a demo registrar.
 * Made afresh at every start, with the PID providers that issue the demo wallet's PIDs.
 */
export async function createDemoWalletTrust(files: DemoWalletTrustFiles, statusListBase: string): Promise<DemoPidProvider[]> {
  for (const file of [files.accessKeyFile, files.trustedListFile, ...files.registrations.map((r) => r.file)]) mkdirSync(path.dirname(file), { recursive: true });
  const providers = await Promise.all(demoPidCountries.map((p) => DemoPidProvider.create(p.country, p.name, `${statusListBase}/pid/${p.country.toLowerCase()}/status`)));
  const accessCa = await demoRootCa('CN=Demo wallet access CA, O=Demo registrar, C=EU');
  const access = await demoLeaf(accessCa, 'CN=Passerelle, O=Passerelle demo operator, C=DE');
  const registrar = await demoLeaf(accessCa, 'CN=Demo registrar, O=Demo registrar, C=EU');
  writeFileSync(files.accessKeyFile, access.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
  writeFileSync(files.accessChainFile, access.pem + accessCa.pem);
  writeFileSync(files.trustedListFile, JSON.stringify({
    listIssuer: 'Demo list of trusted PID providers', issueDate: new Date().toISOString(),
    // Made afresh at every start; a real list is renewed before this date or stops being trusted.
    nextUpdate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    entities: providers.map((p) => p.trustedListEntry('high')),
  }, null, 2) + '\n');
  for (const portal of files.registrations) {
    writeFileSync(portal.file, await demoRegistrationCertificate(registrar, { clientId: portal.clientId, name: portal.name, country: 'DE' }, 'passerelle', [...portal.allowedClaims]) + '\n');
  }
  return providers;
}
