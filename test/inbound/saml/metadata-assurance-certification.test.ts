import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../../src/core/clock.js';
import { IdpMetadataRegistry } from '../../../src/inbound/saml/index.js';
import { createLogger } from '../../../src/web/logger.js';
import { testConfig } from '../../support/config.js';
import { createTestIdp, idpMetadataXml, type IdpMetadataOptions, type TestIdp } from './support/test-idp.js';

const loa = (level: string) => `http://eidas.europa.eu/LoA/${level}`;

/**
 * The level a national IdP is certified for, as its metadata publishes it (eIDAS:
 * md:Extensions/mdattr:EntityAttributes, `assurance-certification`). Only eIDAS LoA URIs count.
 */
describe('IdP metadata: certified level of assurance (assurance-certification)', () => {
  let dir: string;
  let idp: TestIdp;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-loa-md-'));
    idp = await createTestIdp('RS');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function certifiedFrom(options: IdpMetadataOptions) {
    const file = path.join(dir, `rs-${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, idpMetadataXml(idp, options));
    const config = testConfig({ countries: [{ code: 'RS', names: { en: 'Serbia' }, languages: ['en'], idp: { metadataFile: file } as never }] }).config;
    const registry = new IdpMetadataRegistry({ config, baseDir: dir, clock: fixedClock(Date.now()), logger: createLogger({ level: 'silent' }), retryAfterMs: 0 });
    return (await registry.get('RS')).certifiedLoa;
  }

  it('reads the published level', async () => {
    assert.equal(await certifiedFrom({ assuranceCertification: [loa('substantial')] }), 'substantial');
  });

  it('takes the highest of several published eIDAS levels', async () => {
    assert.equal(await certifiedFrom({ assuranceCertification: [loa('low'), loa('high'), loa('substantial')] }), 'high');
  });

  it('is unknown when the metadata publishes no certification (beside other entity attributes, or none at all)', async () => {
    assert.equal(await certifiedFrom({ protocolVersions: ['1.4;1.3;1.2'] }), undefined);
    assert.equal(await certifiedFrom({}), undefined);
  });

  it('ignores values that are not eIDAS LoA URIs (other profiles, near misses)', async () => {
    assert.equal(await certifiedFrom({
      assuranceCertification: ['https://refeds.org/sirtfi', 'http://eidas.europa.eu/LoA/NotNotified/high', `${loa('high')}x`, 'http://eidas.europa.eu/LoA/'],
    }), undefined);
    assert.equal(await certifiedFrom({ assuranceCertification: ['https://refeds.org/sirtfi', loa('low')] }), 'low');
  });
});
