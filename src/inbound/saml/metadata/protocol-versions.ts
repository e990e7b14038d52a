import { PasserelleError } from '../../../core/errors.js';
import { entityAttributes, ns } from '../saml-constants.js';
import { attribute, childElements, textOnly } from '../xml-dom.js';

/**
 * The eIDAS protocol versions a peer declares in its metadata: the `protocol-version` entity attribute
 * (md:Extensions/mdattr:EntityAttributes), as the eIDAS-Node writes it (one value `1.4;1.3;1.2`) or as one
 * AttributeValue per version. Empty when the peer says nothing (a national IdP that is not an eIDAS node).
 */
export function readProtocolVersions(entity: Element): readonly string[] {
  const versions: string[] = [];
  for (const extensions of childElements(entity, ns.metadata, 'Extensions')) {
    for (const holder of childElements(extensions, ns.mdattr, 'EntityAttributes')) {
      for (const attr of childElements(holder, ns.assertion, 'Attribute')) {
        if (attribute(attr, 'Name') !== entityAttributes.protocolVersion) continue;
        for (const value of childElements(attr, ns.assertion, 'AttributeValue')) {
          for (const version of textOnly(value).split(';').map((v) => v.trim()).filter((v) => v !== '')) {
            if (!/^\d{1,3}\.\d{1,3}$/.test(version)) throw new PasserelleError('metadata_invalid', 'a protocol-version value is not a version number');
            versions.push(version);
          }
        }
      }
    }
  }
  return Object.freeze([...new Set(versions)]);
}

/** eIDAS protocol 1.4 (eIDAS-Node 2.8+): the peer refuses, and must not send, rsa-oaep-mgf1p key transport. */
export function declaresProtocol14(versions: readonly string[]): boolean {
  return versions.some((version) => {
    const [major, minor] = version.split('.').map(Number) as [number, number];
    return major > 1 || (major === 1 && minor >= 4);
  });
}
