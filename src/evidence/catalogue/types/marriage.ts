import { fields } from '../fields.js';
import { passerelleVct, type EvidenceType } from '../model.js';

export const marriage: EvidenceType = {
  id: 'marriage',
  // Verbatim from the DE4A Issuing Authority Locator (reference/evidence.md §c).
  classification: 'urn:de4a-eu:CanonicalEvidenceType::MarriageRegistration:1.0',
  classificationScheme: 'de4a-canonical',
  relatedIdentifiers: ['urn:passerelle:evidence-type:marriage:1.0'],
  de4aSchema: 't43-marriage-v17',
  vct: passerelleVct('marriage'),
  title: {
    en: 'Proof of marriage', de: 'Eheurkunde', it: 'Certificato di matrimonio', es: 'Certificado de matrimonio', fr: 'Acte de mariage', 'sr-Latn': 'Izvod iz matične knjige venčanih',
  },
  description: {
    en: 'Extract from the civil register stating who married whom, when and where.',
    de: 'Auszug aus dem Personenstandsregister: wer wen wann und wo geheiratet hat.',
    it: 'Estratto dei registri di stato civile: chi ha contratto matrimonio con chi, quando e dove.',
    es: 'Extracto del Registro Civil que indica quién contrajo matrimonio con quién, cuándo y dónde.',
    fr: 'Extrait de l\'état civil indiquant qui a épousé qui, quand et où.', 'sr-Latn': 'Izvod iz matičnih knjiga koji navodi ko je s kim, kada i gde sklopio brak.',
  },
  fields: [fields.spouses, fields.marriageDate, fields.placeOfMarriage],
  defaultValidityDays: 180,
  nationalDocuments: {
    IT: { name: 'Estratto per riassunto dell\'atto di matrimonio', lang: 'it' },
    DE: { name: 'Eheurkunde', lang: 'de' },
    ES: { name: 'Certificado literal de matrimonio', lang: 'es' },
    RS: { name: 'Извод из матичне књиге венчаних', lang: 'sr-Cyrl' },
  },
};
