import assert from 'node:assert/strict';
import type { SamlHarness, StartedLogin } from './harness.js';

/**
 * The "nothing happened" invariant of security.md §0: the documented status and code, a page
 * without library text or XML, no row written, and no hand-off to the waiting flow.
 */
export async function expectRejected(
  h: SamlHarness, xml: string, login: Pick<StartedLogin, 'cookie' | 'relayState'> | undefined,
  expected: { status: number; code: string | readonly string[] }, extra: { body?: string; contentType?: string } = {},
): Promise<void> {
  const before = await h.counts();
  const succeeded = h.handOff.succeeded.length;
  const failed = h.handOff.failed.length;
  const response = await h.post(xml, login, extra);
  assert.equal(response.status, expected.status, `status (page: ${response.text.slice(0, 400).replace(/\s+/g, ' ')})`);
  const codes = typeof expected.code === 'string' ? [expected.code] : expected.code;
  const shown = /· ([a-z_]+)<\/p>/.exec(response.text)?.[1];
  if (expected.status !== 413) assert.ok(shown && codes.includes(shown), `error code ${shown} on the page, expected ${codes.join(' or ')}`);
  assert.doesNotMatch(response.text, /<saml|Assertion|xmldom|Error:|\bat [\w.]+ \(/, 'no XML, library text or stack on the page');
  assert.deepEqual(await h.counts(), before, 'no row written');
  assert.equal(h.handOff.succeeded.length, succeeded, 'no successful hand-off');
  assert.equal(h.handOff.failed.length, failed, 'no failure hand-off');
}
