/**
 * The one attribute table: eIDAS attribute URI ⇄ internal name ⇄ OIDC claim.
 * Inbound adapters read the URI column, outbound adapters the claim column; nothing else
 * spells a protocol name for a person's attribute.
 */
const natural = 'http://eidas.europa.eu/attributes/naturalperson/';

export interface AttributeDefinition {
  /** Internal name used by the neutral model. */
  readonly name: CitizenAttributeName;
  /** eIDAS attribute Name (NameFormat uri). */
  readonly eidasUri: string;
  readonly friendlyName: string;
  /** Part of the eIDAS minimum data set. */
  readonly mandatory: boolean;
  /** OIDC claim carrying the value. */
  readonly claim: string;
  /** OIDC scope that releases the claim. */
  readonly scope: 'openid' | 'profile' | 'address' | 'email' | 'phone' | 'eidas';
}

export type CitizenAttributeName =
  | 'personIdentifier' | 'familyName' | 'givenName' | 'dateOfBirth'
  | 'birthName' | 'placeOfBirth' | 'currentAddress' | 'gender'
  | 'phoneNumber' | 'nationality' | 'countryOfBirth' | 'townOfBirth'
  | 'countryOfResidence' | 'emailAddress';

export const attributeTable: readonly AttributeDefinition[] = [
  { name: 'personIdentifier', eidasUri: natural + 'PersonIdentifier', friendlyName: 'PersonIdentifier', mandatory: true, claim: 'eidas_person_identifier', scope: 'eidas' },
  { name: 'familyName', eidasUri: natural + 'CurrentFamilyName', friendlyName: 'FamilyName', mandatory: true, claim: 'family_name', scope: 'profile' },
  { name: 'givenName', eidasUri: natural + 'CurrentGivenName', friendlyName: 'FirstName', mandatory: true, claim: 'given_name', scope: 'profile' },
  { name: 'dateOfBirth', eidasUri: natural + 'DateOfBirth', friendlyName: 'DateOfBirth', mandatory: true, claim: 'birthdate', scope: 'profile' },
  { name: 'birthName', eidasUri: natural + 'BirthName', friendlyName: 'BirthName', mandatory: false, claim: 'birth_family_name', scope: 'eidas' },
  { name: 'placeOfBirth', eidasUri: natural + 'PlaceOfBirth', friendlyName: 'PlaceOfBirth', mandatory: false, claim: 'place_of_birth', scope: 'eidas' },
  { name: 'currentAddress', eidasUri: natural + 'CurrentAddress', friendlyName: 'CurrentAddress', mandatory: false, claim: 'address', scope: 'address' },
  { name: 'gender', eidasUri: natural + 'Gender', friendlyName: 'Gender', mandatory: false, claim: 'gender', scope: 'profile' },
  { name: 'phoneNumber', eidasUri: natural + 'PhoneNumber', friendlyName: 'PhoneNumber', mandatory: false, claim: 'phone_number', scope: 'phone' },
  { name: 'nationality', eidasUri: natural + 'Nationality', friendlyName: 'Nationality', mandatory: false, claim: 'nationalities', scope: 'eidas' },
  { name: 'countryOfBirth', eidasUri: natural + 'CountryOfBirth', friendlyName: 'CountryOfBirth', mandatory: false, claim: 'country_of_birth', scope: 'eidas' },
  { name: 'townOfBirth', eidasUri: natural + 'TownOfBirth', friendlyName: 'TownOfBirth', mandatory: false, claim: 'town_of_birth', scope: 'eidas' },
  { name: 'countryOfResidence', eidasUri: natural + 'CountryOfResidence', friendlyName: 'CountryOfResidence', mandatory: false, claim: 'country_of_residence', scope: 'eidas' },
  { name: 'emailAddress', eidasUri: natural + 'EmailAddress', friendlyName: 'EmailAddress', mandatory: false, claim: 'email', scope: 'email' },
];

export const attributeNames = attributeTable.map((a) => a.name) as readonly CitizenAttributeName[];

export function attributeByName(name: CitizenAttributeName): AttributeDefinition {
  const found = attributeTable.find((a) => a.name === name);
  if (!found) throw new Error(`attribute table has no entry for ${name}`);
  return found;
}

export function attributeByUri(uri: string): AttributeDefinition | undefined {
  return attributeTable.find((a) => a.eidasUri === uri);
}

export function attributeByClaim(claim: string): AttributeDefinition | undefined {
  return attributeTable.find((a) => a.claim === claim);
}

export const mandatoryAttributes = attributeTable.filter((a) => a.mandatory).map((a) => a.name);
