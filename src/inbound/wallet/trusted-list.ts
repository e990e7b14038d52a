import type { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PasserelleError } from '../../core/errors.js';
import { loaLevels, type Loa } from '../../core/loa.js';
import { splitPemCertificates } from './access-certificate.js';

/**
 * The trusted list of PID providers: for each, the country whose PIDs it issues, the level it is
 * notified at, and the certificates a PID's signing chain must reach. A JSON profile of an ETSI
 * TS 119 602 List of Trusted Entities (see docs/wallet.md); one file may list many countries.
 */
const listSchema = z.object({
  listIssuer: z.string().min(1),
  issueDate: z.string().min(1),
  nextUpdate: z.string().min(1).optional(),
  entities: z.array(z.object({
    name: z.string().min(1),
    country: z.string().regex(/^[A-Z]{2}$/),
    /** Only PID providers are trusted for login. */
    service: z.literal('pid-provider'),
    loa: z.enum(loaLevels),
    /** PEM certificates: trust anchors (root or issuing CA) of this provider. */
    certificates: z.array(z.string().min(1)).min(1),
  }).strict()).min(1),
}).strict();

export interface TrustedPidProvider {
  name: string;
  country: string;
  loa: Loa;
  anchors: X509Certificate[];
}

export interface TrustedList {
  issuer: string;
  /** Epoch milliseconds after which the issuer promises a newer list (undefined: the list names none). */
  nextUpdate?: number;
  providers: TrustedPidProvider[];
}

const instant = (value: string, name: string): number => {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw new Error(`${name} is not a date-time`);
  return millis;
};

export function parseTrustedList(text: string): TrustedList {
  const parsed = listSchema.parse(JSON.parse(text));
  instant(parsed.issueDate, 'issueDate');
  return {
    issuer: parsed.listIssuer,
    ...(parsed.nextUpdate !== undefined ? { nextUpdate: instant(parsed.nextUpdate, 'nextUpdate') } : {}),
    providers: parsed.entities.map((entity) => ({
      name: entity.name, country: entity.country, loa: entity.loa,
      anchors: entity.certificates.flatMap(splitPemCertificates),
    })),
  };
}

export function loadTrustedList(baseDir: string, file: string): TrustedList {
  try {
    return parseTrustedList(readFileSync(path.resolve(baseDir, file), 'utf8'));
  } catch (error) {
    throw new PasserelleError('config_invalid', `wallet trusted list ${file}: ${(error as Error).message}`, { cause: error });
  }
}
