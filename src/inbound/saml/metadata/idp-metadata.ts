import { createHash, X509Certificate } from 'node:crypto';
import { PasserelleError } from '../../../core/errors.js';
import { bindings, ns } from '../saml-constants.js';
import { attribute, childElements, dateTimeAttribute, textOnly } from '../xml-dom.js';
import type { Loa } from '../../../core/loa.js';
import { readCertifiedLoa } from './assurance-certification.js';
import { readProtocolVersions } from './protocol-versions.js';
import { readRequestSigningSupport, type RequestSigningSupport } from './request-signing-support.js';
import { parseXsDuration } from './xs-duration.js';

/** What we use of a national IdP's (or eIDAS proxy-service's) metadata. */
export interface IdpMetadata {
  readonly country: string;
  readonly entityId: string;
  /** Single sign-on endpoints per binding. */
  readonly ssoServices: Readonly<{ post?: string; redirect?: string }>;
  /** PEM certificates whose keys may sign Responses and Assertions of this IdP. */
  readonly signingCertificates: readonly string[];
  /** SHA-256 fingerprints (hex) of the signing certificates, for logs. */
  readonly signingFingerprints: readonly string[];
  readonly nodeCountry?: string;
  /** eIDAS attribute URIs the IdP says it supports (empty when it does not say). */
  readonly supportedAttributes: readonly string[];
  /** Epoch ms after which this copy must not be used; undefined = no limit given. */
  readonly validUntil?: number;
  /** Refresh hint from `cacheDuration` in ms. */
  readonly cacheDurationMs?: number;
  readonly metadataSigned: boolean;
  /** SHA-256 of the metadata bytes: tells a refresh that changed something from one that did not. */
  readonly digest: string;
  /** Whether and how the IdP wants our AuthnRequests signed. */
  readonly requestSigning: RequestSigningSupport;
  /** eIDAS protocol versions the IdP declares (`protocol-version` entity attribute); empty if none. */
  readonly protocolVersions: readonly string[];
  /** Highest eIDAS LoA the IdP is certified for (`assurance-certification`); undefined = it does not say. */
  readonly certifiedLoa?: Loa;
}

function fail(detail: string): never {
  throw new PasserelleError('metadata_invalid', detail);
}

/** The EntityDescriptor holding the IdP role: the root, or the only one inside an EntitiesDescriptor. */
export function findIdpEntity(root: Element): Element {
  if (root.namespaceURI === ns.metadata && root.localName === 'EntityDescriptor') return root;
  if (root.namespaceURI === ns.metadata && root.localName === 'EntitiesDescriptor') {
    const idps = childElements(root, ns.metadata, 'EntityDescriptor')
      .filter((e) => childElements(e, ns.metadata, 'IDPSSODescriptor').length > 0);
    if (idps.length !== 1) fail(`an EntitiesDescriptor must hold exactly one identity provider, found ${idps.length}`);
    return idps[0]!;
  }
  return fail('the metadata root is neither EntityDescriptor nor EntitiesDescriptor');
}

function certificatePem(base64: string): { pem: string; fingerprint: string } {
  const der = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return fail('a KeyDescriptor certificate cannot be read');
  }
  const key = cert.publicKey;
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    fail('a signing certificate holds an RSA key shorter than 2048 bits');
  }
  return { pem: cert.toString(), fingerprint: createHash('sha256').update(cert.raw).digest('hex') };
}

function signingCertificates(idp: Element): Array<{ pem: string; fingerprint: string }> {
  const out: Array<{ pem: string; fingerprint: string }> = [];
  for (const descriptor of childElements(idp, ns.metadata, 'KeyDescriptor')) {
    const use = attribute(descriptor, 'use');
    if (use !== undefined && use !== 'signing') continue;
    for (const keyInfo of childElements(descriptor, ns.dsig, 'KeyInfo')) {
      for (const data of childElements(keyInfo, ns.dsig, 'X509Data')) {
        for (const cert of childElements(data, ns.dsig, 'X509Certificate')) out.push(certificatePem(textOnly(cert)));
      }
    }
  }
  return out;
}

function nodeCountry(entity: Element, idp: Element): string | undefined {
  for (const holder of [idp, entity]) {
    for (const extensions of childElements(holder, ns.metadata, 'Extensions')) {
      const found = childElements(extensions, ns.eidas, 'NodeCountry')[0];
      if (found) return textOnly(found).trim();
    }
  }
  return undefined;
}

function earliest(...values: Array<number | undefined>): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}

/** Reads the parts of verified metadata we use and checks they are complete and consistent. */
export function readIdpMetadata(root: Element, country: string, options: { signed: boolean; digest: string }): IdpMetadata {
  const entity = findIdpEntity(root);
  const entityId = attribute(entity, 'entityID');
  if (!entityId) fail('the EntityDescriptor has no entityID');
  const idps = childElements(entity, ns.metadata, 'IDPSSODescriptor');
  if (idps.length !== 1) fail(`expected one IDPSSODescriptor, found ${idps.length}`);
  const idp = idps[0]!;
  const protocols = (attribute(idp, 'protocolSupportEnumeration') ?? '').split(/\s+/);
  if (!protocols.includes(ns.protocol)) fail('the IDPSSODescriptor does not support SAML 2.0');
  const ssoServices: { post?: string; redirect?: string } = {};
  for (const sso of childElements(idp, ns.metadata, 'SingleSignOnService')) {
    const location = attribute(sso, 'Location');
    if (!location || !/^https?:\/\//.test(location)) continue;
    const binding = attribute(sso, 'Binding');
    if (binding === bindings.post) ssoServices.post ??= location;
    if (binding === bindings.redirect) ssoServices.redirect ??= location;
  }
  if (!ssoServices.post && !ssoServices.redirect) fail('no SingleSignOnService with the HTTP-POST or HTTP-Redirect binding');
  const certs = signingCertificates(idp);
  if (certs.length === 0) fail('no signing certificate in the IDPSSODescriptor');
  const declaredCountry = nodeCountry(entity, idp);
  if (declaredCountry !== undefined && declaredCountry !== country) {
    fail(`the metadata names node country ${declaredCountry}, configured for ${country}`);
  }
  const supportedAttributes = childElements(idp, ns.assertion, 'Attribute')
    .map((a) => attribute(a, 'Name')).filter((n): n is string => Boolean(n));
  const cacheDurations = [root, entity].map((e) => attribute(e, 'cacheDuration')).filter((v): v is string => v !== undefined)
    .map(parseXsDuration);
  const validUntil = earliest(...[root, entity, idp].map((e) => metadataInstant(e, 'validUntil')));
  const cacheDurationMs = earliest(...cacheDurations);
  return Object.freeze({
    country,
    entityId,
    ssoServices: Object.freeze(ssoServices),
    signingCertificates: Object.freeze(certs.map((c) => c.pem)),
    signingFingerprints: Object.freeze(certs.map((c) => c.fingerprint)),
    ...(declaredCountry !== undefined ? { nodeCountry: declaredCountry } : {}),
    supportedAttributes: Object.freeze(supportedAttributes),
    ...(validUntil !== undefined ? { validUntil } : {}),
    ...(cacheDurationMs !== undefined ? { cacheDurationMs } : {}),
    metadataSigned: options.signed,
    digest: options.digest,
    requestSigning: readRequestSigningSupport(entity, idp),
    protocolVersions: readProtocolVersions(entity),
    ...certified(entity),
  });
}

function certified(entity: Element): { certifiedLoa?: Loa } {
  const loa = readCertifiedLoa(entity);
  return loa ? { certifiedLoa: loa } : {};
}

function metadataInstant(el: Element, name: string): number | undefined {
  try {
    return dateTimeAttribute(el, name);
  } catch {
    return fail(`${el.localName}@${name} is not a valid date`);
  }
}
