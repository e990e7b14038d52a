import { attributeTable } from '../../core/attributes.js';
import { legalPersonAttributeTable, type PersonKind, type RequestedAttribute } from '../../core/legal-person-attributes.js';
import type { Config, PortalConfig } from '../../config/schema.js';
import { PasserelleError } from '../../core/errors.js';
import { configuredText, type Language } from '../../web/i18n.js';
import { claimsOfScopes, legalPersonScope } from './scope-claims.js';

/** Passerelle's own client: the citizen's dashboard logs in through the same OP. */
export const selfClientId = 'passerelle-self';

/**
 * The registered portals as the OP side needs them: who may receive which claims, and
 * under which pairwise sector. Everything derives from `config.portals`.
 */
export class PortalRegistry {
  private readonly byId = new Map<string, PortalConfig>();

  constructor(config: Config) {
    for (const portal of config.portals) {
      if (portal.clientId === selfClientId) {
        throw new PasserelleError('config_invalid', `portals: client id ${selfClientId} is reserved for Passerelle itself`);
      }
      this.byId.set(portal.clientId, portal);
    }
  }

  get(clientId: string): PortalConfig | undefined {
    return this.byId.get(clientId);
  }

  all(): PortalConfig[] {
    return [...this.byId.values()];
  }

  /** Attribute claims the portal is registered for (Passerelle itself gets none). */
  allowedClaims(clientId: string): Set<string> {
    return new Set(this.byId.get(clientId)?.allowedClaims ?? []);
  }

  /** Exactly the attribute claims the portal receives for `scopes`, in attribute-table order (natural, then legal person). */
  releasableClaims(clientId: string, scopes: Iterable<string>): string[] {
    const allowed = this.allowedClaims(clientId);
    const asked = claimsOfScopes(scopes);
    return [...attributeTable, ...legalPersonAttributeTable].map((a) => a.claim).filter((claim) => allowed.has(claim) && asked.has(claim));
  }

  /**
   * Who the login is about: on behalf of an organisation when the portal asks for the `legal_person`
   * scope. A portal not registered for the organisation's identifier and name cannot ask for that.
   */
  subject(clientId: string, scopes: Iterable<string>): PersonKind {
    if (![...scopes].includes(legalPersonScope)) return 'natural';
    const allowed = this.allowedClaims(clientId);
    const minimum = legalPersonAttributeTable.filter((a) => a.mandatory).map((a) => a.claim);
    if (!minimum.every((claim) => allowed.has(claim))) {
      throw new PasserelleError('forbidden', `portal ${clientId} may not receive ${minimum.join(' and ')}, so it cannot ask for scope ${legalPersonScope}`);
    }
    return 'legal';
  }

  /**
   * Attributes to request upstream: the minimum data set of the login's subject plus what will be
   * released of that subject. For an organisation, the natural-person claims (the representative's)
   * are not requested: eIDAS sends the representative's minimum data set with the organisation.
   */
  requestedAttributes(clientId: string, scopes: Iterable<string>): RequestedAttribute[] {
    const released = new Set(this.releasableClaims(clientId, scopes));
    const table = this.subject(clientId, scopes) === 'legal' ? legalPersonAttributeTable : attributeTable;
    return table
      .filter((a) => a.mandatory || released.has(a.claim))
      .map((a) => ({ name: a.name, required: a.mandatory }));
  }

  /** Pairwise sector: configured, else the host of the first redirect URI. */
  sector(clientId: string): string {
    const portal = this.byId.get(clientId);
    if (!portal) return clientId;
    return portal.sector ?? new URL(portal.redirectUris[0]!).host;
  }

  /** The portal's name in the page language; Passerelle for its own dashboard, never a client id. */
  displayName(clientId: string, lang: Language): string {
    if (clientId === selfClientId) return 'Passerelle';
    return configuredText(this.byId.get(clientId)?.name, lang, clientId);
  }
}
