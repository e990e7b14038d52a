/**
 * The shape of a canonical evidence type. One entry per kind of document Passerelle can fetch,
 * independent of the country that issues it; each demo country's own document name hangs off it.
 */
import { authoredLanguages, type AuthoredLanguage, type LocalizedText } from '../../web/i18n.js';

/** The languages the catalogue is written in (Cyrillic Serbian derives from Latin Serbian). */
export const catalogueLanguages = authoredLanguages;
export type CatalogueLanguage = AuthoredLanguage;
export type { LocalizedText };

export const evidenceTypeIds = ['birth', 'residence', 'family-composition', 'marriage', 'higher-education-diploma'] as const;
export type EvidenceTypeId = (typeof evidenceTypeIds)[number];

/**
 * How a data field is shaped in the credential and the JSON `data`:
 * - `string`, `date` (ISO `YYYY-MM-DD`)
 * - `country`: ISO 3166-1 alpha-2 code; `sex`: `F`, `M` or `X`
 * - `address`: `{ street, post_code, locality, country }` (country as a code)
 * - `person-list`: `[{ family_name, given_name, birth_date?, relationship? }]`
 */
export type EvidenceFieldKind = 'string' | 'date' | 'country' | 'sex' | 'address' | 'person-list';

export interface EvidenceField {
  /** Claim name inside the credential's `data` object (snake_case, selectively disclosable). */
  readonly name: string;
  readonly kind: EvidenceFieldKind;
  readonly required: boolean;
  readonly label: LocalizedText;
}

/** The document a country issues for a canonical type, named in the country's own language. */
export interface NationalDocument {
  readonly name: string;
  /** BCP 47 tag of `name` (sr-Cyrl for Serbian Cyrillic). */
  readonly lang: string;
  /**
   * The OOTS Semantic Repository classification of this country's evidence type
   * (`https://sr.oots.tech.ec.europa.eu/evidencetypeclassifications/{CC}/{uuid}`), once known.
   * None of the demo countries' UUIDs is known to us yet, so this stays unset.
   */
  readonly ootsClassification?: string;
}

export interface EvidenceType {
  /** Stable id used in configuration, authorization_details and the database. */
  readonly id: EvidenceTypeId;
  /**
   * Canonical type identifier. DE4A canonical evidence type URNs where the reference notes
   * give one verbatim, otherwise our own `urn:passerelle:evidence-type:<id>:1.0`.
   */
  readonly classification: string;
  readonly classificationScheme: 'de4a-canonical' | 'passerelle';
  /** Other identifiers the same evidence is known by elsewhere (for mapping, never for trust). */
  readonly relatedIdentifiers: readonly string[];
  /** DE4A canonical XSD this type's data follows in spirit, when one exists. */
  readonly de4aSchema?: string;
  /** SD-JWT VC `vct` of the credential an issuing authority signs for this type. */
  readonly vct: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly fields: readonly EvidenceField[];
  /** How long a freshly issued document is accepted when the authority sets no other end. */
  readonly defaultValidityDays: number;
  /** Per ISO country code: the national document's name. */
  readonly nationalDocuments: Readonly<Record<string, NationalDocument>>;
}

/** Our own URN namespace for types and vct values that have no public identifier (see docs/evidence-authorities.md). */
export function passerelleTypeUrn(id: EvidenceTypeId): string {
  return `urn:passerelle:evidence-type:${id}:1.0`;
}

export function passerelleVct(id: EvidenceTypeId): string {
  return `urn:passerelle:evidence:${id}:1`;
}
