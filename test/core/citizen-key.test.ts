import assert from 'node:assert/strict';
import { citizenKey, pairwiseSubject } from '../../src/core/citizen-key.js';

const secret = 'test-pairwise-secret-0123456789abcdef';

/**
 * Known answers: the citizen key joins a citizen's sessions, vault, consents and data tracker,
 * and the pairwise `sub` is what portals store. Both must stay the same for ever (a change of
 * derivation would orphan every stored record and every portal account), so they are frozen here
 * as literal values, not recomputed.
 */
describe('citizen key and pairwise sub: known answers', () => {
  it('derives the citizen key of a PersonIdentifier as before (HMAC-SHA-256, "citizen:" prefix, base64url)', () => {
    assert.equal(citizenKey('IT/DE/RSSGLI88D52E506X', secret), 'B1ONu_-YNcIMjXxXC3_P8tB36-5eoSSBPYq8tokhbTM');
    assert.equal(citizenKey('ES/DE/99999142H', 'another-secret-of-at-least-32-chars!'), 'eKcbjdSHf0btcpB0hEPcR4-x-iRM7D-G65QoQ5-y-0k');
  });

  it('derives the pairwise sub per sector as before, different for each sector', () => {
    const account = 'B1ONu_-YNcIMjXxXC3_P8tB36-5eoSSBPYq8tokhbTM';
    assert.equal(pairwiseSubject(account, 'rp-kita.test', secret), 'KAsdXoZqsJxo__29dqAV-59d5a0ZLpa1c8xfLZMYUEc');
    assert.equal(pairwiseSubject(account, 'bremerhaven.example', secret), 'RwFvIjcjsru3BuXdg1KudrkEojOWGEN3aJ2F-pTlZM8');
  });
});
