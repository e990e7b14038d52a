import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { freePort } from '../../support/ports.js';
import { finishLogin, sharedTestSp, startHarness, startLogin, type Harness } from './support/harness.js';
import { assertionFacts, natural } from './support/read-response.js';
import { decryptResponse, signRequestXml, spMetadataXml, uris, type TestSp } from './support/test-sp.js';

function serve(port: number, body: () => string): Promise<Server> {
  const server = createServer((_req, res) => { res.setHeader('content-type', 'application/samlmetadata+xml'); res.end(body()); });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

describe('demo national IdPs: Passerelle\'s SP metadata fetched over HTTP', () => {
  let sp: TestSp;
  let h: Harness | undefined;
  let metadataServer: Server | undefined;
  before(async () => { sp = await sharedTestSp(); });
  afterEach(async () => {
    await h?.close();
    await new Promise<void>((resolve) => (metadataServer ? metadataServer.close(() => resolve()) : resolve()));
    h = undefined;
    metadataServer = undefined;
  });

  it('starts before Passerelle, fetches its metadata at the first request, and takes NodeCountry from it', async () => {
    const port = await freePort();
    h = await startHarness({ sp: undefined, spMetadataUrl: `http://127.0.0.1:${port}/saml/metadata`, countries: ['IT'] }, sp);
    const early = await startLogin(h, 'IT');
    assert.equal(early.status, 503, 'Passerelle not up yet');
    assert.match(early.html, /<code>sp_unavailable<\/code>/);
    metadataServer = await serve(port, () => spMetadataXml(sp, 'AT'));
    const login = await startLogin(h, 'IT', { alg: uris.ecdsa });
    assert.equal(login.status, 200, login.html);
    const done = await finishLogin(h, 'IT', login, { citizen: 'it-marco-bianchi' });
    const facts = assertionFacts(await decryptResponse(done.responseXml, sp));
    assert.deepEqual(facts.attributes.get(natural('PersonIdentifier')), ['IT/AT/BNCMRC86S23E506O']);
  });

  it('the nodeCountry option overrides the metadata', async () => {
    const port = await freePort();
    metadataServer = await serve(port, () => spMetadataXml(sp, 'AT'));
    h = await startHarness({ sp: undefined, spMetadataUrl: `http://127.0.0.1:${port}/saml/metadata`, countries: ['DE'], nodeCountry: 'DE' }, sp);
    const done = await finishLogin(h, 'DE', await startLogin(h, 'DE'), { citizen: 'de-jonas-weber' });
    assert.deepEqual(assertionFacts(await decryptResponse(done.responseXml, sp)).attributes.get(natural('PersonIdentifier')), ['DE/DE/7b1e4c90a2d35f68']);
  });

  it('with a metadata signing certificate configured, refuses unsigned SP metadata and accepts signed', async () => {
    const port = await freePort();
    let signed = false;
    metadataServer = await serve(port, () => (signed ? signRequestXml(spMetadataXml(sp, 'DE'), uris.rsaPss, sp.rsaSigning, 'prepend') : spMetadataXml(sp, 'DE')));
    h = await startHarness({ sp: undefined, spMetadataUrl: `http://127.0.0.1:${port}/saml/metadata`, spMetadataSigningCertificates: [sp.rsaSigning.certificatePem], countries: ['ES'] }, sp);
    assert.equal((await startLogin(h, 'ES')).status, 503);
    signed = true;
    assert.equal((await startLogin(h, 'ES')).status, 200);
  });
});
