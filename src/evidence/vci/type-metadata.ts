import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { evidenceType } from '../catalogue/index.js';
import { localized, supportedLanguages, type LocalizedText } from '../../web/i18n.js';
import { extraClaimLabels } from './claim-labels.js';
import { walletVct } from './configurations.js';
import { representationMetadataBytes, representationTypeId } from './representation.js';

/**
 * SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc §6) of one evidence type, served at its
 * `vct` URL: names and claim labels in every page language (Cyrillic Serbian derived from the
 * Latin), every claim selectively disclosable. The bytes are built once per type and served
 * as they are, so `vct#integrity` (an SRI string over exactly these bytes) always matches.
 */
const cache = new Map<string, Buffer>();

function display(text: LocalizedText, key: string): Array<Record<string, string>> {
  return supportedLanguages.map((lang) => ({ locale: lang, [key]: localized(text, lang) }));
}

export function typeMetadataBytes(ctx: AppContext, typeId: string): Buffer | undefined {
  if (typeId === representationTypeId) return representationMetadataBytes(ctx);
  const type = evidenceType(typeId);
  if (!type) return undefined;
  const vct = walletVct(ctx, typeId);
  const cached = cache.get(vct);
  if (cached) return cached;
  const claims = [
    ...type.fields.map((field) => ({ path: [field.name], display: display(field.label, 'label'), sd: 'always', mandatory: false })),
    ...Object.entries(extraClaimLabels).map(([name, label]) => ({ path: [name], display: display(label, 'label'), sd: 'always', mandatory: true })),
  ];
  const metadata = {
    vct,
    name: localized(type.title, 'en'),
    description: localized(type.description, 'en'),
    display: supportedLanguages.map((lang) => ({ locale: lang, name: localized(type.title, lang), description: localized(type.description, lang) })),
    claims,
  };
  const bytes = Buffer.from(JSON.stringify(metadata), 'utf8');
  cache.set(vct, bytes);
  return bytes;
}

/** `sha256-<base64>` over the served bytes (W3C Subresource Integrity, as the draft prescribes). */
export function typeMetadataIntegrity(ctx: AppContext, typeId: string): string {
  return `sha256-${createHash('sha256').update(typeMetadataBytes(ctx, typeId)!).digest('base64')}`;
}
