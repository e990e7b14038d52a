/** Invented civil-status facts about the demo citizens that src/demo/citizens.ts does not carry. */

/** Registered at the current address since (invented; a child since birth). */
export const registeredSince: Readonly<Record<string, string>> = {
  'it-giulia-rossi': '2016-05-10', 'it-marco-bianchi': '2016-05-10',
  'de-jonas-weber': '2011-09-01', 'de-anna-schulz': '2019-04-15',
  'es-lucia-garcia': '2025-09-15', 'es-javier-ruiz': '2025-09-15',
  'rs-milica-petrovic': '2015-02-01', 'rs-nikola-jovanovic': '2012-10-20',
};

/** Civil marriages on record (the Lecce parents are partners, not married: a marriage request for them finds no record). */
export const demoMarriages: ReadonlyArray<{ spouses: readonly [string, string]; date: string; place: string }> = [
  { spouses: ['es-lucia-garcia', 'es-javier-ruiz'], date: '2021-06-19', place: 'Sevilla' },
];

export const demoDiplomas: Readonly<Record<string, Record<string, unknown>>> = {
  'rs-milica-petrovic': {
    institution: 'Univerzitet u Novom Sadu, Fakultet tehničkih nauka',
    degree_title: 'Master inženjer elektrotehnike i računarstva',
    field_of_study: 'Računarstvo i automatika',
    eqf_level: '7',
    award_date: '2014-07-04',
  },
};
