import { buildCitizen, type AuthenticatedCitizen } from '../../../../src/core/citizen.js';
import type { Loa } from '../../../../src/core/loa.js';
import { demoCitizens } from '../../../../src/demo/citizens.js';

/** A validated citizen built from the first demo citizen of `country`, as an adapter would hand it over. */
export function testCitizen(country: string, loa: Loa = 'substantial', overrides: Partial<AuthenticatedCitizen> = {}): AuthenticatedCitizen {
  const demo = demoCitizens.find((c) => c.country === country);
  if (!demo) throw new Error(`no demo citizen for ${country}`);
  return buildCitizen({
    personIdentifier: `${demo.country}/DE/${demo.nationalId}`,
    familyName: demo.familyName,
    givenName: demo.givenName,
    dateOfBirth: demo.dateOfBirth,
    ...(demo.birthName ? { birthName: demo.birthName } : {}),
    placeOfBirth: demo.placeOfBirth,
    currentAddress: demo.address,
    gender: demo.gender,
    nationality: demo.nationality,
    countryOfBirth: demo.countryOfBirth,
    townOfBirth: demo.townOfBirth,
    countryOfResidence: demo.countryOfResidence,
    ...(demo.email ? { emailAddress: demo.email } : {}),
    ...(demo.phone ? { phoneNumber: demo.phone } : {}),
    loa,
    country: demo.country,
    source: { protocol: 'eidas-saml', issuer: `https://idp.${country.toLowerCase()}.test/metadata` },
    assertionId: '_test-' + Math.random().toString(36).slice(2),
    authenticatedAt: Date.now(),
    ...overrides,
  }, 'DE');
}
