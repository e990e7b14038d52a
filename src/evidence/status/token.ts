import { StatusList, type BitsPerStatus } from '@sd-jwt/jwt-status-list';
import { SignJWT } from 'jose';
import type { AppContext } from '../../context.js';
import { issuerId, signingKey, statusListUri } from '../issuer.js';
import type { StatusListContent } from './lists.js';

/** How long relying parties may cache a list (`ttl`), and how long a fetched list stays usable offline (`exp`). */
export const statusListTtlSeconds = 300;
export const statusListLifetimeSeconds = 86_400;

/** The signed Status List Token (`typ: statuslist+jwt`) for one list, built from the database on request. */
export async function signStatusList(ctx: AppContext, list: StatusListContent): Promise<string> {
  const statuses = new StatusList(new Array<number>(list.size).fill(0), list.bits as BitsPerStatus);
  for (const idx of list.invalid) statuses.setStatus(idx, 1);
  const key = signingKey(ctx);
  const iat = Math.floor(ctx.clock.now() / 1000);
  return new SignJWT({
    iss: issuerId(ctx),
    status_list: { bits: list.bits, lst: statuses.compressStatusList() },
    ttl: statusListTtlSeconds,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', kid: key.kid })
    .setSubject(statusListUri(ctx, list.id))
    .setIssuedAt(iat)
    .setExpirationTime(iat + statusListLifetimeSeconds)
    .sign(key.privateKey!);
}
