import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { KeyEntry } from '../../../keys/key-types.js';
import { signXml } from '../crypto/index.js';
import { passerelleVersion } from '../passerelle-version.js';
import { bindings, entityAttributes, nameIdFormats, ns, protocolVersions, attributeNameFormatUri } from '../saml-constants.js';
import { acsUrl, spEntityId } from '../sp-endpoints.js';
import { escapeXml, isoInstant } from '../xml-dom.js';
import { strictProfileAlgorithms } from './algorithm-support.js';

/**
 * Our SP metadata as eIDAS nodes expect it: signed, short-lived, SPType and entity attributes
 * (protocol versions, application identifier), the algorithms of the strict eIDAS profile,
 * every published signing and encryption certificate (RSA and EC, for rollover), and the one
 * HTTP-POST AssertionConsumerService.
 */
export function buildSpMetadata(ctx: Pick<AppContext, 'config' | 'keystore' | 'clock'>): string {
  const { config, keystore } = ctx;
  const now = ctx.clock.now();
  const id = '_' + randomBytes(32).toString('hex');
  const validUntil = isoInstant(now + config.saml.metadataValiditySeconds * 1000);
  const algorithms = strictProfileAlgorithms;
  const entityAttribute = (name: string, value: string) =>
    `<saml:Attribute Name="${escapeXml(name)}" NameFormat="${attributeNameFormatUri}"><saml:AttributeValue>${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`;
  const signing = keystore.published('saml-signing').filter((k) => k.certificateBase64).map((k) => keyDescriptor('signing', k, []));
  const encryption = keystore.published('saml-encryption').filter((k) => k.certificateBase64)
    .map((k) => keyDescriptor('encryption', k, k.type === 'EC' ? algorithms.ecEncryption : algorithms.rsaEncryption));
  const xml = `<md:EntityDescriptor xmlns:md="${ns.metadata}" xmlns:ds="${ns.dsig}" xmlns:saml="${ns.assertion}" xmlns:eidas="${ns.eidas}" xmlns:mdattr="${ns.mdattr}" xmlns:alg="${ns.algsupport}" ID="${id}" entityID="${escapeXml(spEntityId(config))}" validUntil="${validUntil}">`
    + '<md:Extensions>'
    + `<eidas:SPType>${config.saml.spType}</eidas:SPType>`
    + '<mdattr:EntityAttributes>'
    + entityAttribute(entityAttributes.protocolVersion, protocolVersions)
    + entityAttribute(entityAttributes.applicationIdentifier, `Passerelle:${passerelleVersion()}`)
    + '</mdattr:EntityAttributes>'
    + algorithms.digests.map((a) => `<alg:DigestMethod Algorithm="${a}"/>`).join('')
    + algorithms.signatures.map((a) => `<alg:SigningMethod Algorithm="${a}"/>`).join('')
    + '</md:Extensions>'
    + `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="${ns.protocol}">`
    + signing.join('') + encryption.join('')
    + [nameIdFormats.persistent, nameIdFormats.transient, nameIdFormats.unspecified].map((f) => `<md:NameIDFormat>${f}</md:NameIDFormat>`).join('')
    + `<md:AssertionConsumerService Binding="${bindings.post}" Location="${escapeXml(acsUrl(config))}" index="0" isDefault="true"/>`
    + '</md:SPSSODescriptor>'
    + '</md:EntityDescriptor>';
  const signer = keystore.active('saml-signing', 'RSA');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + signXml(xml, {
    referenceId: id,
    privateKey: signer.privateKey!,
    ...(signer.certificateBase64 ? { certificateBase64: signer.certificateBase64 } : {}),
  });
}

function keyDescriptor(use: 'signing' | 'encryption', key: KeyEntry, methods: readonly string[]): string {
  return `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:KeyName>${escapeXml(key.kid)}</ds:KeyName><ds:X509Data><ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`
    + methods.join('') + '</md:KeyDescriptor>';
}
