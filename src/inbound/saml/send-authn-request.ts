import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { maxLoa } from '../../core/loa.js';
import { sendAutoPost } from '../../web/auto-post.js';
import type { LoginRequest } from '../identity-adapter.js';
import { browserBindingFor, setBindingCookie } from './browser-binding.js';
import { buildAuthnRequest, mergeRequestedAttributes } from './build-authn-request.js';
import { signRedirectBinding, signXml } from './crypto/index.js';
import type { IdpMetadataRegistry } from './metadata/metadata-registry.js';
import { chooseRequestSigning } from './request-signing.js';
import { savePendingRequest } from './saml-request-store.js';
import { spEntityId } from './sp-endpoints.js';

export const providerName = 'Passerelle';

/**
 * Starts an eIDAS login: builds and signs the AuthnRequest (the algorithm the country's policy and
 * the IdP's metadata agree on, see request-signing.ts), remembers it in the
 * database bound to this browser, and sends the browser to the IdP with the binding its
 * metadata offers (HTTP-POST preferred, else HTTP-Redirect). RelayState is an opaque random
 * handle, never a URL; the IdP must return it unchanged.
 */
export async function sendAuthnRequest(ctx: AppContext, registry: IdpMetadataRegistry, req: Request, res: Response, login: LoginRequest): Promise<void> {
  const { config, keystore, clock } = ctx;
  const country = config.countries.find((c) => c.code === login.country);
  if (!country) throw new PasserelleError('country_unknown', `country ${login.country} is not configured`);
  if (!login.flowId || login.flowId.length > 255) throw new PasserelleError('bad_request', 'flow id missing or longer than 255 characters');
  const idp = await registry.get(country.code);
  const signing = chooseRequestSigning(country, idp, keystore);
  const binding = idp.ssoServices.post ? 'post' : 'redirect';
  const destination = (idp.ssoServices.post ?? idp.ssoServices.redirect)!;
  const now = clock.now();
  const id = '_' + randomBytes(32).toString('hex');
  const relayState = randomBytes(32).toString('base64url');
  const loa = maxLoa(country.minimumLoa, login.minimumLoa);
  const requestedAttributes = mergeRequestedAttributes(login.subject ?? 'natural', country.requestedAttributes, login.requestedAttributes);
  const xml = buildAuthnRequest({
    id, issueInstant: now, destination, spEntityId: spEntityId(config), providerName, spType: config.saml.spType,
    loa, requestedAttributes, ...(login.requesterId ? { requesterId: login.requesterId } : {}),
  });
  const browser = browserBindingFor(req);
  await savePendingRequest(ctx.db, {
    id, country: country.code, flowId: login.flowId, requestedLoa: loa, browserBinding: browser.hash, relayState,
    requestedAttributes, createdAt: now, expiresAt: now + config.saml.requestTtlSeconds * 1000,
  });
  setBindingCookie(res, config, browser.cookieValue);
  const signatureAlgorithm = signing.signed ? signing.signatureAlgorithm : 'unsigned';
  ctx.logger.info({ country: country.code, binding, loa, signatureAlgorithm, correlationId: String(req.id ?? '') }, 'eIDAS AuthnRequest sent');
  if (binding === 'post') {
    const message = signing.signed
      ? signXml(xml, {
        referenceId: id, privateKey: signing.key.privateKey!, insertAfterLocalName: 'Issuer',
        signatureAlgorithm: signing.signatureAlgorithm, digestAlgorithm: signing.digestAlgorithm,
        ...(signing.key.certificateBase64 ? { certificateBase64: signing.key.certificateBase64 } : {}),
      })
      : xml;
    sendAutoPost(req, res, destination, { SAMLRequest: Buffer.from(message, 'utf8').toString('base64'), RelayState: relayState });
    return;
  }
  const SAMLRequest = deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
  // The signature covers the query exactly as the crypto module encodes it; send those very octets.
  const query = signing.signed
    ? signRedirectBinding({ SAMLRequest, RelayState: relayState }, signing.key.privateKey!, signing.signatureAlgorithm).query
    : new URLSearchParams({ SAMLRequest, RelayState: relayState }).toString();
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(303, destination + (destination.includes('?') ? '&' : '?') + query);
}
