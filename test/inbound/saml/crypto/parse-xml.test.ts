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
    refused('<a>&nbsp;</a>', /parser/);
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
});
