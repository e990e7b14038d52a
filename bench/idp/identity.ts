import { X509Certificate } from 'node:crypto';
import { algorithms } from '../../src/inbound/saml/crypto/index.js';
import { generateKey } from '../../src/keys/generate.js';
import type { BenchOptions } from '../options.js';

/**
 * The national IdP the driver plays. Its keys live only in the driver's IdP processes and in
 * the metadata file Passerelle trusts; everything is plain data so it can cross to them.
 */
export interface BenchIdp {
  country: string;
  entityId: string;
  /** Never fetched: the driver intercepts the AuthnRequest the browser would carry there. */
  ssoUrl: string;
  algorithm: BenchOptions['idpAlgorithm'];
  signatureAlgorithm: string;
  privateKeyPem: string;
  certificateBase64: string;
}

export async function createBenchIdp(country: string, algorithm: BenchOptions['idpAlgorithm']): Promise<BenchIdp> {
  const key = await generateKey('saml-signing', algorithm === 'ecdsa-p256' ? 'EC' : 'RSA', `bench IdP ${country}`);
  const certificate = new X509Certificate(key.certificatePem!);
  return {
    country,
    entityId: `https://idp.${country.toLowerCase()}.bench.invalid/metadata`,
    ssoUrl: `https://idp.${country.toLowerCase()}.bench.invalid/sso`,
    algorithm,
    signatureAlgorithm: algorithm === 'ecdsa-p256' ? algorithms.ecdsaSha256 : algorithms.rsaPssSha256,
    privateKeyPem: key.privateKeyPem,
    certificateBase64: certificate.raw.toString('base64'),
  };
}

/** Unsigned IdP metadata (no metadata signing certificate is configured for the bench country). */
export function idpMetadataXml(idp: BenchIdp): string {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_md-bench-${idp.country}" entityID="${idp.entityId}">`
    + '<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    + `<md:Extensions><eidas:NodeCountry xmlns:eidas="http://eidas.europa.eu/saml-extensions">${idp.country}</eidas:NodeCountry></md:Extensions>`
    + `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${idp.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`
    + `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${idp.ssoUrl}"/>`
    + `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${idp.ssoUrl}"/>`
    + '</md:IDPSSODescriptor></md:EntityDescriptor>';
}
