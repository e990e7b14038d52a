import { attributeByUri } from '../../../core/attributes.js';
import { PasserelleError } from '../../../core/errors.js';
import { attributeNameFormatUri, ns } from '../saml-constants.js';
import { attribute, childElements, requiredAttribute, textOnly } from '../xml-dom.js';
import { established, type AcsCheck, type ReceivedAttributeValue } from './acs-state.js';

const maxValueLength = 8192;
// XML white space only: String#trim would also drop U+2028, U+00A0 and U+FEFF, which are part of the signed text.
const xmlWhitespaceAtEnds = /^[ \t\n\r]+|[ \t\n\r]+$/g;

function latinScript(value: Element): boolean {
  const attrs = value.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (a.localName === 'LatinScript') return a.value !== 'false';
  }
  return true;
}

/**
 * Collects the attributes of the verified Assertion. Refused: two Attribute elements with the
 * same Name (attribute smuggling, S-48), an eIDAS attribute without the `uri` NameFormat,
 * encrypted attributes (not part of the eIDAS profile), and values that are not plain text —
 * comments or CDATA inside a value could make the signed text differ from the read text
 * (S-17). Unknown attributes (legal person, sector-specific) are carried but not used.
 */
export const checkAttributes: AcsCheck = {
  name: 'attributes',
  run(state) {
    const assertion = established(state.assertion, 'assertion');
    const collected = new Map<string, ReceivedAttributeValue[]>();
    for (const statement of childElements(assertion, ns.assertion, 'AttributeStatement')) {
      if (childElements(statement, ns.assertion, 'EncryptedAttribute').length > 0) {
        throw new PasserelleError('saml_response_rejected', 'encrypted attributes are not supported');
      }
      for (const element of childElements(statement, ns.assertion, 'Attribute')) {
        const name = requiredAttribute(element, 'Name');
        if (collected.has(name)) throw new PasserelleError('saml_response_rejected', 'two attributes share one Name');
        if (attributeByUri(name) && attribute(element, 'NameFormat') !== attributeNameFormatUri) {
          throw new PasserelleError('saml_response_rejected', 'an eIDAS attribute does not use the uri NameFormat');
        }
        const values = childElements(element, ns.assertion, 'AttributeValue').map((value) => {
          const text = textOnly(value, 'AttributeValue').replace(xmlWhitespaceAtEnds, '');
          if (text.length > maxValueLength) throw new PasserelleError('citizen_attribute_malformed', 'an attribute value is too long');
          return { text, latinScript: latinScript(value) };
        });
        collected.set(name, values);
      }
    }
    state.attributes = collected;
  },
};
