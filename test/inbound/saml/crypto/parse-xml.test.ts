import assert from 'node:assert/strict';
import { parseXmlSecurely } from '../../../../src/inbound/saml/crypto/index.js';

const refused = (xml: string, reason?: RegExp, options?: { maxDepth?: number; maxLength?: number }) =>
  assert.throws(() => parseXmlSecurely(xml, options), { code: 'saml_response_malformed', ...(reason ? { message: reason } : {}) });

describe('secure XML parsing', () => {
  it('parses a plain document with an XML declaration and comments', () => {
    const document = parseXmlSecurely('<?xml version="1.0" encoding="UTF-8"?><!-- licence --><a xmlns="urn:x"><b>t &amp; &#233;</b></a>');
    assert.equal(document.documentElement.localName, 'a');
    assert.equal(document.documentElement.textContent, 't & é');
  });

  it('refuses any DOCTYPE, even a harmless one', () => {
    refused('<!DOCTYPE a><a/>', /DOCTYPE/);
    refused('<?xml version="1.0"?>\n<!doctype a SYSTEM "a.dtd"><a/>', /DOCTYPE/);
  });

  it('refuses external entities (XXE) and entity expansion (billion laughs)', () => {
    refused('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', /DOCTYPE/);
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') + ']><lolz>&lol9;</lolz>';
    refused(laughs, /DOCTYPE/);
  });

  it('refuses an undeclared named entity reference', () => {
    refused('<a>&nbsp;</a>', /predefined entities/);
  });

  it('refuses processing instructions anywhere', () => {
    refused('<?xml-stylesheet href="x.xsl"?><a/>', /processing instruction/);
    refused('<a><?php echo 1; ?></a>', /processing instruction/);
  });

  it('refuses several root elements (CVE-2022-39300 / CVE-2022-39353) and text outside the root', () => {
    refused('<a/><a/>');
    refused('<a/>trailing');
  });

  it('refuses malformed XML and unbound prefixes', () => {
    refused('<a><b></a>');
    refused('<x:a/>', /undeclared namespace prefix/);
    refused('<a><ds:Signature/></a>', /undeclared namespace prefix/);
    refused('<a x:y="1"/>', /undeclared namespace prefix/);
    refused('');
  });

  it('refuses over-deep nesting and over-long input', () => {
    refused(`${'<a>'.repeat(70)}${'</a>'.repeat(70)}`, /deeply/);
    assert.doesNotThrow(() => parseXmlSecurely(`${'<a>'.repeat(70)}${'</a>'.repeat(70)}`, { maxDepth: 100 }));
    refused(`<a>${'x'.repeat(2000)}</a>`, /too large/, { maxLength: 1000 });
  });

  describe('XML 1.0 well-formedness (what xmldom accepts and a conforming parser refuses)', () => {
    it('refuses character references to non-characters: lone surrogates, C0 controls, NUL, U+FFFE, beyond U+10FFFF', () => {
      for (const ref of ['&#xD800;', '&#xDFFF;', '&#55296;', '&#1;', '&#x0;', '&#0;', '&#x1F;', '&#xFFFE;', '&#xFFFF;', '&#x110000;', '&#99999999999;']) {
        refused(`<a>Ro${ref}ssi</a>`, /character reference|predefined entities/);
        refused(`<a b="Ro${ref}ssi"/>`, /character reference|predefined entities/);
      }
    });

    it('refuses malformed character references (uppercase X, no digits, no semicolon)', () => {
      for (const ref of ['&#X41;', '&#x;', '&#;', '&#65', '&#xZZ;', '& ', '&amp']) refused(`<a>${ref}</a>`);
    });

    it('refuses raw control characters, NUL, lone surrogates and U+FFFE/U+FFFF anywhere', () => {
      for (const c of ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uD800', '\uDC00', '\uFFFE', '\uFFFF']) {
        refused(`<a>Ros${c}si</a>`, /not allowed in XML 1.0/);
        refused(`<a b="${c}"/>`, /not allowed in XML 1.0/);
        refused(`<a><!-- ${c} --></a>`, /not allowed in XML 1.0/);
      }
    });

    it('refuses stray and mismatched end tags', () => {
      refused('<a>x</b></a>', /does not match/);
      refused('<a>x</a></b>', /content outside the root|several/);
      refused('<a></a></a>');
      refused('<a><b></a></b>', /does not match/);
      refused('<a>', /not closed/);
    });

    it('refuses "]]>" in text and an unterminated CDATA section, accepts "]]>" in attributes and CDATA', () => {
      refused('<a>x]]>y</a>', /\]\]>/);
      refused('<a><![CDATA[x</a>', /unterminated CDATA/);
      assert.equal(parseXmlSecurely('<a b="]]>">x]]&gt;<![CDATA[<&>]]></a>').documentElement.textContent, 'x]]><&>');
    });

    it('refuses empty prefix bindings and misuse of the reserved xml and xmlns prefixes', () => {
      refused('<a xmlns:p=""/>', /empty name/);
      refused('<p:a xmlns:p="urn:x"><b xmlns:p=""/></p:a>', /empty name/);
      refused('<a xmlns:xmlns="urn:x"/>', /xmlns prefix/);
      refused('<a xmlns:xml="urn:x"/>', /xml prefix/);
      refused('<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>', /xml prefix/);
      refused('<a xmlns="http://www.w3.org/2000/xmlns/"/>', /default namespace/);
      refused('<xmlns:a/>', /reserved xmlns prefix|undeclared/);
      assert.doesNotThrow(() => parseXmlSecurely('<a xmlns="" xml:lang="it" xmlns:xml="http://www.w3.org/XML/1998/namespace"/>'));
    });

    it('refuses the same attribute twice, also under two prefixes bound to one namespace', () => {
      refused('<a b="1" b="2"/>', /repeated/);
      refused('<a xmlns:p="urn:x" xmlns:q="urn:x" p:b="1" q:b="2"/>', /repeated under another prefix/);
      assert.doesNotThrow(() => parseXmlSecurely('<a xmlns:p="urn:x" b="1" p:b="2"/>'));
    });

    it('refuses unquoted or unterminated attribute values, "<" in them, and attributes without whitespace between', () => {
      refused('<a b=1/>', /not quoted/);
      refused('<a b="1/>', /not terminated|not closed/);
      refused('<a b="<"/>', /"<"/);
      refused('<a b="1"c="2"/>', /separated by whitespace/);
    });

    it('refuses bad names, "--" in comments, unterminated comments and XML declarations other than 1.0 in UTF-8', () => {
      refused('<1a/>', /XML name/);
      refused('<a:b:c xmlns:a="urn:x"/>', /qualified name/);
      refused('<a><!-- a -- b --></a>', /--/);
      refused('<a><!-- a ---></a>', /--/);
      refused('<a><!-- a </a>', /unterminated comment/);
      refused('<?xml version="1.1"?><a/>', /version 1.0/);
      refused('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', /UTF-8/);
      refused(' <?xml version="1.0"?><a/>', /processing instructions/);
      assert.doesNotThrow(() => parseXmlSecurely('\uFEFF<?xml version=\'1.0\' encoding=\'utf-8\' standalone=\'yes\' ?>\n<a/>\n<!-- end -->\n'));
    });

    it('keeps U+2028, U+0085 and U+2029 as they are (no XML 1.1 line-end normalisation) and turns CR LF and CR into LF', () => {
      const document = parseXmlSecurely('<a b="x\u2028\u0085y\r\nz">1\u20282\u00853\u20294\r\n5\r6&#13;7&#x2028;</a>');
      assert.equal(document.documentElement.textContent, '1\u20282\u00853\u20294\n5\n6\r7\u2028');
      assert.equal(document.documentElement.getAttribute('b'), 'x\u2028\u0085y z');
    });

    it('accepts every XML Char, raw and as a reference, including astral characters and U+FFFD', () => {
      const text = '\t\u0020\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}\u00A0\u202E';
      const references = [...text].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('');
      assert.equal(parseXmlSecurely(`<a>${text}|${references}</a>`).documentElement.textContent, `${text}|${text}`);
    });
  });
});
