import assert from 'node:assert/strict';
import { demoCitizens } from '../../../src/demo/citizens.js';
import { WalletHolder } from '../../../src/demo/wallet/holder.js';
import { testCitizen } from '../../outbound/oidc/support/citizens.js';
import { hiddenInput, TestBrowser } from '../../outbound/oidc/support/browser.js';
import { fullLogin, rpConfig, toPortal, type RpName } from '../../outbound/oidc/support/flow.js';
import { answer, finishAtPortal, giuliasWallet, startWalletLogin } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';

describe('Linking a wallet login to an eIDAS login: explicit consent, a matching rule, then one sub per portal', function () {
  this.timeout(90_000);
  const fixture = withWalletPasserelle();

  /** A wallet login in `browser` up to the page after the wallet answered (the link offer, or the consent page). */
  async function walletLogin(portal: RpName, browser: TestBrowser, params: Record<string, string> = {}) {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle, portal, params, browser);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'sd-jwt'));
    const { redirect_uri } = await sent.json() as { redirect_uri: string };
    const page = (await browser.follow(await browser.get(redirect_uri), toPortal(flow.start.redirectUri))).page;
    return { flow, page };
  }

  async function decide(flowPage: Awaited<ReturnType<typeof walletLogin>>, browser: TestBrowser, decision: 'link' | 'keep-apart') {
    const { flow, page } = flowPage;
    const action = /action="(\/interaction\/[^"]+\/link)"/.exec(page.body);
    assert.ok(action, `the link is offered: ${page.body.slice(0, 400)}`);
    const after = await browser.post(fixture.passerelle.url + action[1]!, { _csrf: hiddenInput(page.body, '_csrf')!, wallet: hiddenInput(page.body, 'wallet')!, decision });
    const resume = /id="continue" href="([^"]+)"/.exec(after.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(resume, `${after.status} ${after.body.slice(0, 300)}`);
    return finishAtPortal(fixture.passerelle, flow, new URL(resume, fixture.passerelle.url).href);
  }

  it('"keep them apart" links nothing: the wallet login keeps its own sub, and the next one is asked again', async () => {
    const browser = new TestBrowser();
    const padron = await rpConfig(fixture.passerelle.issuer, 'padron');
    const eidasKeys = await fixture.database.db.knex('identity_links').count({ n: '*' }).first() as { n: number | string };
    const eidas = await fullLogin(padron, 'padron', { country: 'IT', browser });
    const apart = await decide(await walletLogin('padron', browser, { prompt: 'login' }), browser, 'keep-apart');
    assert.notEqual(apart.claims.sub, eidas.claims.sub);
    const after = await fixture.database.db.knex('identity_links').count({ n: '*' }).first() as { n: number | string };
    assert.equal(Number(after.n), Number(eidasKeys.n), 'no link row written');
  });

  it('after she confirms, her wallet login gives the portal the sub of her eIDAS login; a fresh wallet login too; another portal sees another sub', async () => {
    const browser = new TestBrowser();
    const kita = await rpConfig(fixture.passerelle.issuer, 'kita');
    const eidas = await fullLogin(kita, 'kita', { country: 'IT', browser });
    const offered = await walletLogin('kita', browser, { prompt: 'login' });
    assert.match(offered.page.body, /Link your wallet to your eID login\?/);
    const linked = await decide(offered, browser, 'link');
    assert.equal(linked.claims.sub, eidas.claims.sub, 'one sub at the portal after linking');
    assert.equal(linked.claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high', 'acr still says the wallet was used');

    const fresh = await walletLogin('kita', new TestBrowser());
    assert.doesNotMatch(fresh.page.body, /Link your wallet/, 'a linked wallet is not asked again');
    const again = await finishAtPortal(fixture.passerelle, fresh.flow, fresh.page.url);
    assert.equal(again.claims.sub, eidas.claims.sub, 'a later wallet login, in another browser, keeps the linked sub');

    const padron = await rpConfig(fixture.passerelle.issuer, 'padron');
    const elsewhere = await fullLogin(padron, 'padron', { country: 'IT' });
    const walletElsewhere = await walletLogin('padron', new TestBrowser());
    const atPadron = await finishAtPortal(fixture.passerelle, walletElsewhere.flow, walletElsewhere.page.url);
    assert.equal(atPadron.claims.sub, elsewhere.claims.sub, 'linked at one portal, one person at every portal');
    assert.notEqual(atPadron.claims.sub, eidas.claims.sub, 'two portals see two pairwise subs');
  });

  it('no link is offered when the eIDAS login in the browser is another person (the matching rule fails)', async () => {
    const browser = new TestBrowser();
    const kita = await rpConfig(fixture.passerelle.issuer, 'kita');
    const marco = demoCitizens.find((c) => c.key === 'it-marco-bianchi')!;
    fixture.passerelle.eidas.behaviour = { mode: 'succeed', citizen: (login) => testCitizen('IT', login.minimumLoa, { familyName: marco.familyName, givenName: marco.givenName, dateOfBirth: marco.dateOfBirth, personIdentifier: `IT/DE/${marco.nationalId}` }) };
    try {
      await fullLogin(kita, 'kita', { country: 'IT', browser });
    } finally {
      fixture.passerelle.eidas.behaviour = { mode: 'succeed' };
    }
    const { page } = await walletLogin('kita', browser, { prompt: 'login' });
    assert.doesNotMatch(page.body, /Link your wallet/);
  });
});
