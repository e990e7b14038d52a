import type { DemoEvidenceType } from './authorities.js';

type DocumentLang = 'it' | 'de' | 'es' | 'sr' | 'en';

/** What each demo authority knows about a document it issues: the vct it signs and its titles. */
export interface DemoDocumentKind {
  readonly vct: string;
  readonly validityDays: number;
  readonly titleEn: string;
  /** National document name per country, in the country's language (Serbian in Cyrillic). */
  readonly nationalTitle: Readonly<Record<'IT' | 'DE' | 'ES' | 'RS', string>>;
  /** Short code inside document numbers. */
  readonly code: string;
}

export const documentKinds: Readonly<Record<DemoEvidenceType, DemoDocumentKind>> = {
  birth: {
    vct: 'urn:passerelle:evidence:birth:1', validityDays: 180, titleEn: 'Birth certificate', code: 'NAS',
    nationalTitle: {
      IT: 'Estratto per riassunto dell\'atto di nascita', DE: 'Geburtsurkunde',
      ES: 'Certificado literal de nacimiento', RS: 'Извод из матичне књиге рођених',
    },
  },
  residence: {
    vct: 'urn:passerelle:evidence:residence:1', validityDays: 90, titleEn: 'Certificate of residence', code: 'RES',
    nationalTitle: {
      IT: 'Certificato di residenza', DE: 'Meldebescheinigung',
      ES: 'Certificado de empadronamiento', RS: 'Уверење о пребивалишту',
    },
  },
  'family-composition': {
    vct: 'urn:passerelle:evidence:family-composition:1', validityDays: 180, titleEn: 'Certificate of family composition', code: 'FAM',
    nationalTitle: {
      IT: 'Certificato di stato di famiglia', DE: 'Haushaltsbescheinigung',
      ES: 'Certificado de convivencia', RS: 'Уверење о заједничком домаћинству',
    },
  },
  marriage: {
    vct: 'urn:passerelle:evidence:marriage:1', validityDays: 180, titleEn: 'Marriage certificate', code: 'MAT',
    nationalTitle: {
      IT: 'Estratto per riassunto dell\'atto di matrimonio', DE: 'Eheurkunde',
      ES: 'Certificado literal de matrimonio', RS: 'Извод из матичне књиге венчаних',
    },
  },
  'higher-education-diploma': {
    vct: 'urn:passerelle:evidence:higher-education-diploma:1', validityDays: 3650, titleEn: 'Higher-education diploma', code: 'DIP',
    nationalTitle: {
      IT: 'Certificato di laurea', DE: 'Hochschulabschlusszeugnis',
      ES: 'Título universitario oficial', RS: 'Диплома о стеченом високом образовању',
    },
  },
};

/** Bilingual labels printed on the PDFs: the authority's language, then English. */
const labels: Readonly<Record<string, Readonly<Record<DocumentLang, string>>>> = {
  family_name: { it: 'Cognome', de: 'Familienname', es: 'Apellidos', sr: 'Prezime', en: 'Family name' },
  given_name: { it: 'Nome', de: 'Vorname', es: 'Nombre', sr: 'Ime', en: 'Given name' },
  birthdate: { it: 'Data di nascita', de: 'Geburtsdatum', es: 'Fecha de nacimiento', sr: 'Datum rođenja', en: 'Date of birth' },
  birth_date: { it: 'Data di nascita', de: 'Geburtsdatum', es: 'Fecha de nacimiento', sr: 'Datum rođenja', en: 'Date of birth' },
  place_of_birth: { it: 'Luogo di nascita', de: 'Geburtsort', es: 'Lugar de nacimiento', sr: 'Mesto rođenja', en: 'Place of birth' },
  country_of_birth: { it: 'Stato di nascita', de: 'Geburtsland', es: 'País de nacimiento', sr: 'Država rođenja', en: 'Country of birth' },
  sex: { it: 'Sesso', de: 'Geschlecht', es: 'Sexo', sr: 'Pol', en: 'Sex' },
  parents: { it: 'Genitori', de: 'Eltern', es: 'Progenitores', sr: 'Roditelji', en: 'Parents' },
  address: { it: 'Indirizzo', de: 'Anschrift', es: 'Domicilio', sr: 'Adresa', en: 'Address' },
  municipality: { it: 'Comune', de: 'Gemeinde', es: 'Municipio', sr: 'Opština', en: 'Municipality' },
  registered_since: { it: 'Residente dal', de: 'Gemeldet seit', es: 'Empadronado desde', sr: 'Prijavljen od', en: 'Registered since' },
  members: { it: 'Componenti della famiglia', de: 'Haushaltsmitglieder', es: 'Personas que conviven', sr: 'Članovi domaćinstva', en: 'Household members' },
  spouses: { it: 'Coniugi', de: 'Ehegatten', es: 'Cónyuges', sr: 'Supružnici', en: 'Spouses' },
  marriage_date: { it: 'Data del matrimonio', de: 'Datum der Eheschließung', es: 'Fecha del matrimonio', sr: 'Datum venčanja', en: 'Date of marriage' },
  place_of_marriage: { it: 'Luogo del matrimonio', de: 'Ort der Eheschließung', es: 'Lugar del matrimonio', sr: 'Mesto venčanja', en: 'Place of marriage' },
  institution: { it: 'Ateneo', de: 'Hochschule', es: 'Universidad', sr: 'Visokoškolska ustanova', en: 'Institution' },
  degree_title: { it: 'Titolo', de: 'Abschluss', es: 'Título', sr: 'Stručni naziv', en: 'Degree' },
  field_of_study: { it: 'Corso di studio', de: 'Studienfach', es: 'Rama de conocimiento', sr: 'Studijski program', en: 'Field of study' },
  eqf_level: { it: 'Livello EQF', de: 'EQR-Niveau', es: 'Nivel MEC', sr: 'Nivo NOKS', en: 'EQF level' },
  award_date: { it: 'Data di conseguimento', de: 'Datum der Verleihung', es: 'Fecha de expedición', sr: 'Datum diplomiranja', en: 'Date of award' },
  document_number: { it: 'Numero del documento', de: 'Dokumentnummer', es: 'Número de documento', sr: 'Broj dokumenta', en: 'Document number' },
  issued: { it: 'Data di rilascio', de: 'Ausstellungsdatum', es: 'Fecha de expedición', sr: 'Datum izdavanja', en: 'Date of issue' },
  valid_until: { it: 'Valido fino al', de: 'Gültig bis', es: 'Válido hasta', sr: 'Važi do', en: 'Valid until' },
  person: { it: 'Intestatario', de: 'Betroffene Person', es: 'Titular', sr: 'Lice', en: 'Person concerned' },
};

const relationships: Readonly<Record<string, Readonly<Record<DocumentLang, string>>>> = {
  head: { it: 'Intestatario della scheda', de: 'Haushaltsvorstand', es: 'Titular', sr: 'Nosilac domaćinstva', en: 'Head of household' },
  spouse: { it: 'Coniuge', de: 'Ehegatte', es: 'Cónyuge', sr: 'Supružnik', en: 'Spouse' },
  partner: { it: 'Convivente', de: 'Lebensgefährte', es: 'Pareja', sr: 'Vanbračni partner', en: 'Partner' },
  child: { it: 'Figlio/a', de: 'Kind', es: 'Hijo/a', sr: 'Dete', en: 'Child' },
  parent: { it: 'Genitore', de: 'Elternteil', es: 'Progenitor', sr: 'Roditelj', en: 'Parent' },
};

/** "Data di nascita / Date of birth" (only one when both are the same). */
export function bilingualLabel(key: string, lang: Exclude<DocumentLang, 'en'>): string {
  const entry = labels[key];
  if (!entry) return key;
  return entry[lang] === entry.en ? entry.en : `${entry[lang]} / ${entry.en}`;
}

export function relationshipText(code: string, lang: Exclude<DocumentLang, 'en'>): string {
  const entry = relationships[code];
  if (!entry) return code;
  return `${entry[lang]} / ${entry.en}`;
}
