import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { isLoa, type Loa } from '../../core/loa.js';
import { citizenByKey } from '../citizens.js';
import { companyByKey, representativeOf } from '../companies.js';
import { requestedAttributeNames } from './authn-request-read.js';
import type { CountryIdp } from './country-idp.js';
import { certifiedLevels, defaultLevel } from './countries.js';
import { DemoIdpError } from './errors.js';
import { autoPostPage, countryHomePage, loginPage } from './pages.js';
import type { PendingLogin, PendingLogins } from './pending-logins.js';
import { asksForLegalPerson } from './response-attributes.js';
import { buildCancelResponse, buildFailureResponse, buildSuccessResponse, type CancelStatus, type ResponseContext } from './response-build.js';
import { sealResponse } from './response-seal.js';
import type { SpSource } from './sp-source.js';
import { acceptAuthnRequest } from './sso-request.js';

export interface CountryRouteDeps {
  idp: CountryIdp;
  spSource: SpSource;
  pending: PendingLogins;
  now: () => number;
  /** Overrides the SP metadata's NodeCountry for the PersonIdentifier's second code. */
  nodeCountry?: string;
  cancelStatus?: CancelStatus;
}

const formParser = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 });

/** CSP for the one page that must post a form to another origin (the SP's ACS). */
function sendAutoPost(res: Response, idp: CountryIdp, action: string, fields: Record<string, string>): void {
  const nonce = randomBytes(16).toString('base64');
  res.setHeader('Content-Security-Policy', [
    "default-src 'none'", `script-src 'nonce-${nonce}'`, "style-src 'self'", `form-action ${new URL(action).origin}`,
    "frame-ancestors 'none'", "base-uri 'none'",
  ].join('; '));
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(autoPostPage(idp.country, action, fields, nonce));
}

async function answer(res: Response, deps: CountryRouteDeps, login: PendingLogin, choice: { citizenKey?: string; companyKey?: string; loa?: Loa; fail?: boolean }): Promise<void> {
  const context: ResponseContext = {
    issuer: deps.idp.entityId, request: login.request, spEntityId: login.sp.entityId, acsUrl: login.acsUrl,
    nodeCountry: deps.nodeCountry ?? login.sp.nodeCountry ?? 'DE', now: deps.now(),
  };
  let xml: string;
  if (choice.fail) {
    xml = buildFailureResponse(context);
  } else if (choice.companyKey !== undefined) {
    const company = companyByKey(choice.companyKey);
    if (!company || company.country !== deps.idp.country.code) throw new DemoIdpError('citizen_unknown');
    xml = buildSuccessResponse(context, representativeOf(company), choice.loa ?? defaultLevel(deps.idp.country, login.request.minimumLoa), company);
  } else if (choice.citizenKey === undefined) {
    xml = buildCancelResponse(context, deps.cancelStatus);
  } else {
    const citizen = citizenByKey(choice.citizenKey);
    if (!citizen || citizen.country !== deps.idp.country.code) throw new DemoIdpError('citizen_unknown');
    xml = buildSuccessResponse(context, citizen, choice.loa ?? defaultLevel(deps.idp.country, login.request.minimumLoa));
  }
  const samlResponse = await sealResponse(xml, deps.idp.signingKey, deps.idp.samlify(), login.sp, login.acsUrl, deps.idp.country.eidasNode);
  sendAutoPost(res, deps.idp, login.acsUrl, {
    SAMLResponse: samlResponse,
    ...(login.relayState !== undefined ? { RelayState: login.relayState } : {}),
  });
}

export function countryRouter(deps: CountryRouteDeps): Router {
  const router = express.Router();
  const { idp } = deps;

  router.get('/', (_req, res) => {
    res.type('html').send(countryHomePage(idp.country));
  });

  router.get('/metadata', (_req, res) => {
    res.setHeader('Cache-Control', 'max-age=300');
    res.type('application/samlmetadata+xml').send(idp.metadata());
  });

  const sso = (binding: 'redirect' | 'post') => async (req: Request, res: Response) => {
    const accepted = await acceptAuthnRequest(req, binding, idp, deps.spSource, deps.now());
    const loginId = deps.pending.add({ countryCode: idp.country.code, request: accepted.fields, relayState: accepted.relayState, acsUrl: accepted.acsUrl, sp: accepted.sp });
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(loginPage({
      country: idp.country, loginId, requester: accepted.fields.providerName ?? accepted.sp.entityId,
      minimumLoa: accepted.fields.minimumLoa, requestedAttributes: requestedAttributeNames(accepted.fields),
      legalPerson: asksForLegalPerson(accepted.fields.requestedAttributes),
    }));
  };
  router.get('/sso', sso('redirect'));
  router.post('/sso', formParser, sso('post'));

  router.post('/login', formParser, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const login = deps.pending.peek(body['login'], idp.country.code);
    if (!login) throw new DemoIdpError('login_unknown');
    const fail = body['fail'] !== undefined;
    const cancel = fail || body['cancel'] !== undefined;
    const citizenKey = body['citizen'];
    const companyKey = body['company'];
    const loa = body['loa'];
    // A request for a legal person is answered with a company (and its representative), any other with a citizen.
    const legalPerson = asksForLegalPerson(login.request.requestedAttributes);
    const chosen = legalPerson
      ? typeof companyKey === 'string' && companyByKey(companyKey)?.country === idp.country.code
      : typeof citizenKey === 'string' && citizenByKey(citizenKey)?.country === idp.country.code;
    if (!cancel && !chosen) throw new DemoIdpError('citizen_unknown');
    if (loa !== undefined && (typeof loa !== 'string' || !isLoa(loa))) throw new DemoIdpError('request_malformed', 'unknown LoA chosen');
    // Like a real IdP, it never asserts more than its eID means are certified for (its metadata says which).
    if (loa !== undefined && !certifiedLevels(idp.country).includes(loa as Loa)) throw new DemoIdpError('loa_not_certified', `${String(loa)} above ${idp.country.assuranceCertification}`);
    if (!deps.pending.consume(body['login'] as string)) throw new DemoIdpError('login_unknown');
    const choice = legalPerson ? { companyKey: companyKey as string } : { citizenKey: citizenKey as string };
    await answer(res, deps, login, fail ? { fail } : cancel ? {} : { ...choice, loa: loa as Loa | undefined });
  });

  return router;
}
