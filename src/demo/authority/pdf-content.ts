import type { DemoAuthority } from './authorities.js';
import { relationshipText } from './documents.js';

type Lang = DemoAuthority['lang'];

/** A data value as printed lines: addresses on one line, person lists one person per line. */
export function formatValue(value: unknown, lang: Lang): string[] {
  if (Array.isArray(value)) return value.map((item) => formatPerson(item, lang));
  if (value && typeof value === 'object') {
    const a = value as Record<string, unknown>;
    return [[a.street, [a.post_code, a.locality].filter(Boolean).join(' '), a.country].filter(Boolean).map(String).join(', ')];
  }
  return [String(value)];
}

function formatPerson(item: unknown, lang: Lang): string {
  if (!item || typeof item !== 'object') return String(item);
  const p = item as Record<string, unknown>;
  const name = [p.family_name, p.given_name].filter(Boolean).join(' ');
  const born = p.birth_date ? `, ${String(p.birth_date)}` : '';
  const relation = typeof p.relationship === 'string' ? ` (${relationshipText(p.relationship, lang)})` : '';
  return `${name}${born}${relation}`;
}

const explicitRequest: Readonly<Record<Lang, (procedure: string, requester: string) => string>> = {
  it: (p, r) => `Rilasciato su richiesta esplicita dell'interessato per il procedimento "${p}" avviato presso ${r}.`,
  de: (p, r) => `Ausgestellt auf ausdrückliches Verlangen der betroffenen Person für das Verfahren "${p}" bei ${r}.`,
  es: (p, r) => `Expedido a petición expresa de la persona interesada para el procedimiento "${p}" ante ${r}.`,
  sr: (p, r) => `Izdato na izričit zahtev lica na koje se odnosi, za postupak "${p}" pred ${r}.`,
};

/** The line saying this document exists because the citizen asked for it, for which procedure and requester. */
export function explicitRequestLines(
  authority: DemoAuthority, request: { procedure: string; requesterName: string; requesterId: string; purpose: string; requestId: string },
): string[] {
  const requester = `${request.requesterName} (${request.requesterId})`;
  return [
    explicitRequest[authority.lang](request.procedure, requester),
    `Issued on the explicit request of the person concerned for the procedure "${request.procedure}", requested by ${requester}.`,
    `Purpose: ${request.purpose}`,
    `Request: ${request.requestId}`,
  ];
}
