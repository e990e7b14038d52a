import assert from 'node:assert/strict';
import { buildCitizen, type AuthenticatedCitizen } from '../../src/core/citizen.js';
import { isValidDateOfBirth } from '../../src/core/date-of-birth.js';
import { isCleanText } from '../../src/core/text-value.js';

const now = Date.parse('2026-11-27T10:00:00Z');

function citizen(overrides: Partial<AuthenticatedCitizen>): AuthenticatedCitizen {
  return buildCitizen({
    personIdentifier: 'IT/DE/ABC123', familyName: 'Rossi', givenName: 'Giulia', dateOfBirth: '1988-04-12',
    loa: 'substantial', country: 'IT', source: { protocol: 'eidas-saml', issuer: 'https://idp.it.test' },
    assertionId: '_a', authenticatedAt: now, ...overrides,
  }, 'DE');
}
const malformed = (overrides: Partial<AuthenticatedCitizen>, message: RegExp) =>
  assert.throws(() => citizen(overrides), { code: 'citizen_attribute_malformed', message });

describe('citizen values as eIDAS defines them', () => {
  it('a wallet PID\'s administrative number is kept as sent; empty, over-long or with a control character it is refused', () => {
    assert.equal(citizen({ administrativeNumber: 'IT-0A1B2C3D4E5F' }).administrativeNumber, 'IT-0A1B2C3D4E5F');
    for (const value of ['', '   ', 'x'.repeat(257), 'IT-1\nIT-2', 'IT-\u0000']) malformed({ administrativeNumber: value }, /administrativeNumber/);
  });

  describe('DateOfBirth', () => {
    it('accepts real calendar dates, leap days included, and the partial forms YYYY-MM and YYYY', () => {
      for (const date of ['1988-04-12', '2000-02-29', '2024-02-29', '1985-12-31', '1985-01', '1985', '0001-01-01', '2026-11-27']) {
        assert.equal(isValidDateOfBirth(date, now), true, date);
        assert.equal(citizen({ dateOfBirth: date }).dateOfBirth, date);
      }
    });

    it('refuses impossible dates: 1985-02-30, 1985-13-45, day or month 00, year 0000, 29 February outside leap years', () => {
      for (const date of ['1985-02-30', '1985-13-45', '1985-04-31', '1985-00-10', '1985-01-00', '0000-01-01', '1900-02-29', '2023-02-29', '1985-00', '1985-13', '0000']) {
        assert.equal(isValidDateOfBirth(date, now), false, date);
        malformed({ dateOfBirth: date }, /dateOfBirth/);
      }
    });

    it('refuses other shapes: time zones, times, two-digit parts, extra text', () => {
      for (const date of ['1985-02-28Z', '1985-02-28+01:00', '1985-02-28T00:00:00', '85-02-28', '1985-2-28', '1985/02/28', ' 1985-02-28', '1985-02-28\n', '+1985-02-28', '١٩٨٥-٠٢-٢٨']) {
        assert.equal(isValidDateOfBirth(date, now), false, date);
      }
    });

    it('refuses a birth date after the authentication, allowing for the time zones already on the next day', () => {
      assert.equal(isValidDateOfBirth('2026-11-28', now), true, 'already 28 November east of UTC+14h at 10:00Z');
      assert.equal(isValidDateOfBirth('2026-11-29', now), false);
      assert.equal(isValidDateOfBirth('2026-12', now), false);
      assert.equal(isValidDateOfBirth('2027', now), false);
      malformed({ dateOfBirth: '2030-01-01' }, /dateOfBirth/);
    });
  });

  describe('free text', () => {
    it('refuses control characters (C0, DEL, C1 including U+0085) and lone surrogates in every name and text field', () => {
      for (const bad of ['Ros\u0001si', 'Rossi\u0000', '\u007FRossi', 'Ros\u0085si', 'Ros\u009Fsi', 'Ros\tsi', 'Ros\nsi', 'Ro\uD800ssi', 'Ro\uDFFFssi']) {
        assert.equal(isCleanText(bad), false, JSON.stringify(bad));
        for (const field of ['familyName', 'givenName', 'birthName', 'placeOfBirth', 'townOfBirth', 'phoneNumber', 'emailAddress'] as const) {
          malformed({ [field]: bad }, new RegExp(field));
        }
        malformed({ currentAddress: { thoroughfare: bad.replace('\n', '\u0002') } }, /currentAddress\.thoroughfare/);
      }
    });

    it('keeps every other character as sent: scripts, astral characters, U+2028, U+FFFD, bidirectional formatting characters', () => {
      for (const good of ['Rossi', 'Ńowak-Żółć', 'Петровић', 'محمد', '\u202EissoR', 'Ro\u2028ssi', 'Ro\uFFFDssi', '𠀋𝔘', 'O\u2019Brien', 'a\u00A0b']) {
        assert.equal(isCleanText(good), true, JSON.stringify(good));
        assert.equal(citizen({ familyName: good }).familyName, good);
      }
    });

    it('allows line feeds in address parts only (a full address may span lines)', () => {
      assert.equal(citizen({ currentAddress: { fullCvaddress: 'Via Roma 1\n73100 Lecce' } }).currentAddress?.fullCvaddress, 'Via Roma 1\n73100 Lecce');
      malformed({ placeOfBirth: 'Lecce\nItalia' }, /placeOfBirth/);
    });
  });
});
