import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { WalletHolder } from '../../../src/demo/wallet/holder.js';
import { toPortal } from '../../outbound/oidc/support/flow.js';
import { answer, finishAtPortal, giuliasWallet, startWalletLogin } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';

const hour = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe('A trusted list past its nextUpdate stops being trusted after the configured grace', function () {
  this.timeout(60_000);
  // Grace of one hour; the list as first written is two hours past its nextUpdate.
  const fixture = withWalletPasserelle({ trustedList: { nextUpdate: at(-2 * hour) }, wallet: { trustedListGraceSeconds: 3600 } });

  async function readiness() {
    const response = await fetch(`${fixture.passerelle.url}/readyz`);
    const body = await response.json() as { status: string; checks: Record<string, { status: string; detail: { state: string; nextUpdate?: string } }> };
    return { httpStatus: response.status, status: body.status, check: body.checks.walletTrustedList! };
  }

  async function login(format: 'sd-jwt' | 'mdoc') {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, format));
    return { flow, redirect: (await sent.json() as { redirect_uri: string }).redirect_uri };
  }

  it('V-15 an expired list refuses every PID (wallet_trusted_list_expired, a page in the citizen\'s language), keeps nothing, and /readyz says so', async () => {
    for (const format of ['sd-jwt', 'mdoc'] as const) {
      const { flow, redirect } = await login(format);
      const step = await flow.browser.follow(await flow.browser.get(redirect), toPortal(flow.start.redirectUri));
      assert.equal(step.stoppedAt, undefined, 'nothing reaches the portal');
      assert.equal(step.page.status, 503);
      assert.match(step.page.body, /\bwallet_trusted_list_expired\b/);
      assert.match(step.page.body, /list of trusted issuers is out of date/);
      const id = /\/wallet\/login\/([^/]+)\/continue/.exec(redirect)![1];
      assert.equal(await fixture.database.db.knex('wallet_transactions').where({ id }).first(), undefined, 'nothing of the refused answer is kept');
    }
    const ready = await readiness();
    assert.equal(ready.httpStatus, 200, 'eIDAS logins still work: the instance stays in service');
    assert.equal(ready.status, 'degraded');
    assert.equal(ready.check.status, 'degraded');
    assert.equal(ready.check.detail.state, 'expired');
  });

  it('within the grace the list is still used, and /readyz shows it stale', async () => {
    fixture.passerelle.writeTrustedList({ nextUpdate: at(-0.5 * hour) });
    const { flow, redirect } = await login('sd-jwt');
    const { claims } = await finishAtPortal(fixture.passerelle, flow, redirect);
    assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
    const ready = await readiness();
    assert.equal(ready.check.status, 'degraded');
    assert.equal(ready.check.detail.state, 'stale');
  });

  it('a renewed list in place of the file is trusted again without a restart; a broken file leaves it in use and shows on /readyz', async () => {
    fixture.passerelle.writeTrustedList({ nextUpdate: at(24 * hour) });
    const { flow, redirect } = await login('mdoc');
    assert.equal((await finishAtPortal(fixture.passerelle, flow, redirect)).claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
    let ready = await readiness();
    assert.equal(ready.check.status, 'ok');
    assert.equal(ready.check.detail.state, 'fresh');
    assert.equal(ready.status, 'ready');

    const file = (fixture.passerelle.ctx.config.wallet!).trustedListFile;
    writeFileSync(file, '{ "listIssuer": "half written');
    ready = await readiness();
    assert.equal(ready.check.status, 'degraded');
    assert.equal(ready.check.detail.state, 'fresh', 'the last good list stays in use');
    assert.match(String((ready.check.detail as { lastError?: string }).lastError), /not a usable list/);
  });
});
