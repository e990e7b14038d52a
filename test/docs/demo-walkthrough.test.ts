import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { demoIdpCountry } from '../../src/demo/idp/countries.js';
import { verifyMessages } from '../../src/evidence/verify/messages.js';
import { oidcMessages } from '../../src/outbound/oidc/messages.js';
import { translator } from '../../src/web/i18n.js';

const demo = readFileSync('docs/demo.md', 'utf8');

/** A `## ` section of docs/demo.md by the start of its heading, with whitespace made single spaces. */
function section(heading: string): string {
  const start = demo.indexOf(`\n## ${heading}`);
  assert.ok(start >= 0, `docs/demo.md has a section "${heading}"`);
  const end = demo.indexOf('\n## ', start + 4);
  return demo.slice(start, end < 0 ? undefined : end).replace(/\s+/g, ' ');
}

/**
 * docs/demo.md walks through a failure exit and an official's PDF-only check in the words the
 * pages use: when a page's text changes, this walkthrough has to change with it. The tests it
 * names as the automated versions exist.
 */
describe('docs/demo.md: the failure exit and the PDF-only check, in the words of the pages', () => {
  it('the failure exit: the level chosen at the Italian IdP, Passerelle\'s Italian notice and button, the portal\'s OAuth error', () => {
    const text = section('When a login does not succeed');
    const italian = translator(oidcMessages, 'it');
    const idp = demoIdpCountry('IT')!.texts;
    for (const words of [
      `${idp.loaNames.low} (${idp.belowMinimum})`, italian('loaTooLowTitle'), italian('loa_substantial'), italian('loa_low'),
      italian('continueButton', { portal: '…' }), 'error=unmet_authentication_requirements', idp.cancel, idp.simulateFailure,
    ]) assert.ok(text.includes(words), `"${words}" in the walkthrough`);
  });

  it('the PDF-only check: the field, the button, the verdicts for the genuine, the altered and the withdrawn PDF', () => {
    const text = section('What an official does on /verify');
    const en = translator(verifyMessages, 'en');
    for (const words of [
      'With only the PDF', en('submit'), en('documentHeading'), en('verdict_valid'), en('verdict_sharing_withdrawn'),
      en('verdict_sharing_not_checked').split(':')[0]!, 'SHA-256',
    ]) assert.ok(text.includes(words), `"${words}" in the walkthrough`);
  });

  it('names automated versions that exist', () => {
    const named = [...section('The automated versions').matchAll(/`(test\/[^`]+\.test\.ts)`/g)].map((m) => m[1]!);
    assert.ok(named.includes('test/browser/login-exits.test.ts') && named.includes('test/browser/verify-official.test.ts'));
    for (const file of named) assert.ok(existsSync(file), `${file} exists`);
  });
});
