import type { PortalRegistry } from './portals.js';

type FetchOptions = RequestInit & { dispatcher?: unknown };

/**
 * oidc-provider's outgoing requests (a portal's jwks_uri, back-channel logout) refuse
 * loopback and private addresses to stop server-side request forgery. The URLs an
 * operator configured for a portal are trusted as they are (a portal may sit on an
 * internal network, the demo portals on localhost); anything else keeps the protection.
 */
export function portalAwareFetch(portals: PortalRegistry) {
  const configured = new Set(portals.all().flatMap((p) => [p.backchannelLogoutUri, p.jwksUri].filter((u): u is string => Boolean(u))));
  return (url: URL | string, options: FetchOptions): Promise<Response> => {
    const target = new URL(String(url)).href;
    if ([...configured].some((u) => new URL(u).href === target)) delete options.dispatcher;
    return globalThis.fetch(url, options);
  };
}
