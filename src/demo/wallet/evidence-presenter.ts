import express, { type Express, type Response } from 'express';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { html } from '../idp/html.js';
import type { EvidenceHolding } from './offer-routes.js';

type Send = (res: Response, title: string, body: ReturnType<typeof html>) => void;

const maxField = 512;

/**
 * The demo wallet presenting an evidence credential to an official in person: the official
 * reads out (or shows) her identifier and a one-time nonce, the citizen picks the claims to
 * show, and the wallet creates an SD-JWT VC presentation with a key-binding JWT over that
 * audience and nonce, to be pasted at Passerelle's /verify/presentation. Each presentation
 * uses the next credential of the batch, so two officials cannot link them by the signature.
 */
export function mountPresentRoutes(app: Express, options: { holdings: EvidenceHolding[]; send: Send }): void {
  const { holdings, send } = options;
  const used = new Map<string, number>();
  const instance = (kbSigner?: Awaited<ReturnType<typeof ES256.getSigner>>) =>
    new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256', ...(kbSigner ? { kbSigner, kbSignAlg: 'ES256' } : {}) });

  const batchOf = (holder: unknown, batch: unknown) => {
    const holding = holdings[Number(holder)];
    const held = holding?.evidence[Number(batch)];
    return held && held.format === 'dc+sd-jwt' && held.credentials.length > 0 ? { holding, held } : undefined;
  };
  const refused = (res: Response, reason: string) => {
    res.status(400);
    send(res, 'Not presented', html`<h2>No presentation was created</h2><p id="present-error">${reason}</p><p><a href="/evidence/present">Back</a></p>`);
  };

  app.get('/evidence/present', (_req, res) => {
    const choices = holdings.flatMap((h, i) => h.evidence.map((b, j) => ({ h, b, i, j }))).filter(({ b }) => b.format === 'dc+sd-jwt');
    send(res, 'Present a document', html`<h2>Present a document to an official</h2>
${choices.length === 0 ? html`<p>No document held as an SD-JWT VC yet.</p>` : html`<ul class="citizens" id="presentable">${choices.map(({ h, b, i, j }) => html`<li><a href="/evidence/present/${i}/${j}">${h.citizen.givenName} ${h.citizen.familyName}: ${b.configurationId}</a></li>`)}</ul>`}`);
  });

  app.get('/evidence/present/:holder/:batch', async (req, res) => {
    const found = batchOf(req.params.holder, req.params.batch);
    if (!found) return refused(res, 'This wallet holds no such document.');
    const claims = (await (await instance().decode(found.held.credentials[0]!)).presentableKeys(digest)).filter((k) => !k.includes('.'));
    send(res, 'Present a document', html`<h2>Present ${found.held.configurationId} of ${found.holding.citizen.givenName} ${found.holding.citizen.familyName}</h2>
<form method="post" action="/evidence/present/${req.params.holder}/${req.params.batch}">
<fieldset><legend>Data to show</legend><ul class="citizens">${claims.map((c) => html`<li><label><input type="checkbox" name="claim" value="${c}" checked> <code>${c}</code></label></li>`)}</ul></fieldset>
<label for="audience">The official's identifier</label> <input id="audience" name="audience" autocomplete="off" required>
<label for="nonce">The official's nonce</label> <input id="nonce" name="nonce" autocomplete="off" required>
<button type="submit">Create the presentation</button>
</form>`);
  });

  app.post('/evidence/present/:holder/:batch', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const found = batchOf(req.params.holder, req.params.batch);
    if (!found) return refused(res, 'This wallet holds no such document.');
    const body = req.body as Record<string, string | string[] | undefined>;
    const audience = typeof body.audience === 'string' ? body.audience.trim() : '';
    const nonce = typeof body.nonce === 'string' ? body.nonce.trim() : '';
    if (!audience || !nonce || audience.length > maxField || nonce.length > maxField) return refused(res, 'Give the official\'s identifier and nonce.');
    const claims = ([] as unknown[]).concat(body.claim ?? []).filter((c): c is string => typeof c === 'string');
    const key = `${req.params.holder}/${req.params.batch}`;
    const index = (used.get(key) ?? 0) % found.held.credentials.length;
    used.set(key, index + 1);
    const signer = instance(await ES256.getSigner(found.held.keys[index]!));
    const presentation = await signer.present(found.held.credentials[index]!, Object.fromEntries(claims.map((c) => [c, true])), {
      kb: { payload: { aud: audience, nonce, iat: Math.floor(Date.now() / 1000) } },
    });
    send(res, 'Presentation created', html`<h2>Presentation for ${audience}</h2>
<p>Showing: ${claims.length ? claims.join(', ') : 'nothing but the document type'}. Give it to the official (credential ${index + 1} of ${found.held.credentials.length}).</p>
<label for="presentation">Presentation (SD-JWT VC with key binding)</label>
<textarea id="presentation" readonly rows="8" cols="80">${presentation}</textarea>
<p><a href="/">Back to the wallet</a></p>`);
  });
}
