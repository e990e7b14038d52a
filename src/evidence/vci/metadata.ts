import type { AppContext } from '../../context.js';
import { localized, supportedLanguages } from '../../web/i18n.js';
import { claimLabel, disclosableClaims } from './claim-labels.js';
import { allConfigurations, credentialIssuer, mdocDocType, walletVct, type CredentialConfiguration } from './configurations.js';
import { representationConfigurationId, representationConfigurationMetadata } from './representation.js';
import { batchSize, preAuthorizedGrant } from './settings.js';

export const vciPaths = {
  authorize: '/oid4vci/authorize',
  token: '/oid4vci/token',
  nonce: '/oid4vci/nonce',
  credential: '/oid4vci/credential',
  offer: '/oid4vci/offers',
} as const;

function claimsOf(config: CredentialConfiguration): Array<Record<string, unknown>> {
  const namespace = mdocDocType(config.type.id);
  return disclosableClaims(config.type.id).map((claim) => ({
    path: config.format === 'mso_mdoc' ? [namespace, claim] : [claim],
    display: supportedLanguages.map((lang) => ({ locale: lang, name: claimLabel(config.type.id, claim, lang) })),
  }));
}

function configurationMetadata(ctx: AppContext, config: CredentialConfiguration): Record<string, unknown> {
  const common = {
    format: config.format,
    scope: config.id,
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
    credential_metadata: {
      display: supportedLanguages.map((lang) => ({ name: localized(config.type.title, lang), locale: lang, description: localized(config.type.description, lang) })),
      claims: claimsOf(config),
    },
  };
  return config.format === 'dc+sd-jwt'
    ? { ...common, vct: walletVct(ctx, config.type.id), cryptographic_binding_methods_supported: ['jwk'], credential_signing_alg_values_supported: ['ES256'] }
    : { ...common, doctype: mdocDocType(config.type.id), cryptographic_binding_methods_supported: ['cose_key'], credential_signing_alg_values_supported: [-7] };
}

/** Credential Issuer Metadata (OpenID4VCI 1.0 §12.2). Passerelle is its own authorization server. */
export function issuerMetadata(ctx: AppContext): Record<string, unknown> {
  const issuer = credentialIssuer(ctx);
  return {
    credential_issuer: issuer,
    credential_endpoint: issuer + vciPaths.credential,
    nonce_endpoint: issuer + vciPaths.nonce,
    batch_credential_issuance: { batch_size: batchSize },
    display: supportedLanguages.map((lang) => ({ name: 'Passerelle', locale: lang })),
    credential_configurations_supported: {
      ...Object.fromEntries(allConfigurations().map((config) => [config.id, configurationMetadata(ctx, config)])),
      [representationConfigurationId]: representationConfigurationMetadata(ctx),
    },
  };
}

/** RFC 8414 metadata of the same origin as authorization server of the issuer. */
export function authorizationServerMetadata(ctx: AppContext): Record<string, unknown> {
  const issuer = credentialIssuer(ctx);
  return {
    issuer,
    authorization_endpoint: issuer + vciPaths.authorize,
    token_endpoint: issuer + vciPaths.token,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', preAuthorizedGrant],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
    scopes_supported: [...allConfigurations().map((config) => config.id), representationConfigurationId],
  };
}
