import express, { type Express, type Response } from 'express';
import { html } from '../idp/html.js';
import { authorizationCodeToken, authorizationRequest, parseOffer, preAuthorizedToken, receiveAll, type CredentialOfferObject, type ReceivedBatch } from './evidence-receiver.js';

export interface EvidenceHolding { citizen: { givenName: string; familyName: string; country: string }; evidence: ReceivedBatch[] }

type Send = (res: Response, title: string, body: ReturnType<typeof html>) => void;

const pendingTtlMs = 10 * 60_000;
const clientId = 'demo-wallet';

/**
 * The demo wallet as the holder of evidence credentials: `/offer` is its credential offer
 * endpoint (Passerelle's same-device link in the demo). The citizen picks whose wallet it is, and
 * either types the code Passerelle shows (pre-authorized code) or signs in at Passerelle
 * (authorization code with PKCE, back at `/offer/callback`).
 */
export function mountOfferRoutes(app: Express, options: { publicUrl: string; holdings: EvidenceHolding[]; send: Send }): void {
  const { holdings, send } = options;
  const pending = new Map<string, { offer: CredentialOfferObject; holder: number; verifier: string; expires: number }>();
  const redirectUri = `${options.publicUrl}/offer/callback`;
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const done = (res: Response, holder: EvidenceHolding, received: ReceivedBatch[]) => {
    holder.evidence.push(...received);
    send(res, 'Credentials received', html`<h2>Received into ${holder.citizen.givenName} ${holder.citizen.familyName}'s wallet</h2>
<ul class="citizens" id="received">${received.map((b) => html`<li>${b.credentials.length} × ${b.format} (${b.configurationId})</li>`)}</ul>
<p><a href="/">Back to the wallet</a></p>`);
  };
  const failed = (res: Response, error: unknown) => {
    res.status(400);
    send(res, 'Not received', html`<h2>The credentials could not be received</h2><p id="offer-error">${(error as Error).message}</p>`);
  };

  app.get('/offer', (req, res) => {
    let offer: CredentialOfferObject;
    try {
      offer = parseOffer(String(req.query.credential_offer ?? ''));
    } catch (error) {
      return failed(res, error);
    }
    send(res, 'Accept the offer?', html`<h2>${offer.credential_issuer} offers you ${offer.credential_configuration_ids.length} credentials</h2>
<ul>${offer.credential_configuration_ids.map((id) => html`<li><code>${id}</code></li>`)}</ul>
<form method="post" action="/offer/receive">
<input type="hidden" name="offer" value="${JSON.stringify(offer)}">
<fieldset><legend>Whose wallet is this?</legend><ul class="citizens">${holdings.map((h, i) => html`<li><label><input type="radio" name="holder" value="${i}"${i === 0 ? ' checked' : ''}> ${h.citizen.givenName} ${h.citizen.familyName} (${h.citizen.country})</label></li>`)}</ul></fieldset>
<label for="tx_code">Code shown by the issuer</label> <input id="tx_code" name="tx_code" inputmode="numeric" autocomplete="off">
<button type="submit" name="flow" value="pre-authorized">Receive with the code</button>
<button type="submit" name="flow" value="authorization">Sign in at the issuer instead</button>
</form>`);
  });

  app.post('/offer/receive', form, async (req, res) => {
    const body = req.body as Record<string, string>;
    const holder = Number(body.holder);
    try {
      const offer = parseOffer(body.offer ?? '');
      if (!holdings[holder]) throw new Error('choose whose wallet this is');
      if (body.flow === 'authorization') {
        const request = authorizationRequest(offer, clientId, redirectUri);
        pending.set(request.state, { offer, holder, verifier: request.verifier, expires: Date.now() + pendingTtlMs });
        return void res.redirect(303, request.url);
      }
      done(res, holdings[holder]!, await receiveAll(offer, await preAuthorizedToken(offer, body.tx_code ?? '')));
    } catch (error) {
      failed(res, error);
    }
  });

  app.get('/offer/callback', async (req, res) => {
    const state = String(req.query.state ?? '');
    const entry = pending.get(state);
    pending.delete(state);
    try {
      if (!entry || entry.expires < Date.now()) throw new Error('this offer has expired; start again on the issuer\'s page');
      if (req.query.iss !== entry.offer.credential_issuer) throw new Error('the answer does not come from the offer\'s issuer');
      const token = await authorizationCodeToken(entry.offer, { code: String(req.query.code ?? ''), verifier: entry.verifier, clientId, redirectUri });
      done(res, holdings[entry.holder]!, await receiveAll(entry.offer, token));
    } catch (error) {
      failed(res, error);
    }
  });
}
