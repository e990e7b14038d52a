import type { CatalogueLanguage } from './model.js';

/**
 * Relationship codes inside `person-list` fields (household members, parents, spouses).
 * Authorities send the code; pages translate it with this table.
 */
export const relationshipCodes = ['head', 'spouse', 'partner', 'child', 'parent', 'relative', 'other'] as const;
export type RelationshipCode = (typeof relationshipCodes)[number];

const labels: Readonly<Record<RelationshipCode, Readonly<Record<CatalogueLanguage, string>>>> = {
  head: { en: 'Head of household', de: 'Haushaltsvorstand', it: 'Intestatario della scheda', es: 'Titular', fr: 'Chef de ménage' },
  spouse: { en: 'Spouse', de: 'Ehegatte', it: 'Coniuge', es: 'Cónyuge', fr: 'Époux ou épouse' },
  partner: { en: 'Partner', de: 'Lebensgefährte', it: 'Convivente', es: 'Pareja', fr: 'Partenaire' },
  child: { en: 'Child', de: 'Kind', it: 'Figlio/a', es: 'Hijo/a', fr: 'Enfant' },
  parent: { en: 'Parent', de: 'Elternteil', it: 'Genitore', es: 'Progenitor', fr: 'Parent' },
  relative: { en: 'Relative', de: 'Verwandte/r', it: 'Parente', es: 'Familiar', fr: 'Autre membre de la famille' },
  other: { en: 'Other', de: 'Sonstige', it: 'Altro', es: 'Otro', fr: 'Autre' },
};

export function isRelationshipCode(value: unknown): value is RelationshipCode {
  return typeof value === 'string' && (relationshipCodes as readonly string[]).includes(value);
}

export function relationshipLabel(code: string, lang: CatalogueLanguage): string {
  return isRelationshipCode(code) ? labels[code][lang] : code;
}
