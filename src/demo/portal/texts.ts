/** Every string a demo portal shows; each portal brings its own in its languages. */
export interface PortalTexts {
  title: string;
  intro: string;
  loginButton: string;
  /** Link that passes a country hint; `{country}` is the country's name. */
  hintButton: string;
  welcome: string;
  loggedInIntro: string;
  nextSteps: string;
  fieldName: string;
  fieldBirthdate: string;
  fieldCountry: string;
  fieldLoa: string;
  fieldAddress: string;
  fieldBirthName: string;
  fieldIdentifier: string;
  fieldNationality: string;
  fieldSubject: string;
  logout: string;
  loginCancelled: string;
  /** The login's level of assurance was below what the portal asked for. */
  loginLoaTooLow: string;
  loginFailed: string;
  back: string;
  loaLow: string;
  loaSubstantial: string;
  loaHigh: string;
  /**
   * A portal that serves organisations too: the button for a login on behalf of an organisation
   * (scope `legal_person`) and the labels of what it receives about the organisation.
   */
  organisation?: {
    button: string;
    intro: string;
    fieldName: string;
    fieldIdentifier: string;
    fieldVat: string;
    fieldLei: string;
    fieldAddress: string;
    representative: string;
  };
}

export interface PortalTheme {
  /** Header and button colour (white text must stay readable on it). */
  accent: string;
  /** UI languages, the first is the default. */
  languages: readonly string[];
  texts: Record<string, PortalTexts>;
  /** Offer a "log in with an eID from …" link that skips Passerelle's country page. */
  countryHint?: string;
}

export function regionName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function loaLabel(acr: unknown, t: PortalTexts): string {
  // A wallet login names its level in Passerelle's documented acr (docs/integration-portal.md).
  const wallet = /^urn:passerelle:acr:eudi-wallet-pid:(low|substantial|high)$/.exec(String(acr ?? ''));
  if (wallet) return `${loaLabel(`http://eidas.europa.eu/LoA/${wallet[1]}`, t)} · EU Digital Identity Wallet`;
  switch (acr) {
    case 'http://eidas.europa.eu/LoA/low': return t.loaLow;
    case 'http://eidas.europa.eu/LoA/substantial': return t.loaSubstantial;
    case 'http://eidas.europa.eu/LoA/high': return t.loaHigh;
    default: return String(acr ?? '');
  }
}
