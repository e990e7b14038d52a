import type { CitizenAttributeName } from '../../core/attributes.js';
import { administrativeNumberClaim, issuingCountryClaim, pidClaimsByAttribute, pidDocType, pidNamespace, pidVct, type PidClaim } from './pid-claims.js';

/** DCQL credential query ids: the keys of the wallet's `vp_token`. */
export const sdJwtQueryId = 'pid_sd_jwt';
export const mdocQueryId = 'pid_mdoc';
export const pidQueryIds = [sdJwtQueryId, mdocQueryId] as const;
export type PidQueryId = (typeof pidQueryIds)[number];

function unique(claims: PidClaim[]): PidClaim[] {
  return [...new Map(claims.map((c) => [c.id, c])).values()];
}

/**
 * The DCQL query for one login (OpenID4VP 1.0 §6): the PID as SD-JWT VC or as mdoc, either
 * one (a credential set with two options), asking only for the claims of the attributes the
 * portal may receive, plus the issuing country. Claim sets are tried in order, so a wallet
 * whose PID lacks an optional attribute (or the administrative number) still answers with
 * the minimum, never with more than asked.
 */
export function pidDcqlQuery(attributes: ReadonlyArray<{ name: CitizenAttributeName; required: boolean }>): Record<string, unknown> {
  const required = unique([issuingCountryClaim, ...attributes.filter((a) => a.required).flatMap((a) => pidClaimsByAttribute[a.name])]);
  const all = unique([...required, ...attributes.flatMap((a) => pidClaimsByAttribute[a.name])]);
  const claims = unique([...all, administrativeNumberClaim]);
  const ids = (set: PidClaim[]) => set.map((c) => c.id);
  const claimSets = [[...ids(all), administrativeNumberClaim.id], ids(all), [...ids(required), administrativeNumberClaim.id], ids(required)];
  const distinctSets = [...new Map(claimSets.map((set) => [set.join(' '), set])).values()];
  return {
    credentials: [
      {
        id: sdJwtQueryId, format: 'dc+sd-jwt', meta: { vct_values: [pidVct] },
        claims: claims.map((c) => ({ id: c.id, path: [c.sdJwt] })), claim_sets: distinctSets,
      },
      {
        id: mdocQueryId, format: 'mso_mdoc', meta: { doctype_value: pidDocType },
        claims: claims.map((c) => ({ id: c.id, path: [pidNamespace, c.mdoc], intent_to_retain: false })), claim_sets: distinctSets,
      },
    ],
    credential_sets: [{ options: [[sdJwtQueryId], [mdocQueryId]], required: true }],
  };
}
