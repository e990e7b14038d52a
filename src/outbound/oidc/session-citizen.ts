import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { SessionCitizen } from '../../evidence/ports.js';
import type { CitizenStore } from './citizen-store.js';

/** The citizen logged in to the OP in this browser (session cookie), if any. */
export function sessionCitizenReader(provider: () => Provider, citizens: CitizenStore) {
  return async (req: Request, res: Response): Promise<SessionCitizen | undefined> => {
    const op = provider();
    const session = await op.Session.get(op.createContext(req, res));
    const accountId = session.accountId;
    if (!accountId) return undefined;
    const citizen = await citizens.load(accountId);
    return citizen ? { citizenKey: accountId, citizen } : { citizenKey: accountId };
  };
}
