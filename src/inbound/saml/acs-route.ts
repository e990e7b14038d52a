import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import type { LoginHandOff } from '../identity-adapter.js';
import { browserBindingOf } from './browser-binding.js';
import type { AcsState } from './checks/acs-state.js';
import type { IdpMetadataRegistry } from './metadata/metadata-registry.js';
import { readAcsForm } from './read-acs-form.js';
import { samlPaths } from './saml-constants.js';
import { commitAcceptedResponse, consumeForFailure, recordRefusedAttempt } from './saml-request-store.js';
import { acsUrl, spEntityId } from './sp-endpoints.js';
import { validateResponse } from './validate-response.js';

/**
 * POST /saml/acs: the HTTP-POST binding endpoint for eIDAS Responses. Its own body parser
 * (413 above `saml.maxResponseBytes`, before any parsing), the validation pipeline, then one
 * transaction (consume the request, remember the assertion ID) and the hand-off to whoever
 * waits for the login. Any other method is 405. A rejected response gets our error page
 * (status, correlation id, no library text or XML) and writes nothing. A response to this
 * browser's own request that expired (a slow IdP) ends the flow through the hand-off as
 * `login_flow_expired`; one already answered (back, refresh) is refused with a way back.
 */
export function acsRouter(ctx: AppContext, registry: IdpMetadataRegistry, handOff: LoginHandOff): Router {
  const router = Router();
  const parseForm = express.urlencoded({ extended: false, limit: ctx.config.saml.maxResponseBytes, parameterLimit: 10 });
  const deps = {
    config: ctx.config, db: ctx.db, registry,
    decryptionKeys: () => ctx.keystore.decryptionKeys('saml-encryption').flatMap((k) => (k.privateKey ? [k.privateKey] : [])),
  };

  router.post(samlPaths.acs, parseForm, async (req: Request, res: Response, next: NextFunction) => {
    let state: AcsState | undefined;
    let answered = false;
    try {
      const { document, relayState } = readAcsForm(req);
      state = {
        deps, now: ctx.clock.now(), skewMs: ctx.config.saml.clockSkewSeconds * 1000,
        acsUrl: acsUrl(ctx.config), spEntityId: spEntityId(ctx.config), browserBinding: browserBindingOf(req),
        relayState, document, response: document.documentElement!,
      };
      await validateResponse(state);
      const pending = state.pending!;
      if (state.statusFailure) {
        await consumeForFailure(ctx.db, pending.id, pending.browserBinding, state.now);
        ctx.logger.info({ country: pending.country, code: state.statusFailure.code, reason: state.statusFailure.message, correlationId: String(req.id ?? '') }, 'eIDAS login ended without success');
        ctx.metrics.logins.inc({ country: pending.country, outcome: state.statusFailure.code });
        answered = true;
        await handOff.loginFailed(req, res, pending.flowId, state.statusFailure, {
          country: pending.country, requestedLoa: pending.requestedLoa, ...(state.refusedLoa ? { assertedLoa: state.refusedLoa } : {}),
        });
        return;
      }
      await commitAcceptedResponse(ctx.db, {
        requestId: pending.id, browserBinding: pending.browserBinding, now: state.now,
        issuer: state.idp!.entityId, assertionId: state.assertionId!, assertionExpiresAt: state.assertionExpiresAt!,
      });
      ctx.logger.info({ country: pending.country, loa: state.loa, encrypted: state.encrypted, correlationId: String(req.id ?? '') }, 'eIDAS login accepted');
      ctx.metrics.logins.inc({ country: pending.country, outcome: 'success' });
      answered = true;
      await handOff.loginSucceeded(req, res, pending.flowId, state.citizen!);
    } catch (error) {
      if (!answered) {
        ctx.metrics.acsRefusals.inc({ code: isPasserelleError(error) ? error.code : 'internal_error' });
        // A refusal before the pending request was found cannot be told apart by country.
        ctx.metrics.logins.inc({ country: state?.pending?.country ?? state?.endedFlow?.country ?? 'unknown', outcome: 'refused' });
      }
      const ended = state?.endedFlow;
      if (ended && isPasserelleError(error)) {
        ctx.logger.info({ country: ended.country, reason: error.message, correlationId: String(req.id ?? '') }, 'eIDAS response for a login that is over');
        // Too late: the flow ends with an error for the portal. Answered already: nothing changes
        // (a racing duplicate must not overwrite the winner's result), the error page links back.
        const answer = error.code === 'login_flow_expired'
          ? handOff.loginFailed(req, res, ended.flowId, error, { country: ended.country })
          : handOff.loginOver ? handOff.loginOver(req, res, ended.flowId, error) : Promise.reject(error);
        return answer.catch(next);
      }
      try {
        if (await endsLogin(state, error)) {
          ctx.logger.warn({ country: state!.pending!.country, code: 'saml_attempts_exhausted', correlationId: String(req.id ?? '') }, 'eIDAS login ended: too many refused responses');
          await handOff.loginFailed(req, res, state!.pending!.flowId, new PasserelleError('saml_attempts_exhausted', 'too many refused responses for one request', { cause: error }), { country: state!.pending!.country });
          return;
        }
      } catch (counting) {
        return next(counting);
      }
      next(error);
    }
  });

  /**
   * A refusal counts against the pending request only once the response was tied to it from this browser
   * (InResponseTo, binding cookie): a stranger cannot use up someone else's attempts. Server faults never count.
   */
  async function endsLogin(state: AcsState | undefined, error: unknown): Promise<boolean> {
    const pending = state?.pending;
    if (!pending || !isPasserelleError(error) || error.status >= 500) return false;
    const outcome = await recordRefusedAttempt(ctx.db, {
      requestId: pending.id, browserBinding: pending.browserBinding, now: state.now, maxAttempts: ctx.config.saml.maxRefusedAttempts,
    });
    return outcome === 'exhausted';
  }

  router.all(samlPaths.acs, (_req, _res, next) => next(new PasserelleError('method_not_allowed', 'the ACS accepts only HTTP-POST')));
  return router;
}
