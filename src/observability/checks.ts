import type { Clock } from '../core/clock.js';
import type { Keystore } from '../keys/keystore.js';
import type { Database } from '../storage/database.js';
import type { CheckResult } from './readiness.js';
import { ownCertificateDays } from './resource-gauges.js';

/** Below this many days a certificate is reported as degraded: time to rotate (docs/operations.md). */
export const certificateWarningDays = 30;

export function databaseCheck(db: Database) {
  return async (): Promise<CheckResult> => {
    try {
      await db.knex.raw('select 1');
      return { status: 'ok', detail: { dialect: db.dialect } };
    } catch {
      return { status: 'down', detail: { dialect: db.dialect } };
    }
  };
}

/** Our own SAML certificates: degraded when one ends within 30 days or has ended. */
export function ownCertificatesCheck(keystore: Keystore, clock: Clock) {
  return (): CheckResult => {
    const certificates = ownCertificateDays(keystore, clock.now()).map((c) => ({ ...c, days: Math.floor(c.days) }));
    const soonest = Math.min(...certificates.map((c) => c.days));
    return { status: soonest < certificateWarningDays ? 'degraded' : 'ok', detail: { certificates } };
  };
}
