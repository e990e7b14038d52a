import { signatureUris, type SignatureUri } from './algorithms.js';
import type { DemoIdpCountry } from './countries.js';
import type { DemoIdpKey } from './keys.js';
import { buildIdpMetadata } from './metadata.js';
import { samlifyIdentityProvider, signingKeyOf } from './response-seal.js';
import type { XmlSigningKey } from './xml-signature.js';

/** Signed metadata is re-issued every hour, well inside its one-day validity. */
const metadataReissueMs = 3600_000;

const eidasRequestAlgorithms: readonly SignatureUri[] = [
  signatureUris.rsaPssSha256, signatureUris.rsaPssSha384, signatureUris.rsaPssSha512,
  signatureUris.ecdsaSha256, signatureUris.ecdsaSha384, signatureUris.ecdsaSha512,
];

/** One country's IdP: keys, endpoints, metadata and its samlify entity. */
export class CountryIdp {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly signingKey: XmlSigningKey;
  /** Signature algorithms accepted on AuthnRequests (a national, non-eIDAS IdP also takes RSA PKCS#1 v1.5). */
  readonly requestAlgorithms: readonly SignatureUri[];
  private metadataXml = '';
  private metadataIssuedAt = -Infinity;
  private samlifyEntity: ReturnType<typeof samlifyIdentityProvider> | undefined;

  constructor(readonly country: DemoIdpCountry, readonly keys: readonly DemoIdpKey[], baseUrl: string, private readonly now: () => number) {
    this.entityId = `${baseUrl}/${country.path}/metadata`;
    this.ssoUrl = `${baseUrl}/${country.path}/sso`;
    this.signingKey = signingKeyOf(country, keys);
    this.requestAlgorithms = country.eidasNode ? eidasRequestAlgorithms : [...eidasRequestAlgorithms, signatureUris.rsaSha256];
  }

  metadata(): string {
    const now = this.now();
    if (now - this.metadataIssuedAt >= metadataReissueMs || now < this.metadataIssuedAt) {
      this.metadataXml = buildIdpMetadata(this.country, this.keys, { entityId: this.entityId, ssoUrl: this.ssoUrl }, now);
      this.metadataIssuedAt = now;
      this.samlifyEntity = undefined;
    }
    return this.metadataXml;
  }

  /** samlify's view of this IdP, read back from our own metadata. */
  samlify(): ReturnType<typeof samlifyIdentityProvider> {
    const xml = this.metadata();
    this.samlifyEntity ??= samlifyIdentityProvider(xml);
    return this.samlifyEntity;
  }
}
