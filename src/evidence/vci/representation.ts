import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { localized, supportedLanguages, type LocalizedText } from '../../web/i18n.js';

/**
 * The representation attestation (a family mandate, src/evidence/mandate) as a wallet
 * credential: one SD-JWT VC configuration with its own `vct` and Type Metadata, issued through
 * the same endpoints as the evidence credentials. Every claim is selectively disclosable; the
 * mandate's end is the credential's `exp`.
 */
export const representationTypeId = 'representation';
export const representationConfigurationId = 'representation.sd_jwt';

export const representationTitle: LocalizedText = {
  en: 'Representation attestation', de: 'Vertretungsnachweis', it: 'Attestazione di rappresentanza',
  es: 'Certificado de representación', fr: 'Attestation de représentation', 'sr-Latn': 'Potvrda o zastupanju',
};

const description: LocalizedText = {
  en: 'A parent or guardian may act for a child in one procedure, until the date shown.',
  de: 'Ein Elternteil oder Vormund darf in einem Verfahren bis zum angegebenen Datum für ein Kind handeln.',
  it: 'Un genitore o tutore può agire per un figlio o una figlia in un procedimento, fino alla data indicata.',
  es: 'Un progenitor o tutor puede actuar en nombre de un menor en un procedimiento, hasta la fecha indicada.',
  fr: 'Un parent ou tuteur peut agir pour un enfant dans une procédure, jusqu\'à la date indiquée.',
  'sr-Latn': 'Roditelj ili staratelj može da deluje u ime deteta u jednom postupku, do navedenog datuma.',
};

export const representationClaimLabels: Readonly<Record<string, LocalizedText>> = {
  representative: { en: 'Representative', de: 'Vertretende Person', it: 'Rappresentante', es: 'Representante', fr: 'Représentant', 'sr-Latn': 'Zastupnik' },
  represented: { en: 'Represented person', de: 'Vertretene Person', it: 'Persona rappresentata', es: 'Persona representada', fr: 'Personne représentée', 'sr-Latn': 'Zastupano lice' },
  relationship: { en: 'Relationship', de: 'Beziehung', it: 'Rapporto', es: 'Relación', fr: 'Lien', 'sr-Latn': 'Odnos' },
  procedure: { en: 'Procedure', de: 'Verfahren', it: 'Procedimento', es: 'Procedimiento', fr: 'Procédure', 'sr-Latn': 'Postupak' },
  purpose: { en: 'Purpose', de: 'Zweck', it: 'Finalità', es: 'Finalidad', fr: 'Finalité', 'sr-Latn': 'Svrha' },
  mandate_id: { en: 'Mandate reference', de: 'Kennung der Vollmacht', it: 'Riferimento della delega', es: 'Referencia de la representación', fr: 'Référence du mandat', 'sr-Latn': 'Oznaka ovlašćenja' },
};

export function representationVct(ctx: AppContext): string {
  return `${ctx.config.publicUrl}/credentials/types/${representationTypeId}`;
}

const display = (text: LocalizedText, key: string) => supportedLanguages.map((lang) => ({ locale: lang, [key]: localized(text, lang) }));
const cache = new Map<string, Buffer>();

/** Type Metadata of the representation credential, built once and served as these bytes (for `vct#integrity`). */
export function representationMetadataBytes(ctx: AppContext): Buffer {
  const vct = representationVct(ctx);
  const cached = cache.get(vct);
  if (cached) return cached;
  const bytes = Buffer.from(JSON.stringify({
    vct, name: localized(representationTitle, 'en'), description: localized(description, 'en'),
    display: supportedLanguages.map((lang) => ({ locale: lang, name: localized(representationTitle, lang), description: localized(description, lang) })),
    claims: Object.entries(representationClaimLabels).map(([name, label]) => ({ path: [name], display: display(label, 'label'), sd: 'always', mandatory: true })),
  }), 'utf8');
  cache.set(vct, bytes);
  return bytes;
}

export function representationIntegrity(ctx: AppContext): string {
  return `sha256-${createHash('sha256').update(representationMetadataBytes(ctx)).digest('base64')}`;
}

/** Its entry in the Credential Issuer Metadata. */
export function representationConfigurationMetadata(ctx: AppContext): Record<string, unknown> {
  return {
    format: 'dc+sd-jwt', scope: representationConfigurationId, vct: representationVct(ctx),
    cryptographic_binding_methods_supported: ['jwk'], credential_signing_alg_values_supported: ['ES256'],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
    credential_metadata: {
      display: supportedLanguages.map((lang) => ({ name: localized(representationTitle, lang), locale: lang, description: localized(description, lang) })),
      claims: Object.entries(representationClaimLabels).map(([name, label]) => ({ path: [name], display: display(label, 'name') })),
    },
  };
}
