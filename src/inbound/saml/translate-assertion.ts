import { attributeTable, type CitizenAttributeName } from '../../core/attributes.js';
import { buildCitizen, type AuthenticatedCitizen, type Gender } from '../../core/citizen.js';
import { PasserelleError } from '../../core/errors.js';
import { legalPersonAttributeTable, naturalRepresentativeUri, type PersonKind } from '../../core/legal-person-attributes.js';
import type { Loa } from '../../core/loa.js';
import type { Organisation } from '../../core/organisation.js';
import type { ReceivedAttributeValue } from './checks/acs-state.js';
import { decodeCurrentAddress } from './decode-current-address.js';

export interface ValidatedAssertion {
  attributes: ReadonlyMap<string, ReceivedAttributeValue[]>;
  loa: Loa;
  country: string;
  issuer: string;
  assertionId: string;
  authnInstant: number;
}

/** Attributes eIDAS allows to repeat; every other one carries one (Latin-script) value. */
const multiValued: ReadonlySet<CitizenAttributeName> = new Set(['nationality']);

function single(name: string, values: ReceivedAttributeValue[]): string | undefined {
  // Names may come twice: in Latin script and in the original script (LatinScript="false").
  const latin = values.filter((v) => v.latinScript && v.text !== '');
  if (latin.length > 1) throw new PasserelleError('citizen_attribute_malformed', `${name} has more than one value`);
  if (latin.length === 0 && values.some((v) => v.text !== '')) {
    throw new PasserelleError('citizen_attribute_malformed', `${name} has no Latin-script value`);
  }
  return latin[0]?.text;
}

/** The natural person's attributes, under their own names or (for a representative) the representative ones. */
function readNaturalPerson(attributes: ValidatedAssertion['attributes'], uriOf: (name: CitizenAttributeName, uri: string) => string) {
  const read: Partial<Record<CitizenAttributeName, string | string[]>> = {};
  for (const definition of attributeTable) {
    const values = attributes.get(uriOf(definition.name, definition.eidasUri));
    if (!values || values.length === 0) continue;
    if (multiValued.has(definition.name)) {
      const texts = values.map((v) => v.text).filter((t) => t !== '');
      if (texts.length) read[definition.name] = texts;
    } else {
      const text = single(definition.name, values);
      if (text !== undefined) read[definition.name] = text;
    }
  }
  return read;
}

/** The represented organisation; a pre-1.2 name counts as the current one, but not both at once. */
function readOrganisation(attributes: ValidatedAssertion['attributes']): Organisation {
  const read: Record<string, string> = {};
  for (const definition of legalPersonAttributeTable) {
    const found = [definition.eidasUri, ...definition.legacyUris]
      .map((uri) => single(definition.name, attributes.get(uri) ?? []))
      .filter((v): v is string => v !== undefined);
    if (found.length > 1) throw new PasserelleError('citizen_attribute_malformed', `${definition.name} sent under two names`);
    if (found[0] !== undefined) read[definition.name] = found[0];
  }
  const { legalAddress, ...rest } = read;
  return {
    ...rest,
    legalPersonIdentifier: rest.legalPersonIdentifier ?? '',
    legalName: rest.legalName ?? '',
    ...(legalAddress !== undefined ? { legalAddress: decodeCurrentAddress(legalAddress, 'LegalPersonAddress') } : {}),
  };
}

/**
 * The only place that reads eIDAS attribute URIs: the validated assertion becomes the neutral
 * citizen through the attribute tables, and `buildCitizen` checks every invariant (minimum
 * data set present, PersonIdentifier `XX/YY/id` with XX = the authenticating country and
 * YY = our node country, dates and codes well formed). For a login on behalf of an organisation
 * (`subject` legal) the citizen is the representative and the organisation is built and checked
 * with it.
 */
export function translateAssertion(assertion: ValidatedAssertion, nodeCountry: string, subject: PersonKind = 'natural'): AuthenticatedCitizen {
  const read = readNaturalPerson(assertion.attributes, subject === 'legal' ? naturalRepresentativeUri : (_name, uri) => uri);
  const text = (name: CitizenAttributeName) => read[name] as string | undefined;
  const address = text('currentAddress');
  const optional: Partial<AuthenticatedCitizen> = {
    birthName: text('birthName'),
    placeOfBirth: text('placeOfBirth'),
    currentAddress: address === undefined ? undefined : decodeCurrentAddress(address),
    gender: text('gender') as Gender | undefined,
    phoneNumber: text('phoneNumber'),
    nationality: read.nationality as string[] | undefined,
    countryOfBirth: text('countryOfBirth'),
    townOfBirth: text('townOfBirth'),
    countryOfResidence: text('countryOfResidence'),
    emailAddress: text('emailAddress'),
    onBehalfOf: subject === 'legal' ? readOrganisation(assertion.attributes) : undefined,
  };
  return buildCitizen({
    personIdentifier: text('personIdentifier') ?? '',
    familyName: text('familyName') ?? '',
    givenName: text('givenName') ?? '',
    dateOfBirth: text('dateOfBirth') ?? '',
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    loa: assertion.loa,
    country: assertion.country,
    source: { protocol: 'eidas-saml', issuer: assertion.issuer },
    assertionId: assertion.assertionId,
    authenticatedAt: assertion.authnInstant,
  }, nodeCountry);
}
