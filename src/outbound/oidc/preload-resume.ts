import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../../storage/database.js';
import { currentUnit } from '../../storage/model-unit.js';
import { loadIntoUnit } from './knex-adapter.js';

/** A cookie's raw value from the header (oidc-provider checks its signature itself). */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * `GET /oidc/auth/:uid` (the way back from an interaction) reads the browser's session, then
 * the interaction, then what they name (citizen, grant). Loaded here in one statement before
 * oidc-provider asks, so its reads are answered from the request's unit. Only a cache: the
 * cookie is not trusted for anything, oidc-provider verifies it and reads by what it accepts.
 */
export function preloadResume(db: Database, sessionCookie: string) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const uid = req.method === 'GET' ? /^\/auth\/([A-Za-z0-9_-]{1,128})$/.exec(req.path)?.[1] : undefined;
    const unit = currentUnit(db);
    if (uid && unit) {
      const session = cookieValue(req.headers.cookie, sessionCookie);
      try {
        await loadIntoUnit(db, unit, [
          { model: 'Interaction', by: 'id', value: uid },
          ...(session && /^[A-Za-z0-9_-]{1,128}$/.test(session) ? [{ model: 'Session', by: 'id' as const, value: session }] : []),
        ]);
      } catch {
        // Nothing lost: oidc-provider reads the rows itself and reports what fails.
      }
    }
    next();
  };
}
