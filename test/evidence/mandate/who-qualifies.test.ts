import assert from 'node:assert/strict';
import { buildCitizen } from '../../../src/core/citizen.js';
import { adultOn, whoQualifies } from '../../../src/evidence/mandate/who-qualifies.js';

const now = Date.parse('2026-11-27T09:00:00Z');
const giulia = buildCitizen({
  personIdentifier: 'IT/DE/RSSGLI88D52E506C', familyName: 'Rossi', givenName: 'Giulia', dateOfBirth: '1988-04-12', loa: 'substantial', country: 'IT',
  source: { protocol: 'eidas-saml', issuer: 'https://idp.example/it' }, assertionId: '_a', authenticatedAt: now,
}, 'DE');
const sofia = { given_name: 'Sofia', family_name: 'Bianchi', birth_date: '2022-09-03' };

describe('evidence/mandate: who qualifies, read from one document', () => {
  it('a birth certificate: the person born is the child, the citizen must be among the parents (accents and case do not matter)', () => {
    const data = { birth_date: '2022-09-03', parents: [{ given_name: 'GIULIA', family_name: 'Róssi', birth_date: '1988-04-12', relationship: 'parent' }] };
    const result = whoQualifies({ evidenceType: 'birth', data, subject: { given_name: 'Sofia', family_name: 'Bianchi' }, citizen: giulia, now });
    assert.equal(result.outcome, 'qualifies');
    assert.deepEqual(result.outcome === 'qualifies' && result.children.map((c) => c.person), [{ given_name: 'Sofia', family_name: 'Bianchi', birthdate: '2022-09-03' }]);
  });

  it('a guardian named on the birth certificate qualifies as guardian', () => {
    const data = { birth_date: '2022-09-03', parents: [{ given_name: 'Giulia', family_name: 'Rossi', birth_date: '1988-04-12', relationship: 'guardian' }] };
    const result = whoQualifies({ evidenceType: 'birth', data, subject: { given_name: 'Sofia', family_name: 'Bianchi' }, citizen: giulia, now });
    assert.equal(result.outcome === 'qualifies' && result.relationship, 'guardian');
  });

  it('W-30c her own birth certificate does not let her act for anyone', () => {
    const data = { birth_date: '1988-04-12', parents: [{ given_name: 'Anna', family_name: 'Rossi', birth_date: '1960-01-01', relationship: 'parent' }] };
    assert.deepEqual(whoQualifies({ evidenceType: 'birth', data, subject: { given_name: 'Giulia', family_name: 'Rossi' }, citizen: giulia, now }),
      { outcome: 'refused', code: 'mandate_not_parent' });
  });

  it('a family composition: the head acts for the members marked child, a member marked parent for the head', () => {
    const members = [{ ...sofia, relationship: 'head' }, { given_name: 'Giulia', family_name: 'Rossi', birth_date: '1988-04-12', relationship: 'parent' }];
    const result = whoQualifies({ evidenceType: 'family-composition', data: { members }, citizen: giulia, now });
    assert.equal(result.outcome === 'qualifies' && result.children[0]!.person.given_name, 'Sofia');
  });

  it('W-31c a child entry without a birth date is never offered (its minority cannot be shown)', () => {
    const members = [{ given_name: 'Giulia', family_name: 'Rossi', birth_date: '1988-04-12', relationship: 'head' }, { given_name: 'Sofia', family_name: 'Bianchi', relationship: 'child' }];
    assert.deepEqual(whoQualifies({ evidenceType: 'family-composition', data: { members }, citizen: giulia, now }), { outcome: 'refused', code: 'mandate_not_parent' });
  });

  it('other document types never qualify', () => {
    assert.equal(whoQualifies({ evidenceType: 'residence', data: {}, citizen: giulia, now }).outcome, 'refused');
  });

  it('comes of age on the 18th birthday; 29 February births on 1 March', () => {
    assert.equal(adultOn('2022-09-03'), '2040-09-03');
    assert.equal(adultOn('2008-02-29'), '2026-03-01');
  });
});
