import { acrValuesSupported } from './acr.js';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { pairwiseSubject } from '../../core/citizen-key.js';
import type { Language } from '../../web/i18n.js';
import type { AppContext } from '../../context.js';
import type { Config } from '../../config/schema.js';
import { cookieName } from '../../web/csrf.js';
import { claimsFromCitizen } from './claims-from-citizen.js';
import { enforceRegisteredSecretCarrier } from './client-auth-method.js';
import type { CitizenStore } from './citizen-store.js';
import { portalClientMetadata, selfClientMetadata } from './client-metadata.js';
import { countryParameterValidator } from './country-parameter.js';
import { evidenceDetailValidator, hasEvidenceStep } from './evidence-hook.js';
import { representationDetailValidator } from './representation-hook.js';
import { resourceIndicatorHooks } from './evidence-resource.js';
import { passerellePolicy } from './interaction-policy.js';
import { portalAwareFetch } from './outbound-fetch.js';
import { knexAdapterFactory } from './knex-adapter.js';
import type { PortalRegistry } from './portals.js';
import { answerOutagesWith503 } from './outage.js';
import { loggedOutPage, logoutPage, renderErrorPage, unavailablePage } from './provider-pages.js';
import { releasableScopes, scopeClaims } from './scope-claims.js';
import { idTokenSigningAlgs, providerSigningJwks } from './signing-keys.js';
import { providerTtl } from './ttl.js';

export interface ProviderParts {
  portals: PortalRegistry;
  citizens: CitizenStore;
  evidenceWired: () => boolean;
  /** The way back to the portal of a login whose interaction is gone (for oidc-provider's error page). */
  returnLink: (uid: string, lang: Language) => Promise<{ href: string; label: string } | undefined>;
}

/**
 * The session cookie lives at `/` and is `__Host-` over HTTPS; the interaction and resume
 * cookies are scoped to their paths, so they can only be `__Secure-` (src/web/csrf.ts).
 */
export function providerCookieNames(config: Config) {
  return {
    session: cookieName(config, 'passerelle.session', '/'),
    interaction: cookieName(config, 'passerelle.interaction', '/interaction'),
    resume: cookieName(config, 'passerelle.resume', '/oidc/auth'),
  };
}

/**
 * oidc-provider configured for Passerelle: code flow with PKCE S256 only, static portals
 * from the configuration, signing keys from our keystore, every model in our database,
 * our pages, eIDAS LoAs as `acr`, pairwise subjects, evidence authorization details.
 */
export function createProvider(ctx: AppContext, parts: ProviderParts): Provider {
  const { config } = ctx;
  const { portals, citizens } = parts;
  const issuer = config.publicUrl + '/oidc';
  const https = config.publicUrl.startsWith('https://');
  const jwks = providerSigningJwks(ctx.keystore);
  const signingAlgs = idTokenSigningAlgs(jwks);
  const postLogoutTargets = portals.all().flatMap((p) => p.postLogoutRedirectUris);
  const errorPageParts = { logger: ctx.logger, issuer, portals, returnLink: parts.returnLink };

  const configuration: Configuration = {
    adapter: knexAdapterFactory(ctx.db, ctx.clock),
    clients: [...portals.all().map(portalClientMetadata), selfClientMetadata(config)],
    jwks: jwks as Configuration['jwks'],
    enabledJWA: {
      idTokenSigningAlgValues: signingAlgs as NonNullable<Configuration['enabledJWA']>['idTokenSigningAlgValues'],
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    },
    cookies: {
      names: providerCookieNames(config),
      long: { httpOnly: true, sameSite: 'lax', signed: true, secure: https, path: '/' },
      short: { httpOnly: true, sameSite: 'lax', signed: true, secure: https },
      keys: [...config.secrets.cookieKeys],
    },
    claims: { ...scopeClaims(), sid: null },
    scopes: ['openid', 'offline_access', ...releasableScopes],
    acrValues: acrValuesSupported(config.wallet !== undefined),
    subjectTypes: ['public', 'pairwise'],
    // The account id is already the keyed hash of the PersonIdentifier, so the pairwise
    // subject needs no personal data: it stays computable for logout tokens and hints.
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(accountId, portals.sector(client.clientId), config.secrets.pairwiseSecret),
    async findAccount(providerCtx, accountId) {
      const citizen = await citizens.load(accountId);
      if (!citizen) return undefined;
      const clientId = providerCtx.oidc.client?.clientId ?? '';
      // onBehalfOf lets the login policy tell an organisation's session from a private one.
      return { accountId, onBehalfOf: Boolean(citizen.onBehalfOf), claims: () => ({ sub: accountId, ...claimsFromCitizen(citizen, portals.allowedClaims(clientId)) }) };
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    extraParams: { country: countryParameterValidator(config) },
    interactions: { policy: passerellePolicy(), url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      claimsParameter: { enabled: false },
      requestObjects: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutPage(postLogoutTargets, https), postLogoutSuccessSource: loggedOutPage },
      resourceIndicators: { enabled: true, ...resourceIndicatorHooks(config) },
      richAuthorizationRequests: {
        enabled: true,
        types: {
          evidence: { validate: evidenceDetailValidator(portals, parts.evidenceWired) },
          representation: { validate: representationDetailValidator(portals, parts.evidenceWired) },
        },
        // Only what this authorization asked for and the citizen shared (set on the grant
        // by completeEvidenceStep); earlier evidence consents are never carried over.
        authorizationDetailsForGrantSource: (providerCtx) => {
          if (!hasEvidenceStep(providerCtx.oidc.params ?? {})) return undefined;
          return providerCtx.oidc.grant?.rar;
        },
        authorizationDetailsForAccessToken: (_providerCtx, _token, source) => source?.rar,
        authorizationDetailsForIntrospection: (_providerCtx, token) => token.rar,
      },
    },
    ttl: providerTtl(config.oidc),
    rotateRefreshToken: () => true,
    issueRefreshToken: (_providerCtx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    clientBasedCORS: (_providerCtx, origin, client) => client.clientAuthMethod === 'none'
      && (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    // draft-ietf-oauth-rfc7523bis: a client assertion's audience is our issuer and nothing else.
    assertJwtClientAuthClaimsAndHeader: (_providerCtx, claims) => {
      const aud = claims.aud as unknown;
      const sole = Array.isArray(aud) ? (aud.length === 1 ? aud[0] : undefined) : aud;
      if (sole !== issuer) throw new errors.InvalidClientAuth('audience (aud) must be the issuer identifier alone');
    },
    renderError: renderErrorPage(errorPageParts),
    fetch: portalAwareFetch(portals) as Configuration['fetch'],
    discovery: { ui_locales_supported: [...config.languages] },
  };

  const provider = new Provider(issuer, configuration);
  // First of the provider's middlewares: it sees every answer last.
  answerOutagesWith503(provider, ctx.logger, unavailablePage(errorPageParts));
  // Every request reaches the provider through publicRequest (public-request.ts), which
  // states our public scheme and host: the provider builds URLs and Secure cookies from them.
  provider.proxy = true;
  enforceRegisteredSecretCarrier(provider);
  return provider;
}
