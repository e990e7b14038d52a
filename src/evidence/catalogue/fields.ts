import type { EvidenceField, EvidenceFieldKind, LocalizedText } from './model.js';

/** Field definitions shared by several evidence types, so a label is translated once. */
function field(name: string, kind: EvidenceFieldKind, required: boolean, label: LocalizedText): EvidenceField {
  return Object.freeze({ name, kind, required, label: Object.freeze(label) });
}

export const fields = {
  birthDate: field('birth_date', 'date', true, {
    en: 'Date of birth', de: 'Geburtsdatum', it: 'Data di nascita', es: 'Fecha de nacimiento', fr: 'Date de naissance', 'sr-Latn': 'Datum rođenja',
  }),
  placeOfBirth: field('place_of_birth', 'string', true, {
    en: 'Place of birth', de: 'Geburtsort', it: 'Luogo di nascita', es: 'Lugar de nacimiento', fr: 'Lieu de naissance', 'sr-Latn': 'Mesto rođenja',
  }),
  countryOfBirth: field('country_of_birth', 'country', true, {
    en: 'Country of birth', de: 'Geburtsland', it: 'Stato di nascita', es: 'País de nacimiento', fr: 'Pays de naissance', 'sr-Latn': 'Država rođenja',
  }),
  sex: field('sex', 'sex', false, {
    en: 'Sex', de: 'Geschlecht', it: 'Sesso', es: 'Sexo', fr: 'Sexe', 'sr-Latn': 'Pol',
  }),
  parents: field('parents', 'person-list', false, {
    en: 'Parents', de: 'Eltern', it: 'Genitori', es: 'Progenitores', fr: 'Parents', 'sr-Latn': 'Roditelji',
  }),
  address: field('address', 'address', true, {
    en: 'Address', de: 'Anschrift', it: 'Indirizzo', es: 'Domicilio', fr: 'Adresse', 'sr-Latn': 'Adresa',
  }),
  municipality: field('municipality', 'string', true, {
    en: 'Municipality', de: 'Gemeinde', it: 'Comune', es: 'Municipio', fr: 'Commune', 'sr-Latn': 'Opština',
  }),
  registeredSince: field('registered_since', 'date', true, {
    en: 'Registered since', de: 'Gemeldet seit', it: 'Residente dal', es: 'Empadronado desde', fr: 'Inscrit depuis', 'sr-Latn': 'Prijavljen od',
  }),
  members: field('members', 'person-list', true, {
    en: 'Household members', de: 'Haushaltsmitglieder', it: 'Componenti della famiglia', es: 'Personas empadronadas en el domicilio', fr: 'Membres du ménage', 'sr-Latn': 'Članovi domaćinstva',
  }),
  spouses: field('spouses', 'person-list', true, {
    en: 'Spouses', de: 'Ehegatten', it: 'Coniugi', es: 'Cónyuges', fr: 'Époux', 'sr-Latn': 'Supružnici',
  }),
  marriageDate: field('marriage_date', 'date', true, {
    en: 'Date of marriage', de: 'Datum der Eheschließung', it: 'Data del matrimonio', es: 'Fecha del matrimonio', fr: 'Date du mariage', 'sr-Latn': 'Datum venčanja',
  }),
  placeOfMarriage: field('place_of_marriage', 'string', true, {
    en: 'Place of marriage', de: 'Ort der Eheschließung', it: 'Luogo del matrimonio', es: 'Lugar del matrimonio', fr: 'Lieu du mariage', 'sr-Latn': 'Mesto venčanja',
  }),
  institution: field('institution', 'string', true, {
    en: 'Institution', de: 'Hochschule', it: 'Ateneo', es: 'Universidad', fr: 'Établissement', 'sr-Latn': 'Ustanova',
  }),
  degreeTitle: field('degree_title', 'string', true, {
    en: 'Degree', de: 'Akademischer Grad', it: 'Titolo di studio', es: 'Título', fr: 'Diplôme', 'sr-Latn': 'Stručni naziv',
  }),
  fieldOfStudy: field('field_of_study', 'string', true, {
    en: 'Field of study', de: 'Studienfach', it: 'Corso di studio', es: 'Rama de conocimiento', fr: 'Domaine d\'études', 'sr-Latn': 'Oblast studija',
  }),
  eqfLevel: field('eqf_level', 'string', true, {
    en: 'EQF level', de: 'EQR-Niveau', it: 'Livello EQF', es: 'Nivel MEC', fr: 'Niveau CEC', 'sr-Latn': 'Nivo EOK',
  }),
  awardDate: field('award_date', 'date', true, {
    en: 'Date of award', de: 'Datum der Verleihung', it: 'Data di conseguimento', es: 'Fecha de expedición del título', fr: 'Date d\'obtention', 'sr-Latn': 'Datum sticanja',
  }),
} as const;
