import { localized, matchLanguage } from '../../web/i18n.js';
import { type EvidenceField, type EvidenceType, type EvidenceTypeId, type NationalDocument } from './model.js';
import { birth } from './types/birth.js';
import { familyComposition } from './types/family-composition.js';
import { higherEducationDiploma } from './types/higher-education-diploma.js';
import { marriage } from './types/marriage.js';
import { residence } from './types/residence.js';

export * from './model.js';
export { relationshipCodes, relationshipLabel, isRelationshipCode, type RelationshipCode } from './relationships.js';
export { addressParts, fieldPartLabel, personParts, sexLabel, valueLabelTables } from './value-labels.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** The catalogue, in a fixed order (pages list types in this order). Frozen: nobody edits it at run time. */
export const evidenceTypes: readonly EvidenceType[] = deepFreeze([birth, residence, familyComposition, marriage, higherEducationDiploma]);

const byId = new Map<string, EvidenceType>(evidenceTypes.map((t) => [t.id, t]));
const byVct = new Map<string, EvidenceType>(evidenceTypes.map((t) => [t.vct, t]));

export function isKnownEvidenceType(id: unknown): id is EvidenceTypeId {
  return typeof id === 'string' && byId.has(id);
}

/** The type with this id; undefined for anything unknown (callers answer evidence_type_unknown). */
export function evidenceType(id: string): EvidenceType | undefined {
  return byId.get(id);
}

export function evidenceTypeByVct(vct: string): EvidenceType | undefined {
  return byVct.get(vct);
}

/** The national document's name in the country's own language, e.g. ('family-composition', 'IT') → "Certificato di stato di famiglia". */
export function nationalDocumentName(typeId: string, country: string): string | undefined {
  return nationalDocument(typeId, country)?.name;
}

export function nationalDocument(typeId: string, country: string): NationalDocument | undefined {
  const type = byId.get(typeId);
  return type && Object.hasOwn(type.nationalDocuments, country) ? type.nationalDocuments[country] : undefined;
}

/** The type's title in `lang`, falling back to English for languages the catalogue does not carry. */
export function evidenceTitle(typeId: string, lang: string): string | undefined {
  const type = byId.get(typeId);
  if (!type) return undefined;
  return localized(type.title, matchLanguage(lang) ?? 'en');
}

/** A type's field definition (label and kind), or undefined for a name the type does not have. */
export function evidenceField(typeId: string, fieldName: string): EvidenceField | undefined {
  return byId.get(typeId)?.fields.find((f) => f.name === fieldName);
}

/** Label of a data field in `lang` (English fallback); the field name itself when unknown. */
export function evidenceFieldLabel(typeId: string, fieldName: string, lang: string): string {
  const field = byId.get(typeId)?.fields.find((f) => f.name === fieldName);
  if (!field) return fieldName;
  return localized(field.label, matchLanguage(lang) ?? 'en');
}
