import { fields } from '../fields.js';
import { passerelleTypeUrn, passerelleVct, type EvidenceType } from '../model.js';

export const familyComposition: EvidenceType = {
  id: 'family-composition',
  // Neither OOTS nor DE4A names a household-composition type in the reference notes: ours.
  classification: passerelleTypeUrn('family-composition'),
  classificationScheme: 'passerelle',
  relatedIdentifiers: [],
  vct: passerelleVct('family-composition'),
  title: {
    en: 'Proof of family composition',
    de: 'Nachweis der Haushalts- und Familienzusammensetzung',
    it: 'Certificato di stato di famiglia',
    es: 'Certificado de convivencia',
    fr: 'Justificatif de composition familiale', 'sr-Latn': 'Potvrda o sastavu domaćinstva',
  },
  description: {
    en: 'Lists the people registered as one household at an address, with their relationship to each other.',
    de: 'Führt die Personen auf, die unter einer Anschrift als ein Haushalt gemeldet sind, mit ihrem Verhältnis zueinander.',
    it: 'Elenca le persone che compongono la famiglia anagrafica a un indirizzo e il loro rapporto di parentela.',
    es: 'Relaciona las personas empadronadas juntas en un domicilio y su parentesco.',
    fr: 'Liste les personnes inscrites comme un même ménage à une adresse, avec leur lien de parenté.', 'sr-Latn': 'Navodi osobe prijavljene kao jedno domaćinstvo na adresi i njihov međusobni odnos.',
  },
  fields: [fields.address, fields.municipality, fields.members],
  defaultValidityDays: 180,
  nationalDocuments: {
    IT: { name: 'Certificato di stato di famiglia', lang: 'it' },
    DE: { name: 'Haushaltsbescheinigung', lang: 'de' },
    ES: { name: 'Certificado de convivencia', lang: 'es' },
    RS: { name: 'Уверење о заједничком домаћинству', lang: 'sr-Cyrl' },
  },
};
