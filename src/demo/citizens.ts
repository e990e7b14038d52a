import { createHash } from 'node:crypto';
import type { CitizenAddress, Gender } from '../core/citizen.js';

/**
 * The demo citizens, shared by the demo national IdPs (who log them in) and the demo issuing
 * authorities (who hold their documents). Invented people with realistic data; the seed
 * stories of the demo: the Rossi–Bianchi family moving from Lecce to Bremerhaven, a newcomer
 * couple in Santander, pilots in Novi Sad, and residents of Bremerhaven.
 */
export const demoCountries = ['IT', 'DE', 'ES', 'RS'] as const;
export type DemoCountry = (typeof demoCountries)[number];

export interface DemoCitizen {
  /** Stable key across the demo apps (lowercase, URL-safe). */
  readonly key: string;
  readonly country: DemoCountry;
  /** National identifier: the opaque third part of the eIDAS PersonIdentifier. */
  readonly nationalId: string;
  readonly givenName: string;
  /** Spanish citizens carry both surnames here, as Cl@ve does. */
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly gender: Gender;
  readonly birthName?: string;
  readonly placeOfBirth: string;
  readonly townOfBirth: string;
  readonly countryOfBirth: string;
  readonly nationality: readonly string[];
  readonly countryOfResidence: string;
  readonly address: CitizenAddress;
  readonly email?: string;
  readonly phone?: string;
  /** Names in the national non-Latin script, sent as a second value with LatinScript="false". */
  readonly nativeScript?: { readonly givenName: string; readonly familyName: string };
  /** Keys of related demo citizens (for family-composition and marriage evidence). */
  readonly relations: { readonly partner?: string; readonly children?: readonly string[]; readonly parents?: readonly string[] };
  /** One line for the README and the demo login page. */
  readonly story: string;
}

const lecceHome: CitizenAddress = {
  locatorDesignator: '24', thoroughfare: 'Via Giuseppe Palmieri', postName: 'Lecce', postCode: '73100',
  adminUnitFirstLine: 'IT', adminUnitSecondLine: 'Puglia', cvaddressArea: 'Centro storico',
};

const santanderHome: CitizenAddress = {
  locatorDesignator: '12, 3º B', thoroughfare: 'Calle Burgos', postName: 'Santander', postCode: '39008',
  adminUnitFirstLine: 'ES', adminUnitSecondLine: 'Cantabria',
};

export const demoCitizens: readonly DemoCitizen[] = [
  {
    key: 'it-giulia-rossi', country: 'IT', nationalId: 'RSSGLI88D52E506C',
    givenName: 'Giulia', familyName: 'Rossi', dateOfBirth: '1988-04-12', gender: 'Female',
    placeOfBirth: 'Lecce', townOfBirth: 'Lecce', countryOfBirth: 'IT', nationality: ['IT'], countryOfResidence: 'IT',
    address: lecceHome, email: 'giulia.rossi@example.it', phone: '+393471234567',
    relations: { partner: 'it-marco-bianchi', children: ['it-sofia-bianchi'] },
    story: 'Parent moving from Lecce to Bremerhaven; applies for a kindergarten place for Sofia.',
  },
  {
    key: 'it-marco-bianchi', country: 'IT', nationalId: 'BNCMRC86S23E506O',
    givenName: 'Marco', familyName: 'Bianchi', dateOfBirth: '1986-11-23', gender: 'Male',
    placeOfBirth: 'Lecce', townOfBirth: 'Lecce', countryOfBirth: 'IT', nationality: ['IT'], countryOfResidence: 'IT',
    address: lecceHome, email: 'marco.bianchi@example.it',
    relations: { partner: 'it-giulia-rossi', children: ['it-sofia-bianchi'] },
    story: 'Giulia\'s partner, moving with the family to Bremerhaven.',
  },
  {
    key: 'it-sofia-bianchi', country: 'IT', nationalId: 'BNCSFO22P43E506M',
    givenName: 'Sofia', familyName: 'Bianchi', dateOfBirth: '2022-09-03', gender: 'Female',
    placeOfBirth: 'Lecce', townOfBirth: 'Lecce', countryOfBirth: 'IT', nationality: ['IT'], countryOfResidence: 'IT',
    address: lecceHome,
    relations: { parents: ['it-giulia-rossi', 'it-marco-bianchi'] },
    story: 'Giulia and Marco\'s daughter, who needs a kindergarten place in Bremerhaven.',
  },
  {
    key: 'de-jonas-weber', country: 'DE', nationalId: '7b1e4c90a2d35f68',
    givenName: 'Jonas', familyName: 'Weber', dateOfBirth: '1979-06-14', gender: 'Male',
    placeOfBirth: 'Bremen', townOfBirth: 'Bremen', countryOfBirth: 'DE', nationality: ['DE'], countryOfResidence: 'DE',
    address: { locatorDesignator: '120', thoroughfare: 'Bürgermeister-Smidt-Straße', postName: 'Bremerhaven', postCode: '27568', adminUnitFirstLine: 'DE', adminUnitSecondLine: 'Bremen' },
    email: 'jonas.weber@example.de',
    relations: {},
    story: 'Bremerhaven resident using the German eID (Online-Ausweis).',
  },
  {
    key: 'de-anna-schulz', country: 'DE', nationalId: 'c4f02e7d918ab356',
    givenName: 'Anna', familyName: 'Schulz', birthName: 'Meyer', dateOfBirth: '1992-03-08', gender: 'Female',
    placeOfBirth: 'Hamburg', townOfBirth: 'Hamburg', countryOfBirth: 'DE', nationality: ['DE'], countryOfResidence: 'DE',
    address: { locatorDesignator: '45', thoroughfare: 'Hafenstraße', postName: 'Bremerhaven', postCode: '27576', adminUnitFirstLine: 'DE', adminUnitSecondLine: 'Bremen' },
    relations: {},
    story: 'Bremerhaven resident with a birth name; applies for a kindergarten place too.',
  },
  {
    key: 'es-lucia-garcia', country: 'ES', nationalId: '53864217B',
    givenName: 'Lucía', familyName: 'García Fernández', dateOfBirth: '1995-07-21', gender: 'Female',
    placeOfBirth: 'Sevilla', townOfBirth: 'Sevilla', countryOfBirth: 'ES', nationality: ['ES'], countryOfResidence: 'ES',
    address: santanderHome, email: 'lucia.garcia@example.es', phone: '+34612345678',
    relations: { partner: 'es-javier-ruiz' },
    story: 'Newcomer in Santander from Sevilla; registers in the municipal census (padrón).',
  },
  {
    key: 'es-javier-ruiz', country: 'ES', nationalId: '71429083F',
    givenName: 'Javier', familyName: 'Ruiz Ortega', dateOfBirth: '1991-01-30', gender: 'Male',
    placeOfBirth: 'Valladolid', townOfBirth: 'Valladolid', countryOfBirth: 'ES', nationality: ['ES'], countryOfResidence: 'ES',
    address: santanderHome,
    relations: { partner: 'es-lucia-garcia' },
    story: 'Lucía\'s husband; their marriage certificate backs the census registration.',
  },
  {
    key: 'rs-milica-petrovic', country: 'RS', nationalId: '1705990805129',
    givenName: 'Milica', familyName: 'Petrović', dateOfBirth: '1990-05-17', gender: 'Female',
    placeOfBirth: 'Novi Sad', townOfBirth: 'Novi Sad', countryOfBirth: 'RS', nationality: ['RS'], countryOfResidence: 'RS',
    address: { locatorDesignator: '7', thoroughfare: 'Zmaj Jovina', postName: 'Novi Sad', postCode: '21000', adminUnitFirstLine: 'RS', adminUnitSecondLine: 'Vojvodina' },
    email: 'milica.petrovic@example.rs',
    nativeScript: { givenName: 'Милица', familyName: 'Петровић' },
    relations: {},
    story: 'Novi Sad pilot user; her university diploma is available as evidence.',
  },
  {
    key: 'rs-nikola-jovanovic', country: 'RS', nationalId: '0210984820032',
    givenName: 'Nikola', familyName: 'Jovanović', dateOfBirth: '1984-10-02', gender: 'Male',
    placeOfBirth: 'Subotica', townOfBirth: 'Subotica', countryOfBirth: 'RS', nationality: ['RS'], countryOfResidence: 'RS',
    address: { locatorDesignator: '102', thoroughfare: 'Bulevar oslobođenja', postName: 'Novi Sad', postCode: '21000', adminUnitFirstLine: 'RS', adminUnitSecondLine: 'Vojvodina' },
    nativeScript: { givenName: 'Никола', familyName: 'Јовановић' },
    relations: {},
    story: 'Novi Sad pilot user born in Subotica.',
  },
];

export function citizensOf(country: string): readonly DemoCitizen[] {
  return demoCitizens.filter((c) => c.country === country);
}

export function citizenByKey(key: string): DemoCitizen | undefined {
  return demoCitizens.find((c) => c.key === key);
}

/** The eIDAS PersonIdentifier `<issuing country>/<receiving country>/<national id>`. */
export function personIdentifierOf(citizen: DemoCitizen, receivingCountry: string): string {
  return `${citizen.country}/${receivingCountry}/${citizen.nationalId}`;
}

/**
 * The `personal_administrative_number` a demo PID provider writes into the citizen's PID (the
 * PID rulebook leaves its form to the provider). Her home country's registers know it too, as a
 * real register knows the number its country's PID provider gives: the demo authorities match
 * wallet identities on it. Deliberately not the national id, so a test can tell the two apart.
 */
export function pidAdministrativeNumber(citizen: DemoCitizen): string {
  return `${citizen.country}-${createHash('sha256').update(citizen.nationalId).digest('hex').slice(0, 12).toUpperCase()}`;
}

/** Finds the citizen behind a PersonIdentifier, whatever receiving country it names. */
export function citizenByPersonIdentifier(identifier: string): DemoCitizen | undefined {
  const match = /^([A-Z]{2})\/[A-Z]{2}\/(.+)$/.exec(identifier);
  if (!match) return undefined;
  return demoCitizens.find((c) => c.country === match[1] && c.nationalId === match[2]);
}
