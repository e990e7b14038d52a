/** Namespaces, bindings and fixed URIs of SAML 2.0 and the eIDAS profile (reference/eidas.md b.1). */
export const ns = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  eidas: 'http://eidas.europa.eu/saml-extensions',
  eidasNatural: 'http://eidas.europa.eu/attributes/naturalperson',
  mdattr: 'urn:oasis:names:tc:SAML:metadata:attribute',
  algsupport: 'urn:oasis:names:tc:SAML:metadata:algsupport',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const bindings = {
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
} as const;

export type SsoBinding = 'post' | 'redirect';

export const nameIdFormats = {
  entity: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
} as const;

export const attributeNameFormatUri = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
export const bearerMethod = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export const statusCodes = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requestDenied: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
} as const;

export const entityAttributes = {
  protocolVersion: 'http://eidas.europa.eu/entity-attributes/protocol-version',
  applicationIdentifier: 'http://eidas.europa.eu/entity-attributes/application-identifier',
  assuranceCertification: 'urn:oasis:names:tc:SAML:attribute:assurance-certification',
} as const;

/** eIDAS protocol versions we speak, as the EU reference node publishes them. */
export const protocolVersions = '1.4;1.3;1.2';

/** The RelayState limit of the SAML bindings specification (§3.4.3, §3.5.3). */
export const maxRelayStateBytes = 80;

/** Paths of our SAML endpoints, relative to the public URL. */
export const samlPaths = { metadata: '/saml/metadata', acs: '/saml/acs' } as const;
