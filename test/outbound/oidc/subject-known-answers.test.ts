import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { fullLogin, rpConfig } from './support/flow.js';
import { startOidcServer, type OidcTestServer } from './support/harness.js';

/**
 * The `sub` a portal receives, end to end, for fixed citizens, secret and sectors: frozen values,
 * so a change anywhere in the chain (PersonIdentifier → citizen key → pairwise or public sub)
 * fails here instead of silently giving every citizen a new account at every portal.
 */
describe('OpenID Provider: the sub portals receive is stable (known answers)', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  before(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db });
  });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  it('gives IT/DE/RSSGLI88D52E506C the pairwise sub Eq2t1z… at the kindergarten portal (sector rp-kita.test)', async () => {
    const { claims } = await fullLogin(await rpConfig(server.issuer, 'kita'), 'kita', { country: 'IT' });
    assert.equal(claims.sub, 'Eq2t1zM_Xy1XaTvn04dWFj3VUW0c_V40XW5zrgW9jKA');
  });

  it('gives ES/DE/53864217B the public sub 91rHIy… (its citizen key) at the census portal', async () => {
    const { claims } = await fullLogin(await rpConfig(server.issuer, 'padron'), 'padron', { country: 'ES' });
    assert.equal(claims.sub, '91rHIyXCrDxGao3L3wbSNBdPBLfxtnX0InN10oV0w8E');
  });
});
