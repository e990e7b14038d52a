/** Escapes text for XML element content and attribute values. */
export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** SAML IDs must be NCNames: a leading underscore and hex randomness. */
export function samlId(random: Buffer): string {
  return '_' + random.toString('hex');
}

/** xs:dateTime in UTC with milliseconds, as SAML writes it. */
export function samlInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
