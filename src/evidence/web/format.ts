import type { Language } from '../../web/i18n.js';

export { countryDisplayName as countryName } from '../../web/country-names.js';

export function formatBytes(size: number, lang: Language): string {
  const units = ['B', 'KB', 'MB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

/** A language map from the configuration (portal names, purposes) in the page language. */
export { configuredText as pickText } from '../../web/i18n.js';
export { formatCalendarDate, formatDate, formatDateTime, localTime } from '../../web/dates.js';
