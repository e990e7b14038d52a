import { createHash } from 'node:crypto';
import type { CitizenAttributeName } from '../../core/attributes.js';
import { buildCitizen, type AuthenticatedCitizen, type CitizenAddress, type Gender } from '../../core/citizen.js';
import { PasserelleError } from '../../core/errors.js';
import { administrativeNumberClaim, issuingCountryClaim, pidClaimsByAttribute } from './pid-claims.js';
import type { VerifiedPid } from './verified-pid.js';

type Claims = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const object = (value: unknown): Claims | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? value as Claims : undefined);

/** ISO/IEC 5218 as the PID rulebook uses it: 1 male, 2 female, anything else unspecified. */
function gender(sex: unknown): Gender | undefined {
  if (sex === undefined) return undefined;
  return sex === 1 ? 'Male' : sex === 2 ? 'Female' : 'Unspecified';
}

function address(pid: VerifiedPid, value: unknown): CitizenAddress | undefined {
  if (pid.format === 'mso_mdoc') return text(value) ? { fullCvaddress: text(value)! } : undefined;
  const a = object(value);
  if (!a) return undefined;
  const parts: CitizenAddress = {
    ...(text(a.street_address) ? { thoroughfare: text(a.street_address)! } : {}),
    ...(text(a.house_number) ? { locatorDesignator: text(a.house_number)! } : {}),
    ...(text(a.postal_code) ? { postCode: text(a.postal_code)! } : {}),
    ...(text(a.locality) ? { postName: text(a.locality)! } : {}),
    ...(text(a.region) ? { adminUnitSecondLine: text(a.region)! } : {}),
    ...(text(a.country) ? { adminUnitFirstLine: text(a.country)! } : {}),
    ...(text(a.formatted) ? { fullCvaddress: text(a.formatted)! } : {}),
  };
  return Object.keys(parts).length > 0 ? parts : undefined;
}

/** The PID's `personal_administrative_number`, in either format, when it has one. */
function administrativeNumber(pid: VerifiedPid): string | undefined {
  return text(pid.claims[administrativeNumberClaim[pid.format === 'mso_mdoc' ? 'mdoc' : 'sdJwt']]);
}

/**
 * The wallet subject: a PID carries no eIDAS identifier, and the rulebook guarantees no stable one.
 * Passerelle derives it from the PID provider and the personal administrative number when the PID
 * has one, else from the provider, names and birth date. It is hashed, so a wallet login never
 * shares an identifier (nor, through it, a pairwise `sub`) with an eIDAS login: only an explicit
 * link does that (docs/wallet.md).
 */
export function walletSubject(pid: VerifiedPid, family: string, given: string, birth: string): string {
  const number = administrativeNumber(pid);
  const basis = number ? ['pan', number] : ['pid', family, given, birth];
  return 'wallet-' + createHash('sha256').update([pid.provider.country, pid.provider.name, ...basis].join('\0')).digest('base64url');
}

/**
 * A verified PID becomes the neutral citizen: only the attributes the portal may receive are
 * read (whatever else the wallet disclosed is dropped here), the LoA is the level the PID
 * provider is notified at, and `buildCitizen` checks every invariant as for an eIDAS login.
 */
export function translatePid(pid: VerifiedPid, requested: ReadonlyArray<{ name: CitizenAttributeName }>, facts: { nodeCountry: string; authenticatedAt: number; transactionId: string }): AuthenticatedCitizen {
  const { nodeCountry, authenticatedAt } = facts;
  const key = pid.format === 'mso_mdoc' ? 'mdoc' : 'sdJwt';
  const claim = (name: CitizenAttributeName): unknown => {
    const first = pidClaimsByAttribute[name][0];
    return first ? pid.claims[first[key]] : undefined;
  };
  const issuingCountry = text(pid.claims[issuingCountryClaim[key]]);
  if (issuingCountry !== pid.provider.country) {
    throw new PasserelleError('wallet_issuer_untrusted', 'the PID\'s issuing country is not the country its provider is trusted for');
  }
  const family = text(claim('familyName'));
  const given = text(claim('givenName'));
  const birth = text(claim('dateOfBirth'));
  if (!family || !given || !birth) throw new PasserelleError('wallet_pid_invalid', 'the PID lacks a name or the birth date');
  const wanted = new Set(requested.map((r) => r.name));
  const place = object(claim('placeOfBirth'));
  const values: Partial<Record<CitizenAttributeName, unknown>> = {
    birthName: text(claim('birthName')),
    placeOfBirth: text(place?.locality) ?? text(place?.region),
    townOfBirth: text(place?.locality),
    countryOfBirth: text(place?.country),
    currentAddress: address(pid, claim('currentAddress')),
    countryOfResidence: pid.format === 'mso_mdoc' ? text(claim('countryOfResidence')) : text(object(claim('countryOfResidence'))?.country),
    gender: gender(claim('gender')),
    phoneNumber: text(claim('phoneNumber')),
    nationality: Array.isArray(claim('nationality')) ? (claim('nationality') as unknown[]).filter((n): n is string => typeof n === 'string') : undefined,
    emailAddress: text(claim('emailAddress')),
  };
  const optional = Object.fromEntries(Object.entries(values).filter(([name, value]) => value !== undefined && wanted.has(name as CitizenAttributeName)));
  return buildCitizen({
    personIdentifier: `${pid.provider.country}/${nodeCountry}/${walletSubject(pid, family, given, birth)}`,
    familyName: family,
    givenName: given,
    dateOfBirth: birth,
    ...optional,
    // Kept for her home authorities (evidence requests), whatever the portal may receive: it is never a portal claim.
    ...(administrativeNumber(pid) ? { administrativeNumber: administrativeNumber(pid)! } : {}),
    loa: pid.provider.loa,
    country: pid.provider.country,
    source: { protocol: 'openid4vp', issuer: pid.provider.name },
    assertionId: facts.transactionId,
    authenticatedAt,
  }, nodeCountry);
}
