import type { CitizenAttributeName } from '../../core/attributes.js';

/**
 * The PID rulebook's claim names (ARF Annex 3.01) for each neutral attribute, in both formats:
 * SD-JWT VC paths (vct `urn:eudi:pid:1`) and mdoc data elements (namespace
 * `eu.europa.ec.eudi.pid.1`). This table is the only place that spells them; the query asks
 * for what a portal may receive, the translation reads the same names back.
 */
export const pidVct = 'urn:eudi:pid:1';
export const pidDocType = 'eu.europa.ec.eudi.pid.1';
export const pidNamespace = pidDocType;

export interface PidClaim {
  /** DCQL claim id (shared by both formats). */
  id: string;
  sdJwt: string;
  mdoc: string;
}

/** Claims every wallet login needs whatever the portal: the issuing country names the trust anchor to use. */
export const issuingCountryClaim: PidClaim = { id: 'issuing_country', sdJwt: 'issuing_country', mdoc: 'issuing_country' };
/** Asked for when the PID has it (not mandatory in the rulebook): the wallet subject is then stable across PID renewals. */
export const administrativeNumberClaim: PidClaim = { id: 'personal_administrative_number', sdJwt: 'personal_administrative_number', mdoc: 'personal_administrative_number' };

const claim = (id: string, sdJwt: string, mdoc: string): PidClaim => ({ id, sdJwt, mdoc });

/** Neutral attribute → the PID claims that carry it. `personIdentifier` has none: Passerelle derives it. */
export const pidClaimsByAttribute: Record<CitizenAttributeName, readonly PidClaim[]> = {
  personIdentifier: [],
  familyName: [claim('family_name', 'family_name', 'family_name')],
  givenName: [claim('given_name', 'given_name', 'given_name')],
  dateOfBirth: [claim('birth_date', 'birthdate', 'birth_date')],
  birthName: [claim('birth_family_name', 'birth_family_name', 'family_name_birth')],
  placeOfBirth: [claim('place_of_birth', 'place_of_birth', 'place_of_birth')],
  townOfBirth: [claim('place_of_birth', 'place_of_birth', 'place_of_birth')],
  countryOfBirth: [claim('place_of_birth', 'place_of_birth', 'place_of_birth')],
  currentAddress: [claim('address', 'address', 'resident_address')],
  countryOfResidence: [claim('resident_country', 'address', 'resident_country')],
  gender: [claim('sex', 'sex', 'sex')],
  phoneNumber: [claim('phone_number', 'phone_number', 'mobile_phone_number')],
  nationality: [claim('nationalities', 'nationalities', 'nationality')],
  emailAddress: [claim('email', 'email', 'email_address')],
};
