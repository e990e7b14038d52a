import type { CitizenAddress } from '../../core/citizen.js';

/** The OIDC `address` claim (OIDC Core §5.1.1), from the neutral eIDAS CurrentAddress. */
export interface AddressClaim {
  formatted?: string;
  street_address?: string;
  locality?: string;
  region?: string;
  postal_code?: string;
  country?: string;
}

/**
 * eIDAS splits an address into Thoroughfare (street), LocatorDesignator (house number),
 * PostName (town), PostCode, AdminunitFirstline (country code) and AdminunitSecondline
 * (region). `formatted` is the sender's full text when present, else built from the parts.
 */
export function addressClaim(address: CitizenAddress): AddressClaim | undefined {
  const street = [address.thoroughfare, address.locatorDesignator].filter(Boolean).join(' ');
  const streetLines = [address.poBox, address.locatorName, street, address.cvaddressArea].filter(Boolean) as string[];
  const countryCode = address.adminUnitFirstLine && /^[A-Z]{2}$/.test(address.adminUnitFirstLine) ? address.adminUnitFirstLine : undefined;
  const claim: AddressClaim = {
    ...(streetLines.length ? { street_address: streetLines.join('\n') } : {}),
    ...(address.postName ? { locality: address.postName } : {}),
    ...(address.adminUnitSecondLine ? { region: address.adminUnitSecondLine } : {}),
    ...(address.postCode ? { postal_code: address.postCode } : {}),
    ...(countryCode ? { country: countryCode } : {}),
  };
  const town = [address.postCode, address.postName].filter(Boolean).join(' ');
  const built = [...streetLines, town, address.adminUnitSecondLine, address.adminUnitFirstLine].filter(Boolean).join('\n');
  const formatted = address.fullCvaddress?.trim() || built;
  if (formatted) claim.formatted = formatted;
  return Object.keys(claim).length ? claim : undefined;
}
