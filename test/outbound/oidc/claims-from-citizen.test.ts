import assert from 'node:assert/strict';
import { addressClaim } from '../../../src/outbound/oidc/address-claim.js';
import { claimsFromCitizen } from '../../../src/outbound/oidc/claims-from-citizen.js';
import { countryHint } from '../../../src/outbound/oidc/country-hint.js';
import { lowestRequestedLoa, minimumLoaFor } from '../../../src/outbound/oidc/requested-loa.js';
import { claimsOfScopes, scopeClaims } from '../../../src/outbound/oidc/scope-claims.js';
import { testCitizen } from './support/citizens.js';

describe('OpenID Provider: claims from the neutral citizen', () => {
  const everything = new Set(scopeClaims().profile.concat(scopeClaims().eidas, scopeClaims().address, scopeClaims().email, scopeClaims().phone));

  it('writes standard and eIDAS claims under their documented names, gender in lower case', () => {
    const citizen = testCitizen('IT');
    const claims = claimsFromCitizen(citizen, everything);
    assert.equal(claims.given_name, citizen.givenName);
    assert.equal(claims.family_name, citizen.familyName);
    assert.equal(claims.birthdate, citizen.dateOfBirth);
    assert.equal(claims.gender, 'female');
    assert.equal(claims.eidas_person_identifier, citizen.personIdentifier);
    assert.deepEqual(claims.nationalities, ['IT']);
    assert.equal(claims.place_of_birth, citizen.placeOfBirth);
    assert.equal(claims.country_of_birth, 'IT');
    assert.equal(claims.town_of_birth, citizen.townOfBirth);
    assert.equal(claims.country_of_residence, 'IT');
    assert.equal(claims.email, citizen.emailAddress);
    assert.equal(claims.phone_number, citizen.phoneNumber);
    assert.equal(claims.eidas_country, 'IT');
  });

  it('produces only allowed claims', () => {
    const claims = claimsFromCitizen(testCitizen('ES'), new Set(['given_name']));
    assert.deepEqual(Object.keys(claims).sort(), ['eidas_country', 'given_name']);
  });

  it('maps an eIDAS address to the OIDC address object', () => {
    assert.deepEqual(addressClaim({ thoroughfare: 'Calle Burgos', locatorDesignator: '12, 3º B', postName: 'Santander', postCode: '39008', adminUnitFirstLine: 'ES', adminUnitSecondLine: 'Cantabria' }), {
      street_address: 'Calle Burgos 12, 3º B', locality: 'Santander', region: 'Cantabria', postal_code: '39008', country: 'ES',
      formatted: 'Calle Burgos 12, 3º B\n39008 Santander\nCantabria\nES',
    });
    assert.equal(addressClaim({ fullCvaddress: 'Somewhere 1' })?.formatted, 'Somewhere 1');
    assert.equal(addressClaim({}), undefined);
  });

  it('puts acr, amr and auth_time in the openid scope and derives the rest from the attribute table', () => {
    assert.deepEqual(scopeClaims().openid, ['sub', 'acr', 'amr', 'auth_time', 'eidas_country']);
    assert.deepEqual([...claimsOfScopes(['openid', 'eidas'])].sort(),
      ['birth_family_name', 'country_of_birth', 'country_of_residence', 'eidas_person_identifier', 'nationalities', 'place_of_birth', 'town_of_birth']);
    assert.deepEqual([...claimsOfScopes(['constructor', '__proto__', 'toString'])], []);
  });

  it('reads the lowest eIDAS LoA from acr_values and never goes below the country floor', () => {
    const uri = (l: string) => `http://eidas.europa.eu/LoA/${l}`;
    assert.equal(lowestRequestedLoa(`${uri('high')} ${uri('substantial')}`), 'substantial');
    assert.equal(lowestRequestedLoa('urn:other http://eidas.europa.eu/LoA/bogus'), undefined);
    assert.equal(lowestRequestedLoa(undefined), undefined);
    assert.equal(minimumLoaFor(uri('low'), 'substantial'), 'substantial');
    assert.equal(minimumLoaFor(uri('high'), 'low'), 'high');
    assert.equal(minimumLoaFor(undefined, 'low'), 'low');
  });

  it('recognises the country hint in `country` and `login_hint=country:XX` only', () => {
    assert.equal(countryHint({ country: 'IT' }), 'IT');
    assert.equal(countryHint({ login_hint: 'country:ES' }), 'ES');
    assert.equal(countryHint({ login_hint: 'someone@example.org' }), undefined);
    assert.equal(countryHint({ country: 'it' }), undefined);
    assert.equal(countryHint({ country: ['IT'] }), undefined);
  });
});
