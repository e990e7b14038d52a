/**
 * A portal may skip the country selection by naming the citizen's country: the
 * authorization parameter `country=IT`, or `login_hint=country:IT`. Only ISO 3166-1
 * alpha-2 codes in capitals are recognised; anything else means "no hint".
 */
const code = /^[A-Z]{2}$/;

export function countryHint(params: Record<string, unknown>): string | undefined {
  const explicit = params.country;
  if (typeof explicit === 'string' && code.test(explicit)) return explicit;
  const hint = params.login_hint;
  if (typeof hint === 'string' && hint.startsWith('country:')) {
    const value = hint.slice('country:'.length);
    if (code.test(value)) return value;
  }
  return undefined;
}
