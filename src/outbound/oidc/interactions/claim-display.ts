import { bidiSafe } from '../../../web/bidi-safe.js';
import { html, type SafeHtml } from '../../../web/html.js';
import type { Language } from '../../../web/i18n.js';
import type { AddressClaim } from '../address-claim.js';
import type { OidcMessage } from '../messages.js';

type Translate = (key: OidcMessage, vars?: Record<string, string | number>) => string;

function regionName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** How a released claim value is shown to the citizen on the consent page (upstream text always through bidiSafe). */
export function displayClaimValue(claim: string, value: unknown, lang: Language, t: Translate): SafeHtml | string {
  switch (claim) {
    case 'gender':
      return ['male', 'female', 'unspecified'].includes(String(value)) ? t(`gender_${String(value)}` as OidcMessage) : String(value);
    case 'address':
    case 'legal_address': {
      const lines = String((value as AddressClaim).formatted ?? '').split('\n');
      return html`${lines.map((line, i) => html`${i > 0 ? html`<br>` : ''}${bidiSafe(line)}`)}`;
    }
    case 'nationalities':
      return (value as string[]).map((code) => regionName(code, lang)).join(', ');
    case 'country_of_birth':
    case 'country_of_residence':
    case 'eidas_country':
      return regionName(String(value), lang);
    default:
      // Names and other text as the country sent them: isolated, bidirectional controls made visible.
      return bidiSafe(String(value));
  }
}
