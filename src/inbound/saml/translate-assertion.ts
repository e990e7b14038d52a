import { attributeTable, type CitizenAttributeName } from '../../core/attributes.js';
import { buildCitizen, type AuthenticatedCitizen, type Gender } from '../../core/citizen.js';
import { PasserelleError } from '../../core/errors.js';
import type { Loa } from '../../core/loa.js';
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

function single(name: CitizenAttributeName, values: ReceivedAttributeValue[]): string | undefined {
  // Names may come twice: in Latin script and in the original script (LatinScript="false").
  const latin = values.filter((v) => v.latinScript && v.text !== '');
  if (latin.length > 1) throw new PasserelleError('citizen_attribute_malformed', `${name} has more than one value`);
  if (latin.length === 0 && values.some((v) => v.text !== '')) {
    throw new PasserelleError('citizen_attribute_malformed', `${name} has no Latin-script value`);
  }
  return latin[0]?.text;
}

/**
 * The only place that reads eIDAS attribute URIs: the validated assertion becomes the neutral
 * citizen through the attribute table, and `buildCitizen` checks every invariant (minimum
 * data set present, PersonIdentifier `XX/YY/id` with XX = the authenticating country and
 * YY = our node country, dates and codes well formed).
 */
export function translateAssertion(assertion: ValidatedAssertion, nodeCountry: string): AuthenticatedCitizen {
  const read: Partial<Record<CitizenAttributeName, string | string[]>> = {};
  for (const definition of attributeTable) {
    const values = assertion.attributes.get(definition.eidasUri);
    if (!values || values.length === 0) continue;
    if (multiValued.has(definition.name)) {
      const texts = values.map((v) => v.text).filter((t) => t !== '');
      if (texts.length) read[definition.name] = texts;
    } else {
      const text = single(definition.name, values);
      if (text !== undefined) read[definition.name] = text;
    }
  }
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
