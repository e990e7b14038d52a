import { z } from 'zod';

/**
 * The deployment's one configuration schema. Input (YAML plus `${ENV}` substitutions) is
 * parsed here once at start; the rest of the code only sees the resolved `Config`.
 */
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals');
const loa = z.enum(['low', 'substantial', 'high']);
const url = z.string().url();
/** Texts by language: `en`, `de`, … and Serbian as `sr` (either script) or `sr-Latn` / `sr-Cyrl`. */
const languageMap = z.record(z.string().regex(/^[a-z]{2}(-[A-Z][a-z]{3})?$/, 'a language code such as en, de or sr-Latn'), z.string().min(1));
const pageLanguages = ['en', 'de', 'it', 'es', 'fr', 'sr-Latn', 'sr-Cyrl'] as const;
/** A link that is the same in every language, or one per language. */
const localizedUrl = z.union([url, languageMap.refine((map) => Object.values(map).every((v) => URL.canParse(v)), 'every value a URL')]);
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Berlin');

/** Who runs this deployment: shown at the foot of every page. */
const operator = z.object({
  name: languageMap,
  country: countryCode,
  privacyNotice: localizedUrl,
  accessibilityStatement: localizedUrl,
  /** An e-mail address or a web page. */
  contact: z.union([z.string().email(), url]),
}).strict();

const attributeName = z.enum([
  'personIdentifier', 'familyName', 'givenName', 'dateOfBirth', 'birthName', 'placeOfBirth',
  'currentAddress', 'gender', 'phoneNumber', 'nationality', 'countryOfBirth', 'townOfBirth',
  'countryOfResidence', 'emailAddress',
]);

const requestedAttribute = z.union([
  attributeName.transform((name) => ({ name, required: false })),
  z.object({ name: attributeName, required: z.boolean().default(false) }).strict(),
]);

const algorithmPolicy = z.object({
  /** `eidas`: RSASSA-PSS / ECDSA, SHA-2, AES-GCM, RSA-OAEP / ECDH-ES only. */
  profile: z.enum(['eidas', 'national']).default('eidas'),
  /** Only with profile `national`: also accept RSA PKCS#1 v1.5 with SHA-256 or better. */
  allowRsaPkcs1v15Signatures: z.boolean().default(false),
  /** Only with profile `national`: also accept AES-CBC encrypted assertions (logged loudly at start). */
  allowCbcEncryption: z.boolean().default(false),
  /**
   * Only with profile `national`: send AuthnRequests unsigned, but only to an IdP whose metadata says
   * WantAuthnRequestsSigned="false" (otherwise they are signed anyway).
   */
  allowUnsignedAuthnRequests: z.boolean().default(false),
}).strict().superRefine((policy, ctx) => {
  if (policy.profile === 'eidas' && (policy.allowRsaPkcs1v15Signatures || policy.allowCbcEncryption || policy.allowUnsignedAuthnRequests)) {
    ctx.addIssue({ code: 'custom', message: 'relaxations need profile "national"' });
  }
});

const country = z.object({
  code: countryCode,
  /** Country name in its own languages and others, e.g. { it: Italia, en: Italy }. */
  names: languageMap,
  /** Language(s) in which the selection page shows this country first. */
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  idp: z.object({
    metadataFile: z.string().min(1).optional(),
    metadataUrl: url.optional(),
    /** PEM files whose keys may sign the metadata. When set, unsigned metadata is refused. */
    metadataSigningCertificates: z.array(z.string().min(1)).default([]),
    /** Plain-HTTP metadata URLs are refused unless this is set (demo and tests on loopback). */
    allowInsecureMetadataUrl: z.boolean().default(false),
  }).strict().refine((idp) => Boolean(idp.metadataFile) !== Boolean(idp.metadataUrl), {
    message: 'exactly one of metadataFile and metadataUrl',
  }),
  requestedAttributes: z.array(requestedAttribute).default([
    { name: 'personIdentifier', required: true }, { name: 'familyName', required: true },
    { name: 'givenName', required: true }, { name: 'dateOfBirth', required: true },
  ]),
  minimumLoa: loa.default('substantial'),
  algorithms: algorithmPolicy.prefault({}),
}).strict();

/** Sharing periods a citizen is offered (those up to evidence.defaultConsentDays, which is always offered). */
export const standardConsentDays = [1, 7, 30, 90, 180, 365] as const;

const portal = z.object({
  clientId: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/),
  name: languageMap,
  /** Confidential clients: a secret (`client_secret_basic`/`_post`) or keys (`private_key_jwt`). */
  clientSecret: z.string().min(32, 'at least 32 characters').optional(),
  jwksUri: url.optional(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
  /** A public client (no secret, PKCE only). */
  public: z.boolean().default(false),
  tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none']).optional(),
  redirectUris: z.array(url).min(1),
  postLogoutRedirectUris: z.array(url).default([]),
  backchannelLogoutUri: url.optional(),
  /** Claims this portal may receive (names from the attribute table's claim column, plus acr/amr). */
  allowedClaims: z.array(z.string().min(1)).default(['given_name', 'family_name', 'birthdate']),
  /** Pairwise `sub` sector; defaults to the host of the first redirect URI. */
  sector: z.string().min(1).optional(),
  subjectType: z.enum(['pairwise', 'public']).default('pairwise'),
  /** Issue (rotating) refresh tokens when the portal asks for `offline_access` with `prompt=consent`. */
  refreshTokens: z.boolean().default(false),
  /** ID token signature algorithm for this portal (keys: oidc-signing RSA or EC). */
  idTokenSignedResponseAlg: z.enum(['RS256', 'PS256', 'ES256']).default('RS256'),
  /**
   * The portal's wallet-relying-party registration certificate (a file holding the signed JWT the
   * registrar issued). Passerelle, as the portal's intermediary, names the portal to the wallet with
   * it in `verifier_info`; without one the wallet login is not offered to this portal.
   */
  walletRegistrationCertificateFile: z.string().min(1).optional(),
  /** Evidence this portal may ask for: type and the procedure it is used in. */
  evidence: z.array(z.object({
    type: z.string().min(1),
    procedure: z.string().min(1),
    purpose: languageMap.optional(),
  }).strict()).default([]),
  /** Procedures in which this portal may ask that a parent act for a child (authorization_details type `representation`). */
  representation: z.array(z.object({
    procedure: z.string().min(1),
    purpose: languageMap.optional(),
  }).strict()).default([]),
  /** Names of the procedures above by language, e.g. { kindergarten-application: { de: Kita-Anmeldung, … } }. */
  procedures: z.record(z.string().min(1), languageMap).default({}),
  /** The sharing period preselected for this portal's evidence requests (one of the offered choices). */
  defaultConsentDays: z.number().int().min(1).max(3650).optional(),
}).strict().superRefine((p, ctx) => {
  const hasKeys = Boolean(p.jwks || p.jwksUri);
  if (p.public && (p.clientSecret || hasKeys)) ctx.addIssue({ code: 'custom', message: 'a public client has no secret or keys' });
  if (!p.public && !p.clientSecret && !hasKeys) ctx.addIssue({ code: 'custom', message: 'a confidential client needs clientSecret, jwks or jwksUri' });
});

const issuingAuthority = z.object({
  id: z.string().min(1).regex(/^[a-z0-9-]+$/),
  country: countryCode,
  name: languageMap,
  /** Base URL of the authority's evidence API. */
  url,
  /** Where its SD-JWT VC issuer keys are published (defaults to url + /.well-known/jwt-vc-issuer). */
  issuerMetadataUrl: url.optional(),
  evidenceTypes: z.array(z.string().min(1)).min(1),
  allowInsecureUrl: z.boolean().default(false),
}).strict();

const rateWindow = (limit: number, windowSeconds: number) => z.object({
  limit: z.number().int().min(1).default(limit),
  windowSeconds: z.number().int().min(1).max(86_400).default(windowSeconds),
}).strict().prefault({});

/**
 * Per-client request limits, counted in the database so all instances share them. The client
 * is the address the trusted proxy chain (`trustProxy`) reports, never a header alone.
 */
const rateLimits = z.object({
  enabled: z.boolean().default(true),
  /** Pages and browser redirects: /oidc/auth, /interaction, /saml/acs, /evidence, /me, … */
  browser: rateWindow(600, 60),
  /** Portal back-channel calls: /oidc/token, /oidc/me, /api/evidence, status lists, JWKS, discovery. */
  backChannel: rateWindow(6000, 60),
  /** Public evidence verification (/verify, /api/verify): signature checks and fetches cost real work. */
  verify: rateWindow(120, 60),
  /** Failed client authentications and unknown bearer tokens (401) before the client is refused. */
  authFailures: rateWindow(20, 900),
}).strict().prefault({});

export const configSchema = z.object({
  /** Public base URL as browsers and portals see it (no trailing slash). */
  publicUrl: url.transform((u) => u.replace(/\/+$/, '')),
  /** Country Passerelle operates in: the second code of every eIDAS identifier it accepts. */
  nodeCountry: countryCode,
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  environment: z.enum(['development', 'production']).default('development'),
  /**
   * Which proxies in front may tell us the client address (X-Forwarded-For) and scheme: `false`,
   * the number of proxy hops, or their addresses/CIDRs. `true` would believe any client's
   * X-Forwarded-For, so it is refused.
   */
  trustProxy: z.union([
    z.literal(false),
    z.literal(true).refine(() => false, 'true would trust any client\'s X-Forwarded-For: give the number of proxies in front (e.g. 1) or their addresses'),
    z.number().int().min(0),
    z.string().min(1),
  ]).default(false),
  rateLimits,
  /**
   * Prometheus metrics: on a port of their own (`port`, reachable only from the monitoring
   * network) and/or at /metrics on the public port with a bearer `token`. Neither: no metrics.
   */
  metrics: z.object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().optional(),
    token: z.string().min(32, 'at least 32 characters').optional(),
  }).strict().prefault({}),
  /** OpenTelemetry tracing, off by default (docs/operations.md). */
  tracing: z.object({
    enabled: z.boolean().default(false),
    /** OTLP/HTTP traces endpoint, e.g. http://otel-collector:4318/v1/traces. */
    endpoint: z.string().url().optional(),
    serviceName: z.string().min(1).default('passerelle'),
  }).strict().prefault({}),
  /** At SIGTERM, how long in-flight requests may take before their connections are cut. */
  shutdownGraceSeconds: z.number().int().min(1).max(600).default(20),
  database: z.object({
    /** PostgreSQL connection URL; when empty the embedded SQLite file is used. */
    url: z.string().optional().transform((v) => (v ? v : undefined)),
    sqliteFile: z.string().default('data/passerelle.sqlite'),
    pool: z.object({ min: z.number().int().min(0).default(0), max: z.number().int().min(1).default(10) }).strict().prefault({}),
  }).strict().prefault({}),
  keys: z.object({
    directory: z.string().default('keys'),
    /** Create development keys when none exist. Refused in production. */
    generateDevelopmentKeys: z.boolean().default(false),
    /** How often a running instance looks for a changed keyring (a stat; the file is read only when it changed). */
    reloadIntervalSeconds: z.number().min(0.1).max(3600).default(10),
  }).strict().prefault({}),
  secrets: z.object({
    /** Server secret for pairwise subject identifiers and cookie signing (≥ 32 characters). */
    pairwiseSecret: z.string().min(32, 'at least 32 characters'),
    cookieKeys: z.array(z.string().min(32, 'at least 32 characters')).min(1),
  }).strict(),
  saml: z.object({
    entityId: z.string().optional(),
    clockSkewSeconds: z.number().int().min(0).max(300).default(60),
    requestTtlSeconds: z.number().int().min(30).max(3600).default(600),
    metadataValiditySeconds: z.number().int().min(300).default(86400),
    metadataRefreshSeconds: z.number().int().min(30).default(3600),
    /** How often an instance adopts IdP metadata another instance stored (one cheap query). */
    metadataSyncSeconds: z.number().min(0.1).max(3600).default(30),
    /** A signature by a key the metadata does not list reloads it at most this often per country. */
    unknownKeyRefreshSeconds: z.number().min(0).max(3600).default(30),
    maxResponseBytes: z.number().int().min(4096).default(256 * 1024),
    /** Refused responses one pending AuthnRequest may receive before it is consumed and the login fails. */
    maxRefusedAttempts: z.number().int().min(1).max(100).default(5),
    spType: z.enum(['public', 'private']).default('public'),
  }).strict().prefault({}),
  oidc: z.object({
    accessTokenTtlSeconds: z.number().int().min(60).max(3600).default(600),
    idTokenTtlSeconds: z.number().int().min(60).max(3600).default(600),
    codeTtlSeconds: z.number().int().min(10).max(600).default(60),
    sessionTtlSeconds: z.number().int().min(60).default(3600),
  }).strict().prefault({}),
  evidence: z.object({
    defaultConsentDays: z.number().int().min(1).max(3650).default(90),
    purgeIntervalSeconds: z.number().int().min(0).default(3600),
    /** Where the wallet offer's same-device link sends the browser: the wallet's credential offer endpoint. */
    walletOfferEndpoint: z.string().min(1).default('openid-credential-offer://'),
  }).strict().prefault({}),
  /** The EU Digital Identity Wallet front door (OpenID4VP verifier). Off unless configured. */
  wallet: z.object({
    /** Passerelle's wallet-relying-party access certificate: its private key and the chain, leaf first (PEM). */
    accessCertificate: z.object({ keyFile: z.string().min(1), certificateChainFile: z.string().min(1) }).strict(),
    /** The trusted list of PID providers (JSON, see docs/wallet.md): certificates per country and notified level. */
    trustedListFile: z.string().min(1),
    /** How long a trusted list past its nextUpdate is still used; after that every wallet login is refused (docs/wallet.md). */
    trustedListGraceSeconds: z.number().int().min(0).max(30 * 86_400).default(86_400),
    /** Where the same-device link sends the browser: the wallet's authorization endpoint. */
    authorizationEndpoint: z.string().min(1).default('openid4vp://'),
    transactionTtlSeconds: z.number().int().min(60).max(1800).default(300),
    clockSkewSeconds: z.number().int().min(0).max(300).default(60),
    /** How old a key-binding JWT may be when it arrives. */
    keyBindingMaxAgeSeconds: z.number().int().min(30).max(900).default(300),
    /** Plain-HTTP status list URLs are refused unless this is set (demo and tests on loopback). */
    allowInsecureStatusUrl: z.boolean().default(false),
  }).strict().optional(),
  languages: z.array(z.enum(pageLanguages)).min(1).default([...pageLanguages]),
  /** Time zone in which pages show times (with its name next to them). */
  timeZone: timeZone.default('Europe/Brussels'),
  operator: operator.optional(),
  countries: z.array(country).min(1),
  portals: z.array(portal).default([]),
  issuingAuthorities: z.array(issuingAuthority).default([]),
}).strict().superRefine((config, ctx) => {
  const unique = (items: string[], path: string) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item)) ctx.addIssue({ code: 'custom', path: [path, index], message: `duplicate ${item}` });
      seen.add(item);
    });
  };
  unique(config.countries.map((c) => c.code), 'countries');
  unique(config.portals.map((p) => p.clientId), 'portals');
  unique(config.issuingAuthorities.map((a) => a.id), 'issuingAuthorities');
  const longest = config.evidence.defaultConsentDays;
  config.portals.forEach((p, index) => {
    const days = p.defaultConsentDays;
    if (days !== undefined && days !== longest && !(standardConsentDays.includes(days as never) && days < longest)) {
      ctx.addIssue({ code: 'custom', path: ['portals', index, 'defaultConsentDays'], message: `one of the offered periods: ${[...standardConsentDays.filter((d) => d < longest), longest].join(', ')}` });
    }
  });
  if (config.environment === 'production' && !config.operator) {
    ctx.addIssue({ code: 'custom', path: ['operator'], message: 'production pages must say who runs them: set operator' });
  }
  if (config.environment === 'production' && config.keys.generateDevelopmentKeys) {
    ctx.addIssue({ code: 'custom', path: ['keys', 'generateDevelopmentKeys'], message: 'development keys are refused in production' });
  }
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type CountryConfig = Config['countries'][number];
export type PortalConfig = Config['portals'][number];
export type IssuingAuthorityConfig = Config['issuingAuthorities'][number];
