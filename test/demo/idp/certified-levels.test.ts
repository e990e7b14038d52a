import { strict as assert } from 'node:assert';
import { finishLogin, startHarness, startLogin, type Harness } from './support/harness.js';
import { loginIdOf, postForm } from './support/browser.js';
import { assertionFacts } from './support/read-response.js';
import { decryptResponse } from './support/test-sp.js';

/** The level radios of a demo IdP's login page: value, whether checked, whether marked below the requested minimum. */
function levels(html: string): Array<{ loa: string; checked: boolean; below: boolean }> {
  return [...html.matchAll(/<input type="radio" id="loa-\w+" name="loa" value="(\w+)"( checked)?>\s*<label[^>]*>([^<]*)<\/label>/g)]
    .map((m) => ({ loa: m[1]!, checked: m[2] !== undefined, below: m[3]!.includes('(') }));
}

/**
 * A demo IdP asserts no more than its eID means are certified for, as its metadata says
 * (assurance-certification): Italy and Germany up to high, Spain and Serbia up to substantial.
 * Asked for more, it offers what it has, each marked below the minimum, and Passerelle's
 * "level too low" notice follows; a posted level above its certification is refused.
 */
describe('demo national IdPs: levels of assurance up to their certification', () => {
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h.close(); });

  for (const [cc, certified] of [['IT', 'high'], ['DE', 'high'], ['ES', 'substantial'], ['RS', 'substantial']] as const) {
    it(`${cc} offers the levels up to ${certified}, the requested minimum preselected`, async () => {
      const page = await startLogin(h, cc, { request: { loa: 'substantial' } });
      const offered = levels(page.html);
      assert.deepEqual(offered.map((l) => l.loa), certified === 'high' ? ['low', 'substantial', 'high'] : ['low', 'substantial']);
      assert.deepEqual(offered.filter((l) => l.checked).map((l) => l.loa), ['substantial']);
      assert.deepEqual(offered.filter((l) => l.below).map((l) => l.loa), ['low']);
    });
  }

  it('Serbia, asked for high: offers low and substantial, both below the minimum, substantial preselected and asserted by default', async () => {
    const page = await startLogin(h, 'RS', { request: { loa: 'high', id: '_rs-high' } });
    assert.deepEqual(levels(page.html), [{ loa: 'low', checked: false, below: true }, { loa: 'substantial', checked: true, below: true }]);
    const done = await finishLogin(h, 'RS', page, { citizen: 'rs-milica-petrovic' });
    assert.equal(assertionFacts(await decryptResponse(done.responseXml, h.sp)).loa, 'http://eidas.europa.eu/LoA/substantial');
  });

  it('Serbia refuses to assert high: a posted level above its certification is a 400 and no answer', async () => {
    const page = await startLogin(h, 'RS', { request: { loa: 'high' } });
    const refused = await postForm(`${h.server.url}/rs/login`, { login: loginIdOf(page), citizen: 'rs-milica-petrovic', loa: 'high' });
    assert.equal(refused.status, 400);
    assert.match(refused.html, /loa_not_certified/);
    assert.doesNotMatch(refused.html, /SAMLResponse/);
  });
});
