/**
 * Free text that reaches portals (names, places, addresses, phone, e-mail) must be a well-formed Unicode
 * string without control characters (Unicode category Cc: C0, DEL and C1, including U+0085). A control
 * character in a name ("Ros\u0001si") is never legitimate and breaks logs, forms and downstream parsers.
 * Bidirectional formatting characters (U+202A…U+202E, U+2066…U+2069) are format characters (Cf), not
 * controls: names in right-to-left scripts may need them, so they pass here and every page isolates and
 * marks them when it renders a name (src/web/bidi-safe.ts).
 */
const controlOrLoneSurrogate = /[\p{Cc}\p{Cs}]/u;

export function isCleanText(value: string): boolean {
  return !controlOrLoneSurrogate.test(value);
}
