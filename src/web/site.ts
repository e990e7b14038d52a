import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { supportedLanguages, type Language } from './i18n.js';

/** A link that may differ per language (`{ en: …, de: … }`) or be one for all. */
export type LocalizedLink = string | Readonly<Record<string, string>>;

/** Who runs this Passerelle, shown at the foot of every page (config `operator`). */
export interface Operator {
  name: Readonly<Record<string, string>>;
  country: string;
  privacyNotice: LocalizedLink;
  accessibilityStatement: LocalizedLink;
  /** An e-mail address or a web page. */
  contact: string;
}

/** What every page of one deployment shares: its operator, its languages, the time zone its times are shown in. */
export interface Site {
  operator?: Operator;
  languages: readonly Language[];
  timeZone: string;
}

const current = new AsyncLocalStorage<Site>();

/**
 * Makes the deployment's site facts available to every page rendered while handling a
 * request (including oidc-provider's own pages), without threading them through every call.
 */
export function siteContext(site: Site) {
  return (_req: Request, _res: Response, next: NextFunction): void => {
    current.run(site, next);
  };
}

/** Outside a request (scripts, unit tests): every language, UTC, no operator. */
export function currentSite(): Site {
  return current.getStore() ?? { languages: supportedLanguages, timeZone: 'UTC' };
}
