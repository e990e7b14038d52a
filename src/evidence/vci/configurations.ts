import type { AppContext } from '../../context.js';
import { evidenceType, evidenceTypes, type EvidenceType } from '../catalogue/index.js';

/**
 * One SD-JWT VC and one mdoc credential configuration per evidence type of the catalogue.
 * The `vct` is a URL of Passerelle's where its Type Metadata is served; the mdoc doctype and
 * its namespace are `eu.passerelle.evidence.<type>.1`.
 */
export type CredentialFormat = 'dc+sd-jwt' | 'mso_mdoc';

export interface CredentialConfiguration { id: string; format: CredentialFormat; type: EvidenceType }

const suffix: Record<CredentialFormat, string> = { 'dc+sd-jwt': 'sd_jwt', mso_mdoc: 'mdoc' };

export function configurationId(typeId: string, format: CredentialFormat): string {
  return `evidence.${typeId}.${suffix[format]}`;
}

export function allConfigurations(): CredentialConfiguration[] {
  return evidenceTypes.flatMap((type) => (['dc+sd-jwt', 'mso_mdoc'] as const).map((format) => ({ id: configurationId(type.id, format), format, type })));
}

export function configurationById(id: unknown): CredentialConfiguration | undefined {
  if (typeof id !== 'string') return undefined;
  const match = /^evidence\.([a-z-]+)\.(sd_jwt|mdoc)$/.exec(id);
  const type = match ? evidenceType(match[1]!) : undefined;
  if (!type) return undefined;
  return { id, format: match![2] === 'sd_jwt' ? 'dc+sd-jwt' : 'mso_mdoc', type };
}

export function walletVct(ctx: AppContext, typeId: string): string {
  return `${ctx.config.publicUrl}/credentials/types/${typeId}`;
}

export function mdocDocType(typeId: string): string {
  return `eu.passerelle.evidence.${typeId.replace(/-/g, '_')}.1`;
}

/** The credential issuer identifier: Passerelle's public URL (also its own authorization server). */
export function credentialIssuer(ctx: AppContext): string {
  return ctx.config.publicUrl;
}

/** RFC 8615 well-known URI of a metadata document for an identifier that may carry a path. */
export function wellKnownPath(ctx: AppContext, name: string): string {
  const issuerPath = new URL(ctx.config.publicUrl).pathname.replace(/\/+$/, '');
  return `/.well-known/${name}${issuerPath}`;
}
