import { evidenceType } from '../catalogue/index.js';
import { localized, matchLanguage, type LocalizedText } from '../../web/i18n.js';

/**
 * Labels of the claims a wallet credential carries besides the document's own data fields
 * (those are labelled by the catalogue): used by the Type Metadata and by /verify when it
 * lists what a presentation disclosed.
 */
export const extraClaimLabels: Readonly<Record<string, LocalizedText>> = {
  subject: {
    en: 'Person the document is about', de: 'Person, die das Dokument betrifft', it: 'Persona a cui si riferisce il documento',
    es: 'Persona a la que se refiere el documento', fr: 'Personne concernée par le document', 'sr-Latn': 'Osoba na koju se dokument odnosi',
  },
  document_digest: {
    en: 'SHA-256 digest of the authority\'s document', de: 'SHA-256-Prüfsumme des Dokuments der Behörde', it: 'Impronta SHA-256 del documento dell\'autorità',
    es: 'Resumen SHA-256 del documento de la autoridad', fr: 'Empreinte SHA-256 du document de l\'autorité', 'sr-Latn': 'SHA-256 otisak dokumenta organa',
  },
  authority_credential_digest: {
    en: 'SHA-256 digest of the authority\'s credential', de: 'SHA-256-Prüfsumme des Nachweises der Behörde', it: 'Impronta SHA-256 della credenziale dell\'autorità',
    es: 'Resumen SHA-256 de la credencial de la autoridad', fr: 'Empreinte SHA-256 de l\'attestation de l\'autorité', 'sr-Latn': 'SHA-256 otisak akreditiva organa',
  },
  provenance: {
    en: 'Provenance (authority, request, time of receipt)', de: 'Herkunft (Behörde, Anfrage, Empfangszeit)', it: 'Provenienza (autorità, richiesta, ora di ricezione)',
    es: 'Procedencia (autoridad, solicitud, hora de recepción)', fr: 'Provenance (autorité, demande, heure de réception)', 'sr-Latn': 'Poreklo (organ, zahtev, vreme prijema)',
  },
};

/** Every selectively disclosable claim of a type's wallet credential, in a fixed order. */
export function disclosableClaims(typeId: string): string[] {
  return [...(evidenceType(typeId)?.fields.map((f) => f.name) ?? []), ...Object.keys(extraClaimLabels)];
}

export function claimLabel(typeId: string, claim: string, lang: string): string {
  const text = extraClaimLabels[claim] ?? evidenceType(typeId)?.fields.find((f) => f.name === claim)?.label;
  return text ? localized(text, matchLanguage(lang) ?? 'en') : claim;
}
