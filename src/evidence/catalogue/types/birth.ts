import { fields } from '../fields.js';
import { passerelleVct, type EvidenceType } from '../model.js';

export const birth: EvidenceType = {
  id: 'birth',
  // Verbatim from the DE4A Issuing Authority Locator (reference/evidence.md §c).
  classification: 'urn:de4a-eu:CanonicalEvidenceType::BirthCertificate:1.0',
  classificationScheme: 'de4a-canonical',
  relatedIdentifiers: ['urn:passerelle:evidence-type:birth:1.0'],
  de4aSchema: 't43-birth-v17',
  vct: passerelleVct('birth'),
  title: {
    en: 'Proof of birth', de: 'Geburtsnachweis', it: 'Certificato di nascita', es: 'Certificado de nacimiento', fr: 'Acte de naissance', 'sr-Latn': 'Izvod iz matične knjige rođenih',
  },
  description: {
    en: 'Extract from the civil register stating when and where a person was born, and to whom.',
    de: 'Auszug aus dem Personenstandsregister: wann, wo und von wem eine Person geboren wurde.',
    it: 'Estratto dei registri di stato civile: quando, dove e da chi una persona è nata.',
    es: 'Extracto del Registro Civil que indica cuándo, dónde y de quién nació una persona.',
    fr: 'Extrait de l\'état civil indiquant quand, où et de qui une personne est née.', 'sr-Latn': 'Izvod iz matičnih knjiga koji navodi kada, gde i od koga je osoba rođena.',
  },
  fields: [fields.birthDate, fields.placeOfBirth, fields.countryOfBirth, fields.sex, fields.parents],
  defaultValidityDays: 180,
  nationalDocuments: {
    IT: { name: 'Estratto per riassunto dell\'atto di nascita', lang: 'it' },
    DE: { name: 'Geburtsurkunde', lang: 'de' },
    ES: { name: 'Certificado literal de nacimiento', lang: 'es' },
    RS: { name: 'Извод из матичне књиге рођених', lang: 'sr-Cyrl' },
  },
};
