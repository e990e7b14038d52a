import { SignJWT } from 'jose';
import type { DemoCertificate } from './certificates.js';

/**
 * A demo wallet-relying-party registration certificate (WRPRC, ETSI TS 119 475 shape): a JWT the
 * registrar signs, naming the portal, its intermediary and what it may ask for.
 */
export async function demoRegistrationCertificate(registrar: DemoCertificate, portal: { clientId: string; name: string; country: string }, intermediary: string, claims: string[]): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub: portal.clientId, name: portal.name, country: portal.country,
    intermediary: { sub: intermediary },
    credentials: [{ format: 'dc+sd-jwt', meta: { vct_values: ['urn:eudi:pid:1'] }, claim: claims.map((path) => ({ path: [path] })) }],
    purpose: [{ lang: 'en', value: 'Log in to a public service' }],
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'rc-wrp+jwt', x5c: [registrar.der] })
    .setIssuedAt(now).setExpirationTime(now + 365 * 86_400)
    .sign(registrar.privateKey);
}
