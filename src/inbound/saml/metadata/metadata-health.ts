import type { AppContext } from '../../../context.js';
import { certificateWarningDays } from '../../../observability/checks.js';
import { certificateDaysLeft } from '../../../observability/resource-gauges.js';
import type { IdpMetadataRegistry } from './metadata-registry.js';

interface CountryHealth { country: string; ageSeconds?: number; certificateDaysLeft?: number; validUntil?: string; lastError?: string }

function countryHealth(registry: IdpMetadataRegistry, now: number): CountryHealth[] {
  return registry.health().map(({ country, loadedAt, current, lastError }) => {
    const days = (current?.signingCertificates ?? []).map((pem) => certificateDaysLeft(pem, now)).filter((d): d is number => d !== undefined);
    return {
      country,
      ...(loadedAt !== undefined ? { ageSeconds: Math.round((now - loadedAt) / 1000) } : {}),
      // The IdP signs with any of its listed certificates: the one ending last is what still works.
      ...(days.length > 0 ? { certificateDaysLeft: Math.floor(Math.max(...days)) } : {}),
      ...(current?.validUntil !== undefined ? { validUntil: new Date(current.validUntil).toISOString() } : {}),
      ...(lastError ? { lastError } : {}),
    };
  });
}

/**
 * Metadata freshness per country, for /readyz and the metrics: how old the copy in use is,
 * how long the IdP's signing certificate has left. Metadata older than two refresh intervals
 * (refreshes keep failing) or a certificate within 30 days of its end is `degraded`; a
 * country without usable metadata too (its logins fail), but never `down`: other countries work.
 */
export function observeMetadata(ctx: AppContext, registry: IdpMetadataRegistry): void {
  const staleAfterSeconds = 2 * ctx.config.saml.metadataRefreshSeconds;
  ctx.readiness.register('metadata', () => {
    const countries = countryHealth(registry, ctx.clock.now());
    const troubled = countries.filter((c) => c.ageSeconds === undefined || c.ageSeconds > staleAfterSeconds
      || (c.certificateDaysLeft !== undefined && c.certificateDaysLeft < certificateWarningDays));
    return { status: troubled.length > 0 ? 'degraded' : 'ok', detail: { countries } };
  });
  ctx.metrics.gauge('passerelle_idp_metadata_age_seconds', 'Age of the IdP metadata copy in use, per country (absent: none usable)', ['country'], (set) => {
    for (const c of countryHealth(registry, ctx.clock.now())) if (c.ageSeconds !== undefined) set({ country: c.country }, c.ageSeconds);
  });
  ctx.metrics.gauge('passerelle_idp_certificate_days_left', 'Days until the IdP signing certificate ending last ends, per country', ['country'], (set) => {
    for (const c of countryHealth(registry, ctx.clock.now())) if (c.certificateDaysLeft !== undefined) set({ country: c.country }, c.certificateDaysLeft);
  });
}
