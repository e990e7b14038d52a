/**
 * The message syntax of every catalogue: `{name}` inserts a value, and
 * `{name, plural, one {# day} few {# dana} other {# days}}` picks the language's plural form
 * (Intl.PluralRules; `=0`-style exact branches first) with `#` as the formatted number. A small
 * subset of ICU MessageFormat, parsed once per message.
 */
export type MessagePart =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'plural'; name: string; branches: Record<string, MessagePart[]> }
  | { kind: 'count' };

export type MessageValues = Record<string, string | number>;

class Cursor {
  index = 0;
  constructor(readonly source: string) {}
  get done(): boolean { return this.index >= this.source.length; }
  peek(): string { return this.source.charAt(this.index); }
  skipSpaces(): void { while (/\s/.test(this.peek()) && !this.done) this.index += 1; }
  expect(char: string): void {
    if (this.peek() !== char) throw new Error(`message syntax: "${char}" expected at ${this.index} in "${this.source}"`);
    this.index += 1;
  }
  word(): string {
    const match = /^[=\w]+/.exec(this.source.slice(this.index));
    if (!match) throw new Error(`message syntax: a name expected at ${this.index} in "${this.source}"`);
    this.index += match[0].length;
    return match[0];
  }
}

function parseParts(cursor: Cursor, inPlural: boolean): MessagePart[] {
  const parts: MessagePart[] = [];
  let text = '';
  const flush = () => { if (text) parts.push({ kind: 'text', text }); text = ''; };
  while (!cursor.done) {
    const char = cursor.peek();
    if (char === '}') break;
    if (char === '#' && inPlural) {
      flush();
      parts.push({ kind: 'count' });
      cursor.index += 1;
    } else if (char === '{') {
      flush();
      parts.push(parseArgument(cursor));
    } else {
      text += char;
      cursor.index += 1;
    }
  }
  flush();
  return parts;
}

function parseArgument(cursor: Cursor): MessagePart {
  cursor.expect('{');
  cursor.skipSpaces();
  const name = cursor.word();
  cursor.skipSpaces();
  if (cursor.peek() === '}') {
    cursor.index += 1;
    return { kind: 'value', name };
  }
  cursor.expect(',');
  cursor.skipSpaces();
  const type = cursor.word();
  if (type !== 'plural') throw new Error(`message syntax: only plural arguments are supported, not "${type}"`);
  cursor.skipSpaces();
  cursor.expect(',');
  const branches: Record<string, MessagePart[]> = {};
  for (cursor.skipSpaces(); cursor.peek() !== '}'; cursor.skipSpaces()) {
    const selector = cursor.word();
    cursor.skipSpaces();
    cursor.expect('{');
    branches[selector] = parseParts(cursor, true);
    cursor.expect('}');
  }
  cursor.expect('}');
  if (!branches.other) throw new Error(`message syntax: plural of "${name}" has no "other" branch`);
  return { kind: 'plural', name, branches };
}

export function parseMessage(source: string): MessagePart[] {
  const cursor = new Cursor(source);
  const parts = parseParts(cursor, false);
  if (!cursor.done) throw new Error(`message syntax: unbalanced "}" in "${source}"`);
  return parts;
}

/** The same message with every piece of prose passed through `map` (names and selectors untouched). */
export function mapText(parts: MessagePart[], map: (text: string) => string): MessagePart[] {
  return parts.map((part) => {
    if (part.kind === 'text') return { kind: 'text', text: map(part.text) };
    if (part.kind === 'plural') return { ...part, branches: Object.fromEntries(Object.entries(part.branches).map(([k, v]) => [k, mapText(v, map)])) };
    return part;
  });
}

/** Every piece of prose of a message, without its arguments (for the language tests). */
export function textsOf(parts: MessagePart[]): string[] {
  return parts.flatMap((part) => {
    if (part.kind === 'text') return [part.text];
    if (part.kind === 'plural') return Object.values(part.branches).flatMap(textsOf);
    return [];
  });
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

export function formatMessage(parts: MessagePart[], locale: string, values: MessageValues = {}, count?: number): string {
  return parts.map((part) => {
    switch (part.kind) {
      case 'text': return part.text;
      case 'count': return count === undefined ? '' : new Intl.NumberFormat(locale).format(count);
      case 'value': return String(values[part.name] ?? '');
      case 'plural': {
        const n = Number(values[part.name] ?? 0);
        const branch = part.branches[`=${n}`] ?? part.branches[pluralCategory(locale, n)] ?? part.branches.other!;
        return formatMessage(branch, locale, values, n);
      }
    }
  }).join('');
}
