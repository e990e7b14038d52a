/**
 * XML 1.0 (fifth edition) and Namespaces in XML 1.0 well-formedness, checked on the text before any DOM
 * parser sees it. @xmldom/xmldom (0.8 and 0.9 alike) accepts character references to non-characters
 * (`&#xD800;`, `&#1;`), raw control characters, `]]>` in text and empty prefix bindings; a lone surrogate
 * then becomes U+FFFD when the digest is computed over UTF-8, so the portal would receive a different string
 * than the IdP signed. A conforming verifier (xmlsec1, Santuario) refuses all of these, and so do we.
 *
 * Beyond XML 1.0, SAML never needs a DTD or processing instructions: DOCTYPE, `<!ENTITY` and PIs are refused
 * (XXE, billion laughs); only the five predefined entities exist. The XML declaration must say version 1.0
 * (1.1 has other line ends and characters) and, if it names an encoding, UTF-8 (the bytes were decoded as
 * UTF-8; another declared encoding would be read differently by an independent parser).
 */
export interface WellFormedLimits {
  maxDepth: number;
}

const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';
const xmlnsNamespace = 'http://www.w3.org/2000/xmlns/';

// [2] Char, as the complement: anything else anywhere in the document is fatal.
const notChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// [4] NameStartChar and [4a] NameChar; names are checked as whole tokens with these sticky patterns.
const nameStart = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const nameChar = `${nameStart}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// Combining marks (U+0300…U+036F) are NameChars by the grammar; they are ranges here, not combined characters.
// eslint-disable-next-line no-misleading-character-class
const namePattern = new RegExp(`[${nameStart}][${nameChar}]*`, 'uy');
const ncName = new RegExp(`^[${nameStart.replace(':', '')}][${nameChar.replace(':', '')}]*$`, 'u');
const whitespace = /[ \t\r\n]*/y;
const reference = /&(?:#([0-9]{1,10})|#x([0-9a-fA-F]{1,8})|(lt|gt|amp|apos|quot));/y;
const xmlDeclaration = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])(?:UTF|utf)-8\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;
const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: '\'', quot: '"' };

function isChar(codePoint: number): boolean {
  return codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd || (codePoint >= 0x20 && codePoint <= 0xd7ff)
    || (codePoint >= 0xe000 && codePoint <= 0xfffd) || (codePoint >= 0x10000 && codePoint <= 0x10ffff);
}

interface Declarations { parent: Declarations | undefined; prefixes: Map<string, string> }

function lookup(scope: Declarations | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const uri = s.prefixes.get(prefix);
    if (uri !== undefined) return uri;
  }
  return prefix === 'xml' ? xmlNamespace : undefined;
}

/** Throws (through `fail`) at the first well-formedness or policy violation; returns nothing otherwise. */
export function checkWellFormed(xml: string, limits: WellFormedLimits, fail: (detail: string) => never): void {
  const bad = notChar.exec(xml);
  if (bad) fail(`character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0`);
  new Scanner(xml, limits, fail).document();
}

class Scanner {
  private i = 0;
  private readonly open: Array<{ name: string }> = [];
  private scope: Declarations | undefined;

  constructor(private readonly xml: string, private readonly limits: WellFormedLimits, private readonly fail: (detail: string) => never) {}

  document(): void {
    if (this.xml.charCodeAt(0) === 0xfeff) this.i = 1;
    if (this.xml.startsWith('<?xml', this.i) && /^<\?xml[ \t\r\n?]/.test(this.xml.slice(this.i, this.i + 6))) {
      const declaration = xmlDeclaration.exec(this.xml.slice(this.i));
      if (!declaration) this.fail('the XML declaration must be version 1.0 and, if it names one, encoding UTF-8');
      this.i += declaration[0].length;
    }
    this.misc();
    if (this.i >= this.xml.length || this.xml[this.i] !== '<') this.fail('expected one root element, found none');
    this.element();
    this.misc();
    if (this.i < this.xml.length) {
      this.fail(this.xml[this.i] === '<' && /^<[^!?]/.test(this.xml.slice(this.i, this.i + 2)) ? 'expected one root element, found several' : 'content outside the root element');
    }
  }

  /** Misc*: whitespace and comments only (PIs and DOCTYPE are refused by policy). */
  private misc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.xml.startsWith('<!--', this.i)) this.comment();
      else if (this.xml.startsWith('<?', this.i)) this.fail('processing instructions are not allowed');
      else if (this.xml.startsWith('<!', this.i)) this.fail('DOCTYPE and entity declarations are not allowed');
      else return;
    }
  }

  /** element and its content, iteratively (nesting depth is bounded, but recursion is not needed). */
  private element(): void {
    this.startTag();
    while (this.open.length > 0) {
      const next = this.xml.indexOf('<', this.i);
      this.charData(next === -1 ? this.xml.length : next);
      if (next === -1) this.fail(`element ${this.open[this.open.length - 1]!.name} is not closed`);
      if (this.xml.startsWith('</', this.i)) this.endTag();
      else if (this.xml.startsWith('<!--', this.i)) this.comment();
      else if (this.xml.startsWith('<![CDATA[', this.i)) this.cdata();
      else if (this.xml.startsWith('<?', this.i)) this.fail('processing instructions are not allowed');
      else if (this.xml.startsWith('<!', this.i)) this.fail('DOCTYPE and entity declarations are not allowed');
      else this.startTag();
    }
  }

  /** [14] CharData with its references, up to `end`: no `]]>`, every `&` a well-formed reference to a Char. */
  private charData(end: number): void {
    const text = this.xml.slice(this.i, end);
    if (text.includes(']]>')) this.fail('"]]>" is not allowed in text');
    let amp = text.indexOf('&');
    while (amp !== -1) {
      this.reference(this.i + amp);
      amp = text.indexOf('&', amp + 1);
    }
    this.i = end;
  }

  /** [67] Reference at `at`; returns the replacement text and its length in the source. */
  private reference(at: number): { text: string; length: number } {
    reference.lastIndex = at;
    const match = reference.exec(this.xml);
    if (!match) this.fail('"&" that does not start a character reference or one of the five predefined entities');
    if (match[3]) return { text: predefined[match[3]]!, length: match[0].length };
    const codePoint = match[1] !== undefined ? Number.parseInt(match[1], 10) : Number.parseInt(match[2]!, 16);
    if (!isChar(codePoint)) this.fail(`character reference to U+${codePoint.toString(16).toUpperCase()}, which is not an XML 1.0 character`);
    return { text: String.fromCodePoint(codePoint), length: match[0].length };
  }

  private comment(): void {
    const end = this.xml.indexOf('-->', this.i + 4);
    if (end === -1) this.fail('unterminated comment');
    const body = this.xml.slice(this.i + 4, end);
    if (body.includes('--') || body.endsWith('-')) this.fail('"--" is not allowed inside a comment');
    this.i = end + 3;
  }

  private cdata(): void {
    const end = this.xml.indexOf(']]>', this.i + 9);
    if (end === -1) this.fail('unterminated CDATA section');
    this.i = end + 3;
  }

  private name(what: string): string {
    namePattern.lastIndex = this.i;
    const match = namePattern.exec(this.xml);
    if (!match) this.fail(`${what} is not an XML name`);
    this.i += match[0].length;
    return match[0];
  }

  private skipWhitespace(): number {
    whitespace.lastIndex = this.i;
    const length = whitespace.exec(this.xml)![0].length;
    this.i += length;
    return length;
  }

  private startTag(): void {
    this.i++;
    const name = this.name('element name');
    const attributes: Array<{ name: string; value: string }> = [];
    const seen = new Set<string>();
    for (;;) {
      const spaced = this.skipWhitespace() > 0;
      if (this.xml.startsWith('/>', this.i) || this.xml[this.i] === '>') break;
      if (!spaced) this.fail(`attributes of ${name} must be separated by whitespace`);
      const attributeName = this.name('attribute name');
      if (seen.has(attributeName)) this.fail(`attribute ${attributeName} repeated`);
      seen.add(attributeName);
      this.skipWhitespace();
      if (this.xml[this.i] !== '=') this.fail(`attribute ${attributeName} has no value`);
      this.i++;
      this.skipWhitespace();
      attributes.push({ name: attributeName, value: this.attributeValue(attributeName) });
    }
    const empty = this.xml[this.i] === '/';
    this.i += empty ? 2 : 1;
    this.scope = this.declare(attributes);
    this.resolve(name, attributes);
    if (this.open.length + 1 > this.limits.maxDepth) this.fail('elements nested too deeply');
    if (empty) this.scope = this.scope?.parent;
    else this.open.push({ name });
  }

  /** [10] AttValue with references replaced (whitespace normalization does not matter for the checks here). */
  private attributeValue(attributeName: string): string {
    const quote = this.xml[this.i];
    if (quote !== '"' && quote !== '\'') this.fail(`value of attribute ${attributeName} is not quoted`);
    const end = this.xml.indexOf(quote, this.i + 1);
    if (end === -1) this.fail(`value of attribute ${attributeName} is not terminated`);
    const raw = this.xml.slice(this.i + 1, end);
    if (raw.includes('<')) this.fail(`"<" in the value of attribute ${attributeName}`);
    let value = '';
    let copied = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', copied)) {
      const replaced = this.reference(this.i + 1 + amp);
      value += raw.slice(copied, amp) + replaced.text;
      copied = amp + replaced.length;
    }
    value += raw.slice(copied);
    this.i = end + 1;
    return value;
  }

  /** Namespace declarations of one element, checked against Namespaces in XML 1.0 (third edition) §3. */
  private declare(attributes: Array<{ name: string; value: string }>): Declarations {
    const prefixes = new Map<string, string>();
    for (const { name, value } of attributes) {
      if (name === 'xmlns') {
        if (value === xmlNamespace || value === xmlnsNamespace) this.fail('the default namespace cannot be the xml or xmlns namespace');
        prefixes.set('', value);
      } else if (name.startsWith('xmlns:')) {
        const prefix = name.slice(6);
        if (!ncName.test(prefix)) this.fail(`namespace prefix ${prefix} is not an NCName`);
        if (value === '') this.fail(`namespace prefix ${prefix} bound to an empty name (not allowed in XML 1.0)`);
        if (prefix === 'xmlns') this.fail('the xmlns prefix cannot be declared');
        if ((prefix === 'xml') !== (value === xmlNamespace)) this.fail('the xml prefix and the XML namespace belong only to each other');
        if (value === xmlnsNamespace) this.fail('no prefix may be bound to the xmlns namespace');
        prefixes.set(prefix, value);
      }
    }
    return { parent: this.scope, prefixes };
  }

  /** Every prefix in scope, names are QNames, and no two attributes share an expanded name. */
  private resolve(elementName: string, attributes: Array<{ name: string; value: string }>): void {
    this.prefixOf(elementName, 'element');
    const expanded = new Set<string>();
    for (const { name } of attributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const prefix = this.prefixOf(name, 'attribute');
      if (prefix === undefined) continue;
      const key = `${lookup(this.scope, prefix)}\u0000${name.slice(prefix.length + 1)}`;
      if (expanded.has(key)) this.fail(`attribute ${name} repeated under another prefix`);
      expanded.add(key);
    }
  }

  private prefixOf(qname: string, what: string): string | undefined {
    const colon = qname.indexOf(':');
    if (colon === -1) return undefined;
    const prefix = qname.slice(0, colon);
    if (!ncName.test(prefix) || !ncName.test(qname.slice(colon + 1))) this.fail(`${what} name ${qname} is not a qualified name`);
    if (prefix === 'xmlns') this.fail(`${what} name ${qname} uses the reserved xmlns prefix`);
    if (lookup(this.scope, prefix) === undefined) this.fail(`${what} with an undeclared namespace prefix`);
    return prefix;
  }

  private endTag(): void {
    this.i += 2;
    const name = this.name('end tag name');
    this.skipWhitespace();
    if (this.xml[this.i] !== '>') this.fail(`end tag ${name} is not closed`);
    this.i++;
    const expected = this.open.pop();
    if (!expected || expected.name !== name) this.fail(`end tag ${name} does not match the open element`);
    this.scope = this.scope?.parent;
  }
}
