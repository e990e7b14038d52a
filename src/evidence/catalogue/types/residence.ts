import { fields } from '../fields.js';
import { passerelleTypeUrn, passerelleVct, type EvidenceType } from '../model.js';

export const residence: EvidenceType = {
  id: 'residence',
  // The reference notes give no verbatim identifier for residence registration: ours.
  classification: passerelleTypeUrn('residence'),
  classificationScheme: 'passerelle',
  // Seen in DE4A connector mock data (v1.6b era, same family as BirthCertificate); mapping aid only.
  relatedIdentifiers: ['urn:de4a-eu:CanonicalEvidenceType::ResidenceRegistration:1.0'],
  de4aSchema: 't43-domreg-v17',
  vct: passerelleVct('residence'),
  title: {
    en: 'Proof of residence (census registration)',
    de: 'Meldenachweis (Wohnsitzanmeldung)',
    it: 'Certificato di residenza',
    es: 'Certificado de empadronamiento',
    fr: 'Justificatif de domicile (inscription au registre de population)', 'sr-Latn': 'Potvrda o prebivalištu (prijava prebivališta)',
  },
  description: {
    en: 'Confirms where a person is registered as living, and since when.',
    de: 'Bestätigt, wo eine Person gemeldet ist und seit wann.',
    it: 'Attesta dove una persona risulta residente e da quando.',
    es: 'Acredita dónde está empadronada una persona y desde cuándo.',
    fr: 'Atteste où une personne est inscrite comme résidente, et depuis quand.', 'sr-Latn': 'Potvrđuje gde osoba ima prijavljeno prebivalište i od kada.',
  },
  fields: [fields.address, fields.municipality, fields.registeredSince],
  defaultValidityDays: 90,
  nationalDocuments: {
    IT: { name: 'Certificato di residenza', lang: 'it' },
    DE: { name: 'Meldebescheinigung', lang: 'de' },
    ES: { name: 'Certificado de empadronamiento', lang: 'es' },
    RS: { name: 'Уверење о пребивалишту', lang: 'sr-Cyrl' },
  },
};
