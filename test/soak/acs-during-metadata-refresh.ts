/**
 * Soak: valid eIDAS logins at the ACS while the IdP rolls its signing keys over (after every
 * 20 accepted logins, so that no login takes longer than a key lives, however loaded the
 * machine) and metadata refreshes run concurrently. The IdP behaves as IdPs must: it signs with
 * its newest published key, which it publishes before first use and keeps listed after, so
 * every login is valid and must be accepted, also when it arrives before our copy of the
 * metadata lists the key. Bounded in count and time; loopback only.
 *
 *   npx tsx test/soak/acs-during-metadata-refresh.ts [--logins 20000] [--seconds 1800] [--workers 4]
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildResponse } from '../inbound/saml/support/response-builder.js';
import { SamlHarness } from '../inbound/saml/support/harness.js';
import { createTestIdp, idpMetadataXml, type TestIdp } from '../inbound/saml/support/test-idp.js';

const { values } = parseArgs({ options: { logins: { type: 'string' }, seconds: { type: 'string' }, workers: { type: 'string' } } });
const total = Number(values.logins ?? 20_000);
const deadline = Date.now() + Number(values.seconds ?? 1800) * 1000;
const workers = Number(values.workers ?? 4);
const loginsPerPhase = 20;
assert.ok(workers < loginsPerPhase, 'fewer workers than logins per key phase');

const h = new SamlHarness();
await h.start({ saml: { unknownKeyRefreshSeconds: 0 }, rateLimits: { enabled: false } });
const keys: TestIdp[] = [h.idps.IT, await createTestIdp('IT', { keyName: 'soak-k1', keyType: 'EC' }), await createTestIdp('IT', { keyName: 'soak-k2', keyType: 'EC' })];
const file = path.join(h.dir, 'it.xml');
/** The rollover cycle: each key is published beside its successor before it is the only one. */
const phases = [[0], [0, 1], [1], [1, 2], [2], [2, 0]];
let phase = 0;
let listed = phases[0]!;
const publish = () => {
  listed = phases[phase % phases.length]!;
  writeFileSync(file, idpMetadataXml(h.idps.IT, { signingCertificatesBase64: listed.map((k) => keys[k]!.certificateBase64), id: `_md-${phase}` }));
};
publish();
await h.connector.registry.refresh('IT');

let done = 0;
let started = 0;
let refreshes = 0;
let rollovers = 0;
let transportErrors = 0;
const failures: string[] = [];
let running = true;

async function refresher(): Promise<void> {
  while (running) {
    await Promise.all([h.connector.registry.refresh('IT'), h.connector.registry.syncFromStore()]);
    refreshes += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The IdP publishes its next key set; with 20 logins per phase and fewer workers, a signature never outlives its key. */
function rollover(): void {
  phase += 1;
  publish();
  rollovers += 1;
}

async function worker(): Promise<void> {
  while (started < total && Date.now() < deadline && failures.length < 10) {
    started += 1;
    let answer;
    try {
      const login = await h.login('IT');
      const signer = keys[listed.at(-1)!]!;
      answer = await h.post(buildResponse(h.idps.IT, login.fields, { assertionSigner: signer, responseSigner: signer }), login);
    } catch (error) {
      // A keep-alive connection the server closed as the client reused it: transport, not a verdict on the login.
      transportErrors += 1;
      if (transportErrors > 100) throw error;
      continue;
    }
    if (answer.status === 200) {
      done += 1;
      if (done % loginsPerPhase === 0) rollover();
    } else failures.push(`login ${started}: ${answer.status} ${/saml_[a-z_]+/.exec(answer.text)?.[0] ?? ''} (phase ${phase})`);
  }
}

const began = Date.now();
const background = [refresher()];
const progress = setInterval(() => process.stdout.write(`  ${done} accepted, ${failures.length} refused, ${refreshes} refreshes, ${rollovers} rollovers\n`), 30_000);
await Promise.all(Array.from({ length: workers }, () => worker()));
running = false;
clearInterval(progress);
await Promise.all(background);
const seconds = (Date.now() - began) / 1000;
process.stdout.write(`${done} valid logins accepted, ${failures.length} refused, in ${seconds.toFixed(0)} s with ${workers} workers; `
  + `${refreshes} concurrent metadata refreshes, ${rollovers} key rollovers, ${transportErrors} connections reset (retried)\n`);
for (const failure of failures) process.stdout.write(`  ${failure}\n`);
await h.stop();
assert.equal(failures.length, 0);
