/**
 * eIDAS DateOfBirth: an xsd:date `YYYY-MM-DD` without time zone, or the partial `YYYY-MM` and `YYYY` that
 * the eIDAS-Node also accepts for people whose day or month of birth is not recorded. The date must exist
 * in the Gregorian calendar (no 1985-02-30, no month 13, no year 0000) and must not lie in the future.
 */
const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

// The latest calendar date anywhere on earth at `now` is the UTC date 14 hours later (UTC+14).
const latestTimeZoneOffsetMs = 14 * 60 * 60 * 1000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDateOfBirth(value: string, now: number): boolean {
  const match = pattern.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (year < 1) return false;
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month!))) return false;
  const latestToday = new Date(now + latestTimeZoneOffsetMs).toISOString().slice(0, value.length);
  return value <= latestToday;
}
