import { attributeByName, type CitizenAttributeName } from './attributes.js';

/**
 * The legal-person half of the attribute table (reference/eidas.md b.3): eIDAS attribute URI ⇄
 * internal name ⇄ OIDC claim, for logins on behalf of an organisation. Kept apart from the
 * natural-person table because the two sets are never requested together (eIDAS: either the
 * natural or the legal minimum data set), and most code only ever needs one of them.
 */
const legal = 'http://eidas.europa.eu/attributes/legalperson/';
const natural = 'http://eidas.europa.eu/attributes/naturalperson/';

export type OrganisationAttributeName =
  | 'legalPersonIdentifier' | 'legalName' | 'legalAddress' | 'vatRegistrationNumber' | 'taxReference'
  | 'euIdentifier' | 'lei' | 'eori' | 'seed' | 'sic';

export interface LegalAttributeDefinition {
  readonly name: OrganisationAttributeName;
  readonly eidasUri: string;
  /** Names used before eIDAS 1.2 that IdPs still send; accepted on input, never requested. */
  readonly legacyUris: readonly string[];
  readonly friendlyName: string;
  /** Part of the legal-person minimum data set. */
  readonly mandatory: boolean;
  readonly claim: string;
  readonly scope: 'legal_person';
}

const row = (name: OrganisationAttributeName, local: string, friendlyName: string, claim: string, extra: { mandatory?: boolean; legacy?: string[] } = {}): LegalAttributeDefinition =>
  ({ name, eidasUri: legal + local, legacyUris: (extra.legacy ?? []).map((l) => legal + l), friendlyName, mandatory: extra.mandatory ?? false, claim, scope: 'legal_person' });

export const legalPersonAttributeTable: readonly LegalAttributeDefinition[] = [
  row('legalPersonIdentifier', 'LegalPersonIdentifier', 'LegalPersonIdentifier', 'legal_person_identifier', { mandatory: true }),
  row('legalName', 'LegalName', 'LegalName', 'legal_name', { mandatory: true }),
  row('legalAddress', 'LegalPersonAddress', 'LegalAddress', 'legal_address', { legacy: ['LegalAddress'] }),
  row('vatRegistrationNumber', 'VATRegistrationNumber', 'VATRegistration', 'vat_registration_number', { legacy: ['VATRegistration'] }),
  row('taxReference', 'TaxReference', 'TaxReference', 'tax_reference'),
  row('euIdentifier', 'D-2012-17-EUIdentifier', 'D-2012-17-EUIdentifier', 'eu_identifier'),
  row('lei', 'LEI', 'LEI', 'lei'),
  row('eori', 'EORI', 'EORI', 'eori'),
  row('seed', 'SEED', 'SEED', 'seed'),
  row('sic', 'SIC', 'SIC', 'sic'),
];

export const mandatoryLegalAttributes = legalPersonAttributeTable.filter((a) => a.mandatory).map((a) => a.name);

/** Any attribute Passerelle can request: a natural-person or a legal-person one. */
export type AttributeName = CitizenAttributeName | OrganisationAttributeName;
export type PersonKind = 'natural' | 'legal';

export interface RequestedAttribute {
  readonly name: AttributeName;
  readonly required: boolean;
}

export function legalAttributeByName(name: string): LegalAttributeDefinition | undefined {
  return legalPersonAttributeTable.find((a) => a.name === name);
}

export function personKindOf(name: AttributeName): PersonKind {
  return legalAttributeByName(name) ? 'legal' : 'natural';
}

/** URI and FriendlyName of any requestable attribute. */
export function requestableAttribute(name: AttributeName): { eidasUri: string; friendlyName: string } {
  return legalAttributeByName(name) ?? attributeByName(name as CitizenAttributeName);
}

/** The kinds of person a list of attributes describes (a valid request has exactly one). */
export function personKinds(requested: ReadonlyArray<{ name: AttributeName }>): Set<PersonKind> {
  return new Set(requested.map((r) => personKindOf(r.name)));
}

/** Whom a (valid, single-kind) request is about: legal when it asks for legal-person attributes. */
export function subjectOf(requested: ReadonlyArray<{ name: AttributeName }>): PersonKind {
  return personKinds(requested).has('legal') ? 'legal' : 'natural';
}

/**
 * eIDAS 1.2 representation: the person acting for the represented subject is described by the same
 * attributes under `…/naturalperson/representative/` (a natural person) or `…/legalperson/representative/`
 * (an organisation acting as representative). Representative attributes are never requested (the EU
 * eIDAS-Node refuses such requests); they come with the represented subject's attributes.
 */
export const representativePrefixes = { natural: natural + 'representative/', legal: legal + 'representative/' } as const;

export function naturalRepresentativeUri(name: CitizenAttributeName): string {
  return representativePrefixes.natural + attributeByName(name).eidasUri.slice(natural.length);
}

export function isRepresentativeUri(uri: string): boolean {
  return uri.startsWith(representativePrefixes.natural) || uri.startsWith(representativePrefixes.legal);
}

/** A legal-person attribute of the represented organisation (current or legacy name, not a representative's). */
export function isLegalPersonUri(uri: string): boolean {
  return uri.startsWith(legal) && !isRepresentativeUri(uri);
}

/** A natural-person attribute of the subject itself (not a representative's). */
export function isNaturalPersonUri(uri: string): boolean {
  return uri.startsWith(natural) && !isRepresentativeUri(uri);
}
