import type { CitizenAddress } from './citizen.js';
import { hasControlCharacters, parsePersonIdentifier } from './citizen.js';
import { PasserelleError } from './errors.js';

/** A legal person as eIDAS describes it (the legal-person attribute set), protocol-free. */
export interface Organisation {
  /** eIDAS unique identifier `XX/YY/opaque`, like a person's. */
  readonly legalPersonIdentifier: string;
  readonly legalName: string;
  readonly legalAddress?: CitizenAddress;
  readonly vatRegistrationNumber?: string;
  readonly taxReference?: string;
  /** Directive 2012/17/EU (business registers interconnection) identifier, the EUID. */
  readonly euIdentifier?: string;
  /** Legal Entity Identifier (ISO 17442). */
  readonly lei?: string;
  /** Economic Operator Registration and Identification number. */
  readonly eori?: string;
  /** System for Exchange of Excise Data number. */
  readonly seed?: string;
  /** Standard Industrial Classification code. */
  readonly sic?: string;
}

function malformed(detail: string): never {
  throw new PasserelleError('citizen_attribute_malformed', `organisation ${detail}`);
}

/** ISO 17442: 18 alphanumerics and two check digits, ISO 7064 MOD 97-10 over the whole code. */
function validLei(value: string): boolean {
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(value)) return false;
  let remainder = 0;
  for (const ch of value) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Formats the eIDAS attribute profile gives (country prefix + national number), and a bound on free text. */
const formats: ReadonlyArray<[keyof Organisation, (v: string) => boolean, string]> = [
  ['lei', validLei, 'LEI is not an ISO 17442 code'],
  ['eori', (v) => /^[A-Z]{2}[A-Z0-9]{1,15}$/.test(v), 'EORI is not a country code and up to 15 characters'],
  ['vatRegistrationNumber', (v) => /^[A-Z]{2}[A-Z0-9+*.]{2,13}$/.test(v), 'VAT registration number is not a country prefix and number'],
  ['seed', (v) => /^[A-Z]{2}[A-Z0-9]{11}$/.test(v), 'SEED number is not a country code and 11 characters'],
];

const textFields = ['legalName', 'taxReference', 'euIdentifier', 'sic', 'vatRegistrationNumber', 'lei', 'eori', 'seed'] as const;

/**
 * Builds the organisation a citizen acts for and checks the set once: the legal-person minimum data
 * set (identifier and name) is present, the identifier is `XX/YY/id` with XX = the authenticating
 * country and YY = ours, no value carries control characters or is overlong, and the registration
 * numbers with a defined format have it.
 */
export function buildOrganisation(input: Organisation, country: string, receivingCountry: string): Organisation {
  for (const field of ['legalPersonIdentifier', 'legalName'] as const) {
    if (typeof input[field] !== 'string' || input[field].trim() === '') {
      throw new PasserelleError('citizen_attribute_missing', `organisation ${field} missing`);
    }
  }
  const identifier = parsePersonIdentifier(input.legalPersonIdentifier);
  if (!identifier || identifier.issuingCountry !== country || identifier.receivingCountry !== receivingCountry) {
    throw new PasserelleError('person_identifier_invalid', 'legal person identifier is not XX/YY/id of the authenticating country and ours');
  }
  for (const field of textFields) {
    const value = input[field];
    if (value === undefined) continue;
    if (value.length > 512 || hasControlCharacters(value)) malformed(`${field} has control characters or is too long`);
  }
  for (const [field, valid, message] of formats) {
    const value = input[field];
    if (typeof value === 'string' && !valid(value)) malformed(message);
  }
  return Object.freeze({ ...input, ...(input.legalAddress ? { legalAddress: Object.freeze({ ...input.legalAddress }) } : {}) });
}
