import type { CitizenAddress } from '../../core/citizen.js';
import { citizenByKey, demoCitizens, personIdentifierOf, pidAdministrativeNumber, type DemoCitizen } from '../citizens.js';
import { demoAuthorities, type DemoEvidenceType } from './authorities.js';
import { demoDiplomas, demoMarriages, registeredSince } from './civil-facts.js';
import { householdOf } from './households.js';

/** What an authority holds about one person: the identity it matches on and its documents' data. */
export interface DemoRecord {
  readonly personIdentifier: string;
  /** The number her country's PID provider gives her (PID `personal_administrative_number`), when it gives one. */
  readonly administrativeNumber?: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly birthDate: string;
  readonly documents: Readonly<Partial<Record<DemoEvidenceType, Record<string, unknown>>>>;
}

/** Records per authority path (`it`, `de`, `es`, `rs`). */
export type DemoRecordBook = Readonly<Record<string, readonly DemoRecord[]>>;

export function addressOf(address: CitizenAddress, country: string): Record<string, string> {
  return {
    street: [address.thoroughfare, address.locatorDesignator].filter(Boolean).join(' '),
    post_code: address.postCode ?? '',
    locality: address.postName ?? '',
    country: address.adminUnitFirstLine ?? country,
  };
}

function personEntry(citizen: DemoCitizen, relationship?: string): Record<string, string> {
  return {
    family_name: citizen.familyName, given_name: citizen.givenName, birth_date: citizen.dateOfBirth,
    ...(relationship ? { relationship } : {}),
  };
}

function documentsOf(citizen: DemoCitizen): DemoRecord['documents'] {
  const since = registeredSince[citizen.key] ?? citizen.dateOfBirth;
  const address = addressOf(citizen.address, citizen.country);
  const municipality = citizen.address.postName ?? '';
  const parents = (citizen.relations.parents ?? []).map((key) => citizenByKey(key)).filter((p): p is DemoCitizen => Boolean(p));
  const documents: Partial<Record<DemoEvidenceType, Record<string, unknown>>> = {
    birth: {
      birth_date: citizen.dateOfBirth, place_of_birth: citizen.placeOfBirth, country_of_birth: citizen.countryOfBirth,
      sex: citizen.gender === 'Female' ? 'F' : citizen.gender === 'Male' ? 'M' : 'X',
      ...(parents.length > 0 ? { parents: parents.map((p) => personEntry(p, 'parent')) } : {}),
    },
    residence: { address, municipality, registered_since: since > citizen.dateOfBirth ? since : citizen.dateOfBirth },
    'family-composition': {
      address, municipality,
      members: householdOf(citizen).map(({ member, relationship }) => personEntry(member, relationship)),
    },
  };
  const marriage = demoMarriages.find((m) => m.spouses.includes(citizen.key));
  if (marriage) {
    documents.marriage = {
      spouses: marriage.spouses.map((key) => citizenByKey(key)).filter((p): p is DemoCitizen => Boolean(p)).map((p) => personEntry(p)),
      marriage_date: marriage.date,
      place_of_marriage: marriage.place,
    };
  }
  const diploma = demoDiplomas[citizen.key];
  if (diploma) documents['higher-education-diploma'] = { ...diploma };
  return documents;
}

/**
 * Each demo citizen's records at their home country's authority, keyed by the eIDAS
 * PersonIdentifier as Passerelle (node country `nodeCountry`) receives it.
 */
export function defaultDemoRecords(nodeCountry = 'DE'): DemoRecordBook {
  const book: Record<string, DemoRecord[]> = {};
  for (const authority of demoAuthorities) {
    book[authority.path] = demoCitizens.filter((c) => c.country === authority.country).map((citizen) => ({
      personIdentifier: personIdentifierOf(citizen, nodeCountry),
      administrativeNumber: pidAdministrativeNumber(citizen),
      familyName: citizen.familyName,
      givenName: citizen.givenName,
      birthDate: citizen.dateOfBirth,
      documents: documentsOf(citizen),
    }));
  }
  return book;
}
