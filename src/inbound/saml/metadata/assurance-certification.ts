import { loaFromUri, loaRank, type Loa } from '../../../core/loa.js';
import { entityAttributes, ns } from '../saml-constants.js';
import { attribute, childElements, textOnly } from '../xml-dom.js';

/**
 * The highest eIDAS level of assurance a national IdP (or proxy-service) is certified for: the
 * `assurance-certification` entity attribute (md:Extensions/mdattr:EntityAttributes), one
 * AttributeValue per certified level. Only the eIDAS LoA URIs count; any other value (a national
 * or REFEDS profile) says nothing about eIDAS and is ignored. Undefined when no eIDAS level is
 * published: the country's reach is then unknown and nothing is withheld from the citizen.
 */
export function readCertifiedLoa(entity: Element): Loa | undefined {
  let highest: Loa | undefined;
  for (const extensions of childElements(entity, ns.metadata, 'Extensions')) {
    for (const holder of childElements(extensions, ns.mdattr, 'EntityAttributes')) {
      for (const attr of childElements(holder, ns.assertion, 'Attribute')) {
        if (attribute(attr, 'Name') !== entityAttributes.assuranceCertification) continue;
        for (const value of childElements(attr, ns.assertion, 'AttributeValue')) {
          const loa = loaFromUri(textOnly(value).trim());
          if (loa && (highest === undefined || loaRank(loa) > loaRank(highest))) highest = loa;
        }
      }
    }
  }
  return highest;
}
