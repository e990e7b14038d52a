import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  /** Which step started this authorization (an extension's name); undefined for the plain login. */
  step?: string;
}

export interface LoggedInUser {
  idToken: string;
  accessToken: string;
  claims: Record<string, unknown>;
  userinfo: Record<string, unknown>;
  loggedInAt: number;
}

/** Authorizations a session may have open at once (one per tab, say); the oldest give way. */
export const maxPendingLogins = 5;

export interface PortalSession {
  /** Authorizations started and not yet answered, oldest first: each tab's login or evidence request has its own state. */
  pending: PendingLogin[];
  user?: LoggedInUser;
  /** Free room for extensions (e.g. the evidence part of the demo). */
  extra: Record<string, unknown>;
  /** Token for the portal's own forms (POST), bound to this session. */
  csrf: string;
  expiresAt: number;
}

const ttlMs = 60 * 60_000;

/**
 * Server-side sessions in memory, keyed by a random cookie. Each portal names its own
 * cookie: all demo apps share `localhost`, and cookies do not care about ports.
 */
export class SessionStore {
  private readonly sessions = new Map<string, PortalSession>();

  constructor(readonly cookieName: string, private readonly secure: boolean) {}

  get(req: Request): PortalSession | undefined {
    const id = readCookie(req, this.cookieName);
    const session = id ? this.sessions.get(id) : undefined;
    if (session && session.expiresAt < Date.now()) {
      this.sessions.delete(id!);
      return undefined;
    }
    return session;
  }

  getOrCreate(req: Request, res: Response): PortalSession {
    const existing = this.get(req);
    if (existing) return existing;
    const id = randomBytes(32).toString('base64url');
    const session: PortalSession = { pending: [], extra: {}, csrf: randomBytes(24).toString('base64url'), expiresAt: Date.now() + ttlMs };
    this.sessions.set(id, session);
    res.cookie(this.cookieName, id, { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', maxAge: ttlMs });
    return session;
  }

  destroy(req: Request, res: Response): void {
    const id = readCookie(req, this.cookieName);
    if (id) this.sessions.delete(id);
    res.clearCookie(this.cookieName, { path: '/' });
  }
}

/** True when a form's `csrf` field is this session's token (compared in constant time). */
export function validCsrf(session: PortalSession, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const given = Buffer.from(value);
  const expected = Buffer.from(session.csrf);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
