import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { loadAccessCertificate, type AccessCertificate } from './access-certificate.js';
import { TrustedListSource } from './trusted-list-source.js';

/** What the wallet front door needs at run time, loaded and checked once at start. */
export interface WalletSetup {
  ctx: AppContext;
  access: AccessCertificate;
  /** The trusted list of PID providers, re-read when its file changes; refused once past nextUpdate and the grace. */
  trustedList: TrustedListSource;
  /** Registration certificate (signed JWT) per portal client id; portals without one are not offered the wallet. */
  registrationCertificates: ReadonlyMap<string, string>;
  responseUri: string;
  /** Passerelle's web origin (RFC 6454): the only `expected_origins` entry and the origin a DC API answer must be bound to. */
  origin: string;
  fetchImpl?: typeof fetch;
}

export function loadWalletSetup(ctx: AppContext, fetchImpl?: typeof fetch): WalletSetup | undefined {
  const wallet = ctx.config.wallet;
  if (!wallet) return undefined;
  const registrationCertificates = new Map<string, string>();
  for (const portal of ctx.config.portals) {
    if (!portal.walletRegistrationCertificateFile) continue;
    const file = path.resolve(ctx.baseDir, portal.walletRegistrationCertificateFile);
    let certificate: string;
    try {
      certificate = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new PasserelleError('config_invalid', `portal ${portal.clientId}: registration certificate unreadable`, { cause: error });
    }
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(certificate)) {
      throw new PasserelleError('config_invalid', `portal ${portal.clientId}: the registration certificate is not a signed JWT`);
    }
    registrationCertificates.set(portal.clientId, certificate);
  }
  return {
    ctx,
    access: loadAccessCertificate(ctx.baseDir, wallet.accessCertificate),
    trustedList: TrustedListSource.load(ctx, wallet.trustedListFile, wallet.trustedListGraceSeconds),
    registrationCertificates,
    responseUri: `${ctx.config.publicUrl}/wallet/response`,
    origin: new URL(ctx.config.publicUrl).origin,
    ...(fetchImpl ? { fetchImpl } : {}),
  };
}
