import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../../config/schema.js';

/**
 * Validates the `country` authorization parameter (our country hint) where the request is
 * checked, so a wrong value reaches the portal as `invalid_request` with state and iss.
 */
export function countryParameterValidator(config: Config) {
  const known = new Set(config.countries.map((c) => c.code));
  return (_ctx: KoaContextWithOIDC, value: string | undefined): void => {
    if (value === undefined) return;
    if (!/^[A-Z]{2}$/.test(value) || !known.has(value)) {
      throw new errors.InvalidRequest('country must be the ISO 3166-1 alpha-2 code of a supported country');
    }
  };
}
