import { localized, type Language } from '../../web/i18n.js';
import type { LocalizedText } from './model.js';

/**
 * Relationship codes inside `person-list` fields (household members, parents, spouses).
 * Authorities send the code; pages translate it with this table.
 */
export const relationshipCodes = ['head', 'spouse', 'partner', 'child', 'parent', 'guardian', 'relative', 'other'] as const;
export type RelationshipCode = (typeof relationshipCodes)[number];

const labels: Readonly<Record<RelationshipCode, LocalizedText>> = {
  head: { en: 'Head of household', de: 'Haushaltsvorstand', it: 'Intestatario della scheda', es: 'Titular', fr: 'Chef de ménage', 'sr-Latn': 'Nosilac domaćinstva' },
  spouse: { en: 'Spouse', de: 'Ehegatte', it: 'Coniuge', es: 'Cónyuge', fr: 'Époux ou épouse', 'sr-Latn': 'Supružnik' },
  partner: { en: 'Partner', de: 'Lebensgefährte', it: 'Convivente', es: 'Pareja', fr: 'Partenaire', 'sr-Latn': 'Vanbračni partner' },
  child: { en: 'Child', de: 'Kind', it: 'Figlio/a', es: 'Hijo/a', fr: 'Enfant', 'sr-Latn': 'Dete' },
  parent: { en: 'Parent', de: 'Elternteil', it: 'Genitore', es: 'Progenitor', fr: 'Parent', 'sr-Latn': 'Roditelj' },
  guardian: { en: 'Guardian', de: 'Vormund', it: 'Tutore', es: 'Tutor/a', fr: 'Tuteur ou tutrice', 'sr-Latn': 'Staratelj' },
  relative: { en: 'Relative', de: 'Verwandte/r', it: 'Parente', es: 'Familiar', fr: 'Autre membre de la famille', 'sr-Latn': 'Srodnik' },
  other: { en: 'Other', de: 'Sonstige', it: 'Altro', es: 'Otro', fr: 'Autre', 'sr-Latn': 'Ostalo' },
};

export function isRelationshipCode(value: unknown): value is RelationshipCode {
  return typeof value === 'string' && (relationshipCodes as readonly string[]).includes(value);
}

export function relationshipLabel(code: string, lang: Language): string {
  return isRelationshipCode(code) ? localized(labels[code], lang) : code;
}
