import { randomBytes } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { readCookie } from '../../../src/web/csrf.js';
import type { AccessTokenInfo, EvidenceStepResult, OidcPort, SessionCitizen } from '../../../src/evidence/ports.js';

/**
 * Stands in for the OpenID Provider: records the evidence step's outcome, issues access
 * tokens carrying consent ids, and keeps a test session keyed by a cookie.
 */
export class OidcDouble implements OidcPort {
  readonly completed: Array<{ interactionUid: string; result: EvidenceStepResult }> = [];
  readonly tokens = new Map<string, AccessTokenInfo>();
  readonly sessions = new Map<string, SessionCitizen>();
  failCompletion = false;

  async completeEvidenceStep(_req: Request, res: Response, interactionUid: string, result: EvidenceStepResult): Promise<void> {
    if (this.failCompletion) throw new Error('interaction expired');
    this.completed.push({ interactionUid, result });
    res.redirect(303, `/test/oidc/resumed/${interactionUid}`);
  }

  introspectAccessToken(token: string): AccessTokenInfo | undefined {
    return this.tokens.get(token);
  }

  citizenFromSession(req: Request): SessionCitizen | undefined {
    const id = readCookie(req, 'test_session');
    return id ? this.sessions.get(id) : undefined;
  }

  startSelfLogin(_req: Request, res: Response, returnTo: string): void {
    res.redirect(303, `/test/oidc/login?return_to=${encodeURIComponent(returnTo)}`);
  }

  /** A token as the OP would issue after the portal's authorization in which these consents were given. */
  issueToken(clientId: string, citizenKey: string, consentIds: string[], expiresAt: number): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, {
      clientId, citizenKey, expiresAt,
      authorizationDetails: consentIds.map((id) => ({ type: 'evidence', consent_id: id })),
    });
    return token;
  }

  /** A Passerelle session for `citizenKey`; returns the cookie value a browser would hold. */
  openSession(citizenKey: string): string {
    const id = randomBytes(16).toString('base64url');
    this.sessions.set(id, { citizenKey });
    return id;
  }

  mount(app: Express): void {
    app.get('/test/oidc/resumed/:uid', (_req, res) => void res.type('text').send('resumed'));
    app.get('/test/oidc/login', (_req, res) => void res.type('text').send('login'));
  }
}
