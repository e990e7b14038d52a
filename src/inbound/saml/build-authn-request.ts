import { attributeByName, mandatoryAttributes, type CitizenAttributeName } from '../../core/attributes.js';
import { loaUri, type Loa } from '../../core/loa.js';
import { attributeNameFormatUri, nameIdFormats, ns } from './saml-constants.js';
import { escapeXml, isoInstant } from './xml-dom.js';

export interface AuthnRequestInput {
  id: string;
  issueInstant: number;
  destination: string;
  spEntityId: string;
  providerName: string;
  spType: 'public' | 'private';
  loa: Loa;
  requestedAttributes: ReadonlyArray<{ name: CitizenAttributeName; required: boolean }>;
  /** Identifies the end service (Scoping/RequesterID, at most 1024 characters). */
  requesterId?: string;
}

/**
 * The union of what the country always asks for and what this login asks for; the eIDAS
 * minimum data set is always requested and required (the neutral model cannot exist without it).
 */
export function mergeRequestedAttributes(
  ...lists: ReadonlyArray<ReadonlyArray<{ name: CitizenAttributeName; required: boolean }>>
): Array<{ name: CitizenAttributeName; required: boolean }> {
  const merged = new Map<CitizenAttributeName, boolean>(mandatoryAttributes.map((name) => [name, true]));
  for (const list of lists) for (const { name, required } of list) merged.set(name, (merged.get(name) ?? false) || required);
  return [...merged.entries()].map(([name, required]) => ({ name, required }));
}

/**
 * An eIDAS AuthnRequest (reference/eidas.md b.4): ForceAuthn=true, IsPassive=false, the
 * SPType and RequestedAttributes extensions, a persistent NameIDPolicy and the requested LoA
 * as a minimum. Unsigned: the binding signs it (enveloped for POST, query for Redirect).
 * Element order follows the schema: Issuer, (Signature), Extensions, NameIDPolicy,
 * RequestedAuthnContext, Scoping.
 */
export function buildAuthnRequest(input: AuthnRequestInput): string {
  const requested = input.requestedAttributes.map(({ name, required }) => {
    const definition = attributeByName(name);
    return `<eidas:RequestedAttribute FriendlyName="${definition.friendlyName}" Name="${definition.eidasUri}" NameFormat="${attributeNameFormatUri}" isRequired="${required}"/>`;
  }).join('');
  const scoping = input.requesterId
    ? `<saml2p:Scoping><saml2p:RequesterID>${escapeXml(input.requesterId.slice(0, 1024))}</saml2p:RequesterID></saml2p:Scoping>`
    : '';
  return `<saml2p:AuthnRequest xmlns:saml2p="${ns.protocol}" xmlns:saml2="${ns.assertion}" xmlns:eidas="${ns.eidas}"`
    + ` ID="${input.id}" Version="2.0" IssueInstant="${isoInstant(input.issueInstant)}" Destination="${escapeXml(input.destination)}"`
    + ` ForceAuthn="true" IsPassive="false" ProviderName="${escapeXml(input.providerName)}"`
    + ' Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified">'
    + `<saml2:Issuer Format="${nameIdFormats.entity}">${escapeXml(input.spEntityId)}</saml2:Issuer>`
    + '<saml2p:Extensions>'
    + `<eidas:SPType>${input.spType}</eidas:SPType>`
    + `<eidas:RequestedAttributes>${requested}</eidas:RequestedAttributes>`
    + '</saml2p:Extensions>'
    + `<saml2p:NameIDPolicy AllowCreate="true" Format="${nameIdFormats.persistent}"/>`
    + `<saml2p:RequestedAuthnContext Comparison="minimum"><saml2:AuthnContextClassRef>${loaUri(input.loa)}</saml2:AuthnContextClassRef></saml2p:RequestedAuthnContext>`
    + scoping
    + '</saml2p:AuthnRequest>';
}
