import { mandatoryAttributes } from '../../core/attributes.js';
import { PasserelleError } from '../../core/errors.js';
import {
  mandatoryLegalAttributes, personKinds, requestableAttribute, type AttributeName, type PersonKind, type RequestedAttribute,
} from '../../core/legal-person-attributes.js';
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
  requestedAttributes: readonly RequestedAttribute[];
  /** Identifies the end service (Scoping/RequesterID, at most 1024 characters). */
  requesterId?: string;
}

/**
 * The union of what the country always asks for and what this login asks for, for one kind of
 * person; that kind's eIDAS minimum data set is always requested and required (the neutral model
 * cannot exist without it). Attributes of the other kind are left out: eIDAS requests either the
 * natural or the legal person, never both.
 */
export function mergeRequestedAttributes(kind: PersonKind, ...lists: ReadonlyArray<readonly RequestedAttribute[]>): RequestedAttribute[] {
  const mandatory: readonly AttributeName[] = kind === 'legal' ? mandatoryLegalAttributes : mandatoryAttributes;
  const merged = new Map<AttributeName, boolean>(mandatory.map((name) => [name, true]));
  for (const list of lists) {
    for (const { name, required } of list) {
      if (personKinds([{ name }]).has(kind)) merged.set(name, (merged.get(name) ?? false) || required);
    }
  }
  return [...merged.entries()].map(([name, required]) => ({ name, required }));
}

/** eIDAS 1.2+: one request asks for a natural or a legal person, never for attributes of both. */
export function requireOnePersonKind(requested: readonly RequestedAttribute[]): PersonKind {
  const kinds = personKinds(requested);
  if (kinds.size !== 1) {
    throw new PasserelleError('bad_request', kinds.size === 0 ? 'an AuthnRequest must ask for attributes' : 'an AuthnRequest may not mix natural- and legal-person attributes');
  }
  return [...kinds][0]!;
}

/**
 * An eIDAS AuthnRequest (reference/eidas.md b.4): ForceAuthn=true, IsPassive=false, the
 * SPType and RequestedAttributes extensions, a persistent NameIDPolicy and the requested LoA
 * as a minimum. Unsigned: the binding signs it (enveloped for POST, query for Redirect).
 * Element order follows the schema: Issuer, (Signature), Extensions, NameIDPolicy,
 * RequestedAuthnContext, Scoping.
 */
export function buildAuthnRequest(input: AuthnRequestInput): string {
  requireOnePersonKind(input.requestedAttributes);
  const requested = input.requestedAttributes.map(({ name, required }) => {
    const definition = requestableAttribute(name);
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
