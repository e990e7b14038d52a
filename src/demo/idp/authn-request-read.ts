import { DOMParser } from '@xmldom/xmldom';
import { attributeByUri } from '../../core/attributes.js';
import { legalPersonAttributeTable } from '../../core/legal-person-attributes.js';
import { loaFromUri, loaRank, type Loa } from '../../core/loa.js';
import { DemoIdpError } from './errors.js';

const samlp = 'urn:oasis:names:tc:SAML:2.0:protocol';
const saml = 'urn:oasis:names:tc:SAML:2.0:assertion';
const eidas = 'http://eidas.europa.eu/saml-extensions';
const postBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export const nameIdFormats = {
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
} as const;

export interface RequestedAttribute {
  readonly name: string;
  readonly required: boolean;
}

/** The parts of an eIDAS AuthnRequest the demo IdP acts on. */
export interface AuthnRequestFields {
  readonly id: string;
  readonly issuer: string;
  readonly issueInstant: number;
  readonly destination?: string;
  readonly acsUrl?: string;
  readonly providerName?: string;
  readonly spType?: string;
  readonly nameIdFormat: string;
  /** Lowest acceptable LoA (for Comparison="exact", the lowest listed level). */
  readonly minimumLoa: Loa;
  readonly comparison: 'minimum' | 'exact';
  readonly requestedAttributes: readonly RequestedAttribute[];
}

function children(parent: Element, ns: string, name: string): Element[] {
  return Array.from(parent.childNodes as unknown as ArrayLike<Node>)
    .filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name);
}

function single(parent: Element, ns: string, name: string, required: boolean): Element | undefined {
  const found = children(parent, ns, name);
  if (found.length > 1 || (required && found.length === 0)) throw new DemoIdpError('request_malformed', `expected one ${name}`);
  return found[0];
}

function text(element: Element | undefined): string | undefined {
  const value = element?.textContent?.trim();
  return value ? value : undefined;
}

function readLoa(root: Element): { minimumLoa: Loa; comparison: 'minimum' | 'exact' } {
  const context = single(root, samlp, 'RequestedAuthnContext', false);
  if (!context) return { minimumLoa: 'low', comparison: 'minimum' };
  const comparison = context.getAttribute('Comparison') || 'exact';
  if (comparison !== 'minimum' && comparison !== 'exact') {
    throw new DemoIdpError('request_unsupported', `RequestedAuthnContext Comparison ${comparison}`);
  }
  const levels = children(context, saml, 'AuthnContextClassRef').map((e) => loaFromUri(text(e) ?? ''));
  if (levels.length === 0 || levels.some((l) => l === undefined)) {
    throw new DemoIdpError('request_unsupported', 'RequestedAuthnContext names no eIDAS LoA');
  }
  const lowest = (levels as Loa[]).reduce((a, b) => (loaRank(a) <= loaRank(b) ? a : b));
  return { minimumLoa: lowest, comparison };
}

function readRequestedAttributes(root: Element): RequestedAttribute[] {
  const extensions = single(root, samlp, 'Extensions', false);
  if (!extensions) return [];
  const list = children(extensions, eidas, 'RequestedAttributes')[0];
  if (!list) return [];
  return children(list, eidas, 'RequestedAttribute').map((e) => ({
    name: e.getAttribute('Name') ?? '',
    required: e.getAttribute('isRequired') === 'true',
  })).filter((a) => a.name !== '');
}

/** Parses and checks the structure of an AuthnRequest whose signature already verified. */
export function readAuthnRequest(xml: string): AuthnRequestFields {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => { if (level !== 'warning') errors.push(String(message)); } })
    .parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (errors.length > 0 || !root || root.namespaceURI !== samlp || root.localName !== 'AuthnRequest') {
    throw new DemoIdpError('request_malformed', 'not a samlp:AuthnRequest');
  }
  const id = root.getAttribute('ID') ?? '';
  const issueInstant = Date.parse(root.getAttribute('IssueInstant') ?? '');
  if (root.getAttribute('Version') !== '2.0' || !/^[A-Za-z_][\w.-]{0,255}$/.test(id) || !Number.isFinite(issueInstant)) {
    throw new DemoIdpError('request_malformed', 'Version, ID or IssueInstant missing or invalid');
  }
  if (root.getAttribute('IsPassive') === 'true') throw new DemoIdpError('request_unsupported', 'IsPassive=true');
  const binding = root.getAttribute('ProtocolBinding');
  if (binding && binding !== postBinding) throw new DemoIdpError('request_unsupported', `ProtocolBinding ${binding}`);
  if (root.hasAttribute('AssertionConsumerServiceIndex')) throw new DemoIdpError('request_unsupported', 'AssertionConsumerServiceIndex');
  const issuer = text(single(root, saml, 'Issuer', true));
  if (!issuer) throw new DemoIdpError('request_malformed', 'empty Issuer');
  const policy = single(root, samlp, 'NameIDPolicy', false);
  const format = policy?.getAttribute('Format') || nameIdFormats.persistent;
  if (!(Object.values(nameIdFormats) as string[]).includes(format)) throw new DemoIdpError('request_unsupported', `NameID format ${format}`);
  const extensions = single(root, samlp, 'Extensions', false);
  return {
    id,
    issuer,
    issueInstant,
    destination: root.getAttribute('Destination') || undefined,
    acsUrl: root.getAttribute('AssertionConsumerServiceURL') || undefined,
    providerName: root.getAttribute('ProviderName') || undefined,
    spType: extensions ? text(children(extensions, eidas, 'SPType')[0]) : undefined,
    nameIdFormat: format,
    ...readLoa(root),
    requestedAttributes: readRequestedAttributes(root),
  };
}

/** Friendly names of the requested attributes the attribute table knows (for the login page). */
export function requestedAttributeNames(fields: AuthnRequestFields): string[] {
  return fields.requestedAttributes.map((a) => attributeByUri(a.name)?.friendlyName ?? legalPersonAttributeTable.find((l) => l.eidasUri === a.name)?.friendlyName ?? a.name);
}
