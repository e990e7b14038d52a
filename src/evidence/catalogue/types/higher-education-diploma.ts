import { fields } from '../fields.js';
import { passerelleTypeUrn, passerelleVct, type EvidenceType } from '../model.js';

export const higherEducationDiploma: EvidenceType = {
  id: 'higher-education-diploma',
  // The reference notes give only the DE4A XSD id for diplomas, not a type URN: ours.
  classification: passerelleTypeUrn('higher-education-diploma'),
  classificationScheme: 'passerelle',
  // Seen in DE4A connector mock data; mapping aid only.
  relatedIdentifiers: ['urn:de4a-eu:CanonicalEvidenceType::HigherEducationDiploma:1.0'],
  de4aSchema: 't41-hed-2022-06-23',
  vct: passerelleVct('higher-education-diploma'),
  title: {
    en: 'Higher-education diploma',
    de: 'Hochschulabschluss',
    it: 'Titolo di studio universitario',
    es: 'Título universitario',
    fr: 'Diplôme de l\'enseignement supérieur', 'sr-Latn': 'Diploma visokog obrazovanja',
  },
  description: {
    en: 'Confirms a degree awarded by a higher-education institution.',
    de: 'Bestätigt einen von einer Hochschule verliehenen Abschluss.',
    it: 'Attesta un titolo rilasciato da un\'istituzione di istruzione superiore.',
    es: 'Acredita un título otorgado por una institución de educación superior.',
    fr: 'Atteste un diplôme délivré par un établissement d\'enseignement supérieur.', 'sr-Latn': 'Potvrđuje zvanje koje je dodelila visokoškolska ustanova.',
  },
  fields: [fields.institution, fields.degreeTitle, fields.fieldOfStudy, fields.eqfLevel, fields.awardDate],
  defaultValidityDays: 3650,
  nationalDocuments: {
    IT: { name: 'Certificato di laurea', lang: 'it' },
    DE: { name: 'Hochschulabschlusszeugnis', lang: 'de' },
    ES: { name: 'Título universitario oficial', lang: 'es' },
    RS: { name: 'Диплома о стеченом високом образовању', lang: 'sr-Cyrl' },
  },
};
