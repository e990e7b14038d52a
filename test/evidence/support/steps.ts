import assert from 'node:assert/strict';
import type { EvidenceRequestDetail, RepresentationRequestDetail } from '../../../src/evidence/ports.js';
import { csrfOf, locationOf, TestBrowser } from './browser.js';
import { familyComposition, kita, type EvidenceHarness } from './harness.js';

/** Begins a flow and asks the authority for every requested document; returns the flow path. */
export async function fetchAll(h: EvidenceHarness, browser: TestBrowser, citizen = 'it-giulia-rossi', details: Array<EvidenceRequestDetail | RepresentationRequestDetail> = [familyComposition], clientId = kita.clientId): Promise<string> {
  const flow = await h.begin(browser, citizen, details, clientId);
  for (let idx = 0; idx < details.length; idx += 1) {
    const overview = await (await browser.get(flow)).text();
    const response = await browser.post(`${flow}/items/${idx}/request`, { csrf: csrfOf(overview) });
    assert.equal(response.status, 303, await response.text());
  }
  return flow;
}

/** Shares from the overview page; returns the consent ids handed to the OpenID Provider. */
export async function share(h: EvidenceHarness, browser: TestBrowser, flow: string, form: Record<string, string> = {}): Promise<string[]> {
  const overview = await (await browser.get(flow)).text();
  const before = h.oidc.completed.length;
  const response = await browser.post(`${flow}/share`, { csrf: csrfOf(overview), days: '90', ...form });
  assert.equal(response.status, 303, await response.text());
  assert.match(locationOf(response), /^\/test\/oidc\/resumed\//);
  const outcome = h.oidc.completed[before]!.result;
  assert.equal(outcome.decision, 'shared');
  return outcome.decision === 'shared' ? outcome.consents.map((c) => c.consentId) : [];
}

/** Giulia fetches and shares the family-composition certificate; the portal gets a token for it. */
export async function sharedFamilyComposition(h: EvidenceHarness, form: Record<string, string> = {}): Promise<{ browser: TestBrowser; consentId: string; token: string; citizenKey: string }> {
  const browser = new TestBrowser(h.url);
  const flow = await fetchAll(h, browser);
  const [consentId] = await share(h, browser, flow, form);
  const citizenKey = h.citizenKeyOf('it-giulia-rossi');
  const token = h.oidc.issueToken(kita.clientId, citizenKey, [consentId!], h.clock.now() + 600_000);
  return { browser, consentId: consentId!, token, citizenKey };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
