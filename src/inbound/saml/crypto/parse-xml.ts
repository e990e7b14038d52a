import { DOMParser } from '@xmldom/xmldom';
import { PasserelleError } from '../../../core/errors.js';
import { checkWellFormed } from './well-formed.js';

export interface SecureParseOptions {
  /** Deepest element nesting accepted (SAML responses need about 12). */
  maxDepth?: number;
  /** Longest input accepted, in UTF-16 code units; the HTTP layer should have a tighter byte limit. */
  maxLength?: number;
}

const defaultMaxDepth = 64;
const defaultMaxLength = 8 * 1024 * 1024;

function malformed(detail: string): never {
  throw new PasserelleError('saml_response_malformed', `XML refused: ${detail}`);
}

/**
 * XML 1.0 §2.11 end-of-line handling and nothing more. xmldom's default also turns U+2028 and U+0085 into
 * line feeds (the XML 1.1 rule), which changes signed text: the digest of a valid response no longer matched.
 */
const xml10LineEnds = (input: string): string => input.replace(/\r\n?/g, '\n');

/**
 * Parses XML that came from outside. The text must be a well-formed XML 1.0 document under our policy
 * (well-formed.ts: no DTD, no entity but the predefined five, no processing instruction, one root, every prefix
 * declared, every character and character reference an XML Char, depth within the limit) before xmldom builds
 * the DOM; every parser warning is an error too.
 */
export function parseXmlSecurely(xml: string, options: SecureParseOptions = {}): Document {
  if (typeof xml !== 'string' || xml.length === 0) malformed('empty input');
  if (xml.length > (options.maxLength ?? defaultMaxLength)) malformed('input too large');
  checkWellFormed(xml, { maxDepth: options.maxDepth ?? defaultMaxDepth }, malformed);

  // Parser messages can quote input; keep them short (they only reach our logs, never the citizen).
  const fail = (message: string): never => malformed(`parser: ${String(message).split('\n')[0]!.slice(0, 120)}`);
  let document: Document;
  try {
    const parserOptions = { errorHandler: { warning: fail, error: fail, fatalError: fail }, normalizeLineEndings: xml10LineEnds };
    document = new DOMParser(parserOptions).parseFromString(xml, 'application/xml');
  } catch (error) {
    if (error instanceof PasserelleError) throw error;
    return malformed('parser failed');
  }
  if (!document.documentElement) malformed('no root element');
  return document;
}
