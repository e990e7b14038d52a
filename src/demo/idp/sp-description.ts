import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { DemoIdpError } from './errors.js';

/** What the demo IdPs need to know about Passerelle (the SAML service provider). */
export interface SpDescription {
  readonly entityId: string;
  /** HTTP-POST AssertionConsumerService URLs; the first is the default. */
  readonly acsUrls: readonly string[];
  /** Base64 DER certificates whose keys may sign AuthnRequests. */
  readonly signingCertificates: readonly string[];
  /** Base64 DER of the RSA certificate assertions are encrypted to (undefined: none published). */
  readonly encryptionCertificate?: string;
  /** Passerelle's country: the second code of every PersonIdentifier. */
  readonly nodeCountry?: string;
  /** When this description should be fetched again (epoch ms); undefined for explicit ones. */
  readonly refreshAt?: number;
}

/** The explicit form, for tests and for running without Passerelle. */
export interface SpDescriptionInput {
  entityId: string;
  acsUrl: string | string[];
  signingCertificatePems: string[];
  encryptionCertificatePem: string;
  nodeCountry?: string;
}

const md = 'urn:oasis:names:tc:SAML:2.0:metadata';
const dsig = 'http://www.w3.org/2000/09/xmldsig#';
const eidas = 'http://eidas.europa.eu/saml-extensions';
const postBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export function certificateBase64(pemOrBase64: string): string {
  return new X509Certificate(pemOrBase64.includes('-----BEGIN') ? pemOrBase64 : Buffer.from(pemOrBase64.replace(/\s+/g, ''), 'base64')).raw.toString('base64');
}

function isRsa(base64: string): boolean {
  return new X509Certificate(Buffer.from(base64, 'base64')).publicKey.asymmetricKeyType === 'rsa';
}

export function describeExplicitSp(input: SpDescriptionInput): SpDescription {
  const encryption = certificateBase64(input.encryptionCertificatePem);
  return {
    entityId: input.entityId,
    acsUrls: Array.isArray(input.acsUrl) ? input.acsUrl : [input.acsUrl],
    signingCertificates: input.signingCertificatePems.map(certificateBase64),
    encryptionCertificate: isRsa(encryption) ? encryption : undefined,
    nodeCountry: input.nodeCountry,
  };
}

function elements(parent: Element | Document, ns: string, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, name) as unknown as ArrayLike<Element>);
}

/** Reads an SP's SAML metadata (an EntityDescriptor with one SPSSODescriptor). */
export function describeSpFromMetadata(xml: string, now: number): SpDescription {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new DemoIdpError('sp_unavailable', 'SP metadata carries a DTD');
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => { if (level !== 'warning') errors.push(String(message)); } })
    .parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (errors.length > 0 || !root || root.namespaceURI !== md || root.localName !== 'EntityDescriptor') {
    throw new DemoIdpError('sp_unavailable', 'SP metadata is not an EntityDescriptor');
  }
  const sso = elements(root, md, 'SPSSODescriptor');
  if (sso.length !== 1) throw new DemoIdpError('sp_unavailable', 'SP metadata has no single SPSSODescriptor');
  const signing: string[] = [];
  const encryption: string[] = [];
  for (const descriptor of elements(sso[0]!, md, 'KeyDescriptor')) {
    const use = descriptor.getAttribute('use') || 'both';
    for (const cert of elements(descriptor, dsig, 'X509Certificate')) {
      const base64 = certificateBase64(cert.textContent ?? '');
      if (use === 'signing' || use === 'both') signing.push(base64);
      if (use === 'encryption' || use === 'both') encryption.push(base64);
    }
  }
  const acs = elements(sso[0]!, md, 'AssertionConsumerService')
    .filter((e) => e.getAttribute('Binding') === postBinding)
    .sort((a, b) => Number(b.getAttribute('isDefault') === 'true') - Number(a.getAttribute('isDefault') === 'true')
      || Number(a.getAttribute('index') ?? 0) - Number(b.getAttribute('index') ?? 0))
    .map((e) => e.getAttribute('Location') ?? '')
    .filter((url) => /^https?:\/\//.test(url));
  const entityId = root.getAttribute('entityID') ?? '';
  if (!entityId || acs.length === 0 || signing.length === 0) {
    throw new DemoIdpError('sp_unavailable', 'SP metadata lacks an entityID, an HTTP-POST ACS or a signing certificate');
  }
  const nodeCountry = elements(root, eidas, 'NodeCountry')[0]?.textContent?.trim();
  return {
    entityId,
    acsUrls: acs,
    signingCertificates: signing,
    encryptionCertificate: encryption.find(isRsa),
    nodeCountry: nodeCountry && /^[A-Z]{2}$/.test(nodeCountry) ? nodeCountry : undefined,
    refreshAt: now + refreshDelay(root, now),
  };
}

/** Honour cacheDuration / validUntil, but look again at least every five minutes. */
function refreshDelay(root: Element, now: number): number {
  let delay = 5 * 60_000;
  const validUntil = Date.parse(root.getAttribute('validUntil') ?? '');
  if (Number.isFinite(validUntil)) delay = Math.min(delay, Math.max(0, validUntil - now));
  const duration = /^PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(root.getAttribute('cacheDuration') ?? '');
  if (duration && duration[0] !== 'P' && duration[0] !== 'PT') {
    const ms = (Number(duration[1] ?? 0) * 3600 + Number(duration[2] ?? 0) * 60 + Number(duration[3] ?? 0)) * 1000;
    delay = Math.min(delay, ms);
  }
  return delay;
}
