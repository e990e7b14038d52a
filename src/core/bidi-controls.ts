/**
 * Bidirectional formatting characters: ALM, LRM, RLM, the embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
 * and the isolates (LRI, RLI, FSI, PDI). They are legitimate in right-to-left names, but one of them in a
 * name ("Rossi" written as U+202E + "issoR") makes a page show text in another order than it is stored, so
 * every page that renders a name shows them as visible marks instead of letting them act, inside an
 * isolate (`<bdi dir="auto">`) that keeps the name from reordering the text around it.
 */
const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const abbreviations: Readonly<Record<string, string>> = {
  '\u061C': 'ALM', '\u200E': 'LRM', '\u200F': 'RLM', '\u202A': 'LRE', '\u202B': 'RLE', '\u202C': 'PDF', '\u202D': 'LRO',
  '\u202E': 'RLO', '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI',
};

export type BidiPart = { text: string } | { control: string; label: string };

/** The value as text runs and bidirectional controls (each labelled `U+202E RLO`), in order. */
export function splitBidiControls(value: string): BidiPart[] {
  const parts: BidiPart[] = [];
  let last = 0;
  for (const match of value.matchAll(bidiControl)) {
    if (match.index > last) parts.push({ text: value.slice(last, match.index) });
    const control = match[0];
    parts.push({ control, label: `U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${abbreviations[control]}` });
    last = match.index + control.length;
  }
  if (last < value.length || parts.length === 0) parts.push({ text: value.slice(last) });
  return parts;
}
