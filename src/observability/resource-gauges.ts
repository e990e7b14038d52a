import { X509Certificate } from 'node:crypto';
import { Counter } from 'prom-client';
import type { Clock } from '../core/clock.js';
import type { Keystore } from '../keys/keystore.js';
import type { Database } from '../storage/database.js';
import type { Metrics } from './metrics.js';

interface TarnPool { numUsed(): number; numFree(): number; numPendingAcquires(): number; numPendingCreates(): number; max: number }

/** The connection pool as knex's pool (tarn) reports it, read at scrape time. */
export function observeDatabasePool(metrics: Metrics, db: Database): void {
  const pool = () => (db.knex.client as { pool?: TarnPool }).pool;
  metrics.gauge('passerelle_db_pool_connections', 'Database pool connections by state (used, free, pending acquires, pending creates, max)', ['state'], (set) => {
    const p = pool();
    if (!p) return;
    set({ state: 'used' }, p.numUsed());
    set({ state: 'free' }, p.numFree());
    set({ state: 'pending_acquire' }, p.numPendingAcquires());
    set({ state: 'pending_create' }, p.numPendingCreates());
    set({ state: 'max' }, p.max);
  });
}

/**
 * Statements this instance sent to the database (every round trip: queries, BEGIN and COMMIT),
 * counted where knex sends them. Divided by logins it is the cost the benchmark prints.
 */
export function countDatabaseStatements(metrics: Metrics, db: Database): void {
  const statements = new Counter({ name: 'passerelle_db_statements_total', help: 'Statements sent to the database (queries, BEGIN and COMMIT)', registers: [metrics.registry] });
  db.knex.on('query', () => statements.inc());
}

const dayMs = 86_400_000;

/** Days until a PEM certificate ends (negative once it has), or undefined when it cannot be read. */
export function certificateDaysLeft(pem: string, now: number): number | undefined {
  try {
    return (new Date(new X509Certificate(pem).validTo).getTime() - now) / dayMs;
  } catch {
    return undefined;
  }
}

/** Our own SAML certificates (published in SP metadata): how long each has left. */
export function ownCertificateDays(keystore: Keystore, now: number): Array<{ purpose: string; kid: string; days: number }> {
  const out: Array<{ purpose: string; kid: string; days: number }> = [];
  for (const purpose of ['saml-signing', 'saml-encryption'] as const) {
    for (const entry of keystore.published(purpose)) {
      const days = entry.certificatePem ? certificateDaysLeft(entry.certificatePem, now) : undefined;
      if (days !== undefined) out.push({ purpose, kid: entry.kid, days });
    }
  }
  return out;
}

export function observeOwnCertificates(metrics: Metrics, keystore: Keystore, clock: Clock): void {
  metrics.gauge('passerelle_key_certificate_days_left', 'Days until each published certificate of our own SAML keys ends', ['purpose', 'kid'], (set) => {
    for (const { purpose, kid, days } of ownCertificateDays(keystore, clock.now())) set({ purpose, kid }, days);
  });
}
