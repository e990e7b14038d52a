import assert from 'node:assert/strict';
import { buildCitizen, type AuthenticatedCitizen } from '../../../src/core/citizen.js';
import { subjectMatchesCitizen } from '../../../src/evidence/authority/identity-match.js';
import { requestIdentity } from '../../../src/evidence/authority/sign-request.js';

const person = { familyName: 'Rossi', givenName: 'Giulia', dateOfBirth: '1988-04-12', loa: 'high' as const, country: 'IT', assertionId: 'a', authenticatedAt: Date.parse('2026-12-01') };
const eidas = buildCitizen({ ...person, personIdentifier: 'IT/DE/RSSGLI88D52E506C', source: { protocol: 'eidas-saml', issuer: 'https://idp.it' } }, 'DE');
const wallet = (administrativeNumber?: string): AuthenticatedCitizen => buildCitizen({
  ...person, personIdentifier: 'IT/DE/wallet-abc', ...(administrativeNumber ? { administrativeNumber } : {}), source: { protocol: 'openid4vp', issuer: 'Demo PID provider Italy' },
}, 'DE');
const names = { family_name: 'ROSSI', given_name: 'Giulia', birthdate: '1988-04-12' };

describe('evidence/authority: whose document it is, for an eIDAS and for a wallet login', () => {
  it('an eIDAS login is matched on its PersonIdentifier only: a subject naming her by an administrative number is not hers', () => {
    assert.equal(subjectMatchesCitizen({ person_identifier: 'IT/DE/RSSGLI88D52E506C', ...names }, eidas), true);
    assert.equal(subjectMatchesCitizen({ personal_administrative_number: 'IT-1', ...names }, eidas), false);
    assert.equal(subjectMatchesCitizen({ person_identifier: 'IT/DE/RSSGLI88D52E506C', ...names, birthdate: '1988-04-13' }, eidas), false);
  });

  it('a wallet login is matched on the PID\'s administrative number with names and birth date; never on its Passerelle-made identifier', () => {
    assert.equal(subjectMatchesCitizen({ personal_administrative_number: 'IT-1', ...names }, wallet('IT-1')), true);
    assert.equal(subjectMatchesCitizen({ personal_administrative_number: 'IT-2', ...names }, wallet('IT-1')), false);
    assert.equal(subjectMatchesCitizen({ personal_administrative_number: 'IT-1', ...names, given_name: 'Sofia' }, wallet('IT-1')), false);
    assert.equal(subjectMatchesCitizen({ person_identifier: 'IT/DE/wallet-abc', ...names }, wallet('IT-1')), false);
    assert.equal(subjectMatchesCitizen({ personal_administrative_number: 'IT-1', ...names }, wallet()), false, 'a PID without a number matches nothing');
  });

  it('the request names an eIDAS login by its identifier, a wallet login by the PID\'s country and number, never by the wallet identifier', () => {
    assert.deepEqual(requestIdentity(eidas), { person_identifier: 'IT/DE/RSSGLI88D52E506C', family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' });
    assert.deepEqual(requestIdentity(wallet('IT-1')), { issuing_country: 'IT', personal_administrative_number: 'IT-1', family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' });
    assert.deepEqual(requestIdentity(wallet()), { issuing_country: 'IT', family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' });
  });
});
