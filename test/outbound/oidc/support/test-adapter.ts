import type { Request, Response } from 'express';
import type { AuthenticatedCitizen } from '../../../../src/core/citizen.js';
import { PasserelleError } from '../../../../src/core/errors.js';
import type { Loa } from '../../../../src/core/loa.js';
import type { IdentityAdapter, LoginHandOff, LoginRequest } from '../../../../src/inbound/identity-adapter.js';
import { testCitizen } from './citizens.js';

export type AdapterBehaviour =
  | { mode: 'succeed'; loa?: Loa; citizen?: (login: LoginRequest) => AuthenticatedCitizen }
  | { mode: 'fail'; error?: PasserelleError };

/**
 * A unit-level double of the inbound side: it records each login request and at once hands
 * a built citizen (or a failure) back to the OP, as the SAML connector does after the IdP.
 */
export class TestIdentityAdapter implements IdentityAdapter {
  readonly protocol = 'eidas-saml' as const;
  handOff?: LoginHandOff;
  readonly requests: LoginRequest[] = [];
  behaviour: AdapterBehaviour = { mode: 'succeed' };
  /** Certified levels as the countries' metadata would publish them (absent = not published). */
  readonly certified = new Map<string, Loa>();

  constructor(private readonly served: readonly string[] = ['IT', 'DE', 'ES', 'RS']) {}

  countries(): readonly string[] {
    return this.served;
  }

  certifiedLoa(country: string): Loa | undefined {
    return this.certified.get(country);
  }

  async startLogin(req: Request, res: Response, login: LoginRequest): Promise<void> {
    this.requests.push(login);
    if (!this.handOff) throw new Error('test adapter has no handOff');
    const behaviour = this.behaviour;
    if (behaviour.mode === 'fail') {
      await this.handOff.loginFailed(req, res, login.flowId, behaviour.error ?? new PasserelleError('authentication_cancelled'));
      return;
    }
    const citizen = behaviour.citizen?.(login) ?? testCitizen(login.country, behaviour.loa ?? login.minimumLoa);
    await this.handOff.loginSucceeded(req, res, login.flowId, citizen);
  }
}
