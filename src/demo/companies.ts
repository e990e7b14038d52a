import type { CitizenAddress } from '../core/citizen.js';
import { citizenByKey, type DemoCitizen, type DemoCountry } from './citizens.js';

/**
 * One invented company per demo country, each with a demo citizen as its legal representative: the
 * demo IdPs offer them when Passerelle asks for a login on behalf of an organisation (eIDAS legal
 * person + natural-person representative). Registration numbers have valid formats (the LEIs pass
 * their ISO 17442 check digits) but belong to nobody.
 */
export interface DemoCompany {
  readonly key: string;
  readonly country: DemoCountry;
  /** The opaque third part of the eIDAS LegalPersonIdentifier. */
  readonly nationalId: string;
  readonly legalName: string;
  /** The name in the national non-Latin script, sent as a second value with LatinScript="false". */
  readonly nativeLegalName?: string;
  readonly address: CitizenAddress;
  readonly vatRegistrationNumber: string;
  readonly lei: string;
  readonly eori?: string;
  readonly taxReference?: string;
  readonly euIdentifier?: string;
  readonly seed?: string;
  readonly sic?: string;
  /** Demo citizen key of the person who represents the company. */
  readonly representative: string;
}

export const demoCompanies: readonly DemoCompany[] = [
  {
    key: 'it-bianchi-falegnameria', country: 'IT', nationalId: '04721580759', legalName: 'Falegnameria Bianchi S.r.l.',
    address: { locatorDesignator: '8', thoroughfare: 'Via di Leuca', postName: 'Lecce', postCode: '73100', adminUnitFirstLine: 'IT', adminUnitSecondLine: 'Puglia' },
    vatRegistrationNumber: 'IT04721580759', lei: '815600PASSERELLEIT14', eori: 'IT04721580759', taxReference: '04721580759',
    euIdentifier: 'ITLE.LE-312458', sic: '2431', representative: 'it-marco-bianchi',
  },
  {
    key: 'de-weber-hafenlogistik', country: 'DE', nationalId: 'HRB-5127-BHV', legalName: 'Weber Hafenlogistik GmbH',
    address: { locatorDesignator: '12', thoroughfare: 'Am Alten Hafen', postName: 'Bremerhaven', postCode: '27568', adminUnitFirstLine: 'DE', adminUnitSecondLine: 'Bremen' },
    vatRegistrationNumber: 'DE298765431', lei: '529900PASSERELLEDE25', eori: 'DE4829301', taxReference: '75/123/04567',
    euIdentifier: 'DEF1104R.HRB5127', sic: '4731', representative: 'de-jonas-weber',
  },
  {
    key: 'es-ruiz-ortega-ingenieria', country: 'ES', nationalId: 'B39876543', legalName: 'Ruiz Ortega Ingeniería S.L.',
    address: { locatorDesignator: '4', thoroughfare: 'Calle Castelar', postName: 'Santander', postCode: '39004', adminUnitFirstLine: 'ES', adminUnitSecondLine: 'Cantabria' },
    vatRegistrationNumber: 'ESB39876543', lei: '959800PASSERELLEES98', taxReference: 'B39876543',
    euIdentifier: 'ESRMC.39876543', sic: '8711', representative: 'es-javier-ruiz',
  },
  {
    key: 'rs-petrovic-softver', country: 'RS', nationalId: '21458796', legalName: 'Petrović Softver d.o.o.', nativeLegalName: 'Петровић Софтвер д.о.о.',
    address: { locatorDesignator: '3', thoroughfare: 'Bulevar Mihajla Pupina', postName: 'Novi Sad', postCode: '21000', adminUnitFirstLine: 'RS', adminUnitSecondLine: 'Vojvodina' },
    vatRegistrationNumber: 'RS112345678', lei: '894500PASSERELLERS85', taxReference: '112345678', sic: '7372', representative: 'rs-milica-petrovic',
  },
];

export function companiesOf(country: string): readonly DemoCompany[] {
  return demoCompanies.filter((c) => c.country === country);
}

export function companyByKey(key: string): DemoCompany | undefined {
  return demoCompanies.find((c) => c.key === key);
}

export function representativeOf(company: DemoCompany): DemoCitizen {
  const citizen = citizenByKey(company.representative);
  if (!citizen) throw new Error(`demo company ${company.key} names an unknown representative`);
  return citizen;
}

/** The eIDAS LegalPersonIdentifier `<issuing country>/<receiving country>/<national id>`. */
export function legalPersonIdentifierOf(company: DemoCompany, receivingCountry: string): string {
  return `${company.country}/${receivingCountry}/${company.nationalId}`;
}
