import { randomBytes } from 'node:crypto';
import type { AuthnRequestFields } from './authn-request-read.js';
import type { SpDescription } from './sp-description.js';

/** A verified AuthnRequest waiting for the citizen's choice on the login page. */
export interface PendingLogin {
  readonly countryCode: string;
  readonly request: AuthnRequestFields;
  readonly relayState?: string;
  readonly acsUrl: string;
  readonly sp: SpDescription;
  readonly expiresAt: number;
}

const lifetimeMs = 15 * 60_000;
const maxPending = 10_000;

/**
 * In memory on purpose: a demo IdP is one process, and a login left open is worth nothing
 * after a restart. Each entry is used once; the id is unguessable, so the login form needs
 * no other anti-forgery token.
 */
export class PendingLogins {
  private readonly entries = new Map<string, PendingLogin>();

  constructor(private readonly now: () => number) {}

  add(login: Omit<PendingLogin, 'expiresAt'>): string {
    this.sweep();
    if (this.entries.size >= maxPending) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const id = randomBytes(18).toString('base64url');
    this.entries.set(id, { ...login, expiresAt: this.now() + lifetimeMs });
    return id;
  }

  /** The login if it exists, has not expired and belongs to `countryCode`. */
  peek(id: unknown, countryCode: string): PendingLogin | undefined {
    if (typeof id !== 'string') return undefined;
    const entry = this.entries.get(id);
    if (!entry || entry.countryCode !== countryCode) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Removes the login; true only for the one caller that removed it. */
  consume(id: string): boolean {
    return this.entries.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
