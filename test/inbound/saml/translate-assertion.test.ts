import assert from 'node:assert/strict';
import { isPasserelleError } from '../../../src/core/errors.js';
import { decodeCurrentAddress } from '../../../src/inbound/saml/decode-current-address.js';
import { parseXsDuration } from '../../../src/inbound/saml/metadata/xs-duration.js';
import { translateAssertion } from '../../../src/inbound/saml/translate-assertion.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
const values = (...texts: string[]) => texts.map((text) => ({ text, latinScript: true }));

function assertion(extra: Record<string, ReturnType<typeof values>> = {}) {
  return {
    attributes: new Map(Object.entries({
      [natural + 'PersonIdentifier']: values('ES/DE/12345678Z'),
      [natural + 'CurrentFamilyName']: values('García'),
      [natural + 'CurrentGivenName']: values('Lucía'),
      [natural + 'DateOfBirth']: values('1988-02-29'),
      ...extra,
    })),
    loa: 'high' as const, country: 'ES', issuer: 'https://idp.es.test/metadata', assertionId: '_a1', authnInstant: 1_700_000_000_000,
  };
}

const fails = (fn: () => unknown, code: string) => assert.throws(fn, (e: unknown) => isPasserelleError(e) && e.code === code);

describe('translation of a validated eIDAS assertion to the neutral citizen', () => {
  it('builds the citizen from the minimum data set through the attribute table', () => {
    const citizen = translateAssertion(assertion(), 'DE');
    assert.deepEqual({ ...citizen }, {
      personIdentifier: 'ES/DE/12345678Z', familyName: 'García', givenName: 'Lucía', dateOfBirth: '1988-02-29',
      loa: 'high', country: 'ES', source: { protocol: 'eidas-saml', issuer: 'https://idp.es.test/metadata' },
      assertionId: '_a1', authenticatedAt: 1_700_000_000_000,
    });
  });

  it('gives stable codes for missing and malformed values', () => {
    const noBirth = assertion();
    noBirth.attributes.delete(natural + 'DateOfBirth');
    fails(() => translateAssertion(noBirth, 'DE'), 'citizen_attribute_missing');
    fails(() => translateAssertion(assertion({ [natural + 'Gender']: values('F') }), 'DE'), 'citizen_attribute_malformed');
    fails(() => translateAssertion(assertion({ [natural + 'Nationality']: values('Spain') }), 'DE'), 'citizen_attribute_malformed');
    fails(() => translateAssertion(assertion({ [natural + 'PersonIdentifier']: values('ES/FR/1') }), 'DE'), 'person_identifier_invalid');
    fails(() => translateAssertion(assertion({ [natural + 'CurrentGivenName']: [{ text: 'Люсия', latinScript: false }] }), 'DE'), 'citizen_attribute_malformed');
  });

  it('decodes CurrentAddress with or without its namespace declaration, and refuses junk', () => {
    const declared = Buffer.from('<eidas-natural:PostCode xmlns:eidas-natural="http://eidas.europa.eu/attributes/naturalperson">39001</eidas-natural:PostCode>').toString('base64');
    assert.deepEqual(decodeCurrentAddress(declared), { postCode: '39001' });
    const bare = Buffer.from('<eidas-natural:PoBox>1234</eidas-natural:PoBox><eidas-natural:AdminunitFirstline>ES</eidas-natural:AdminunitFirstline>').toString('base64');
    assert.deepEqual(decodeCurrentAddress(bare), { poBox: '1234', adminUnitFirstLine: 'ES' });
    for (const junk of ['%%%', Buffer.from('<x>no parts</x>').toString('base64'), Buffer.from('<!ENTITY x "y">').toString('base64'),
      Buffer.from('<eidas-natural:PostCode>1</eidas-natural:PostCode><eidas-natural:PostCode>2</eidas-natural:PostCode>').toString('base64')]) {
      fails(() => decodeCurrentAddress(junk), 'citizen_attribute_malformed');
    }
  });

  it('reads metadata cacheDuration as xs:duration', () => {
    assert.equal(parseXsDuration('PT1H'), 3_600_000);
    assert.equal(parseXsDuration('P1DT30M'), 86_400_000 + 1_800_000);
    assert.equal(parseXsDuration('PT0.5S'), 500);
    assert.equal(parseXsDuration('P'), undefined);
    assert.equal(parseXsDuration('-PT1H'), undefined);
    assert.equal(parseXsDuration('1 hour'), undefined);
  });
});
