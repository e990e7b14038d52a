import { attributeTable, type CitizenAttributeName } from '../../core/attributes.js';
import { legalPersonAttributeTable } from '../../core/legal-person-attributes.js';
import type { Organisation } from '../../core/organisation.js';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { addressClaim } from './address-claim.js';

/**
 * The only place that writes OIDC claim values from the neutral citizen. Claim names come
 * from the attribute table; `allowed` is what the portal is registered for, so a claim a
 * portal may not receive is never even produced. Authentication claims (`acr`, `amr`,
 * `auth_time`) come from the login session, not from here. For a login on behalf of an
 * organisation, the natural-person claims describe the representative and the legal-person
 * claims the organisation.
 */
export function claimsFromCitizen(citizen: AuthenticatedCitizen, allowed: ReadonlySet<string>): Record<string, unknown> {
  const claims: Record<string, unknown> = { eidas_country: citizen.country };
  for (const attribute of attributeTable) {
    if (!allowed.has(attribute.claim)) continue;
    const value = claimValue(citizen, attribute.name);
    if (value !== undefined) claims[attribute.claim] = value;
  }
  const organisation = citizen.onBehalfOf;
  if (organisation) {
    for (const attribute of legalPersonAttributeTable) {
      if (!allowed.has(attribute.claim)) continue;
      const value = organisationClaimValue(organisation, attribute.name);
      if (value !== undefined) claims[attribute.claim] = value;
    }
  }
  return claims;
}

function organisationClaimValue(organisation: Organisation, name: (typeof legalPersonAttributeTable)[number]['name']): unknown {
  if (name === 'legalAddress') return organisation.legalAddress ? addressClaim(organisation.legalAddress) : undefined;
  return organisation[name];
}

function claimValue(citizen: AuthenticatedCitizen, name: CitizenAttributeName): unknown {
  switch (name) {
    case 'personIdentifier': return citizen.personIdentifier;
    case 'familyName': return citizen.familyName;
    case 'givenName': return citizen.givenName;
    case 'dateOfBirth': return citizen.dateOfBirth;
    case 'birthName': return citizen.birthName;
    case 'placeOfBirth': return citizen.placeOfBirth;
    // OIDC Core §5.1 spells gender in lower case: male, female, and other values as they are.
    case 'gender': return citizen.gender?.toLowerCase();
    case 'currentAddress': return citizen.currentAddress ? addressClaim(citizen.currentAddress) : undefined;
    case 'phoneNumber': return citizen.phoneNumber;
    case 'nationality': return citizen.nationality?.length ? [...citizen.nationality] : undefined;
    case 'countryOfBirth': return citizen.countryOfBirth;
    case 'townOfBirth': return citizen.townOfBirth;
    case 'countryOfResidence': return citizen.countryOfResidence;
    case 'emailAddress': return citizen.emailAddress;
  }
}
