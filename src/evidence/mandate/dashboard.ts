import { decodeJwt } from 'jose';
import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { scrollableTable } from '../../web/table.js';
import { formatDate, pickText } from '../web/format.js';
import { recipientName } from '../web/recipient-name.js';
import { requestTexts } from '../web/request-texts.js';
import type { MandateClaims } from './attestation.js';
import { mandateMessages } from './messages.js';
import { revokeMessages } from './revoke-messages.js';
import { listMandates, openAttestation, stateOfMandate, type MandateState } from './records.js';

export interface MandateListing { id: string; evidenceId: string; child: string; clientId: string; procedure: string; purpose: string; givenAt: number; expiresAt: number; state: MandateState }

/** The citizen's mandates, newest first, with the child's name read from the sealed attestation. */
export async function mandateListing(ctx: AppContext, citizenKey: string): Promise<MandateListing[]> {
  const now = ctx.clock.now();
  const rows = await listMandates(ctx.db.knex, citizenKey);
  return Promise.all(rows.map(async (mandate) => {
    const claims = decodeJwt(openAttestation(ctx, mandate).split('~')[0]!) as unknown as MandateClaims;
    return {
      id: mandate.id, evidenceId: mandate.evidence_id, child: `${claims.represented.given_name} ${claims.represented.family_name}`, clientId: mandate.client_id,
      procedure: mandate.procedure, purpose: mandate.purpose, givenAt: mandate.given_at, expiresAt: mandate.expires_at, state: (await stateOfMandate(ctx.db.knex, mandate, now)).state,
    };
  }));
}

/** What /me says after Revoke: which mandate ended, or that it had ended already (only the citizen's own mandates are named). */
function doneNotice(ctx: AppContext, lang: Language, mandates: MandateListing[], done: { revoked?: string; unchanged?: string }): SafeHtml | string {
  const r = translator(revokeMessages, lang);
  const revoked = mandates.find((m) => m.id === done.revoked && m.state === 'revoked');
  if (revoked) return html`<p class="notice" role="status">${r('revokeDone', { child: revoked.child, portal: recipientName(ctx, revoked.clientId, lang) })}</p>`;
  return mandates.some((m) => m.id === done.unchanged) ? html`<p class="notice" role="status">${r('revokeUnchanged')}</p>` : '';
}

/** "My mandates" on /me: one row per mandate; Revoke leads to a page that asks first (revoke-confirm.ts), Add to my wallet is a one-button form (the dashboard's CSRF token). */
export function mandatesSection(ctx: AppContext, input: { lang: Language; csrf: string; mandates: MandateListing[]; revoked?: string; unchanged?: string }): SafeHtml {
  const { lang, mandates } = input;
  const t = translator(mandateMessages, lang);
  const portalName = (id: string) => pickText(ctx.config.portals.find((p) => p.clientId === id)?.name, lang, id);
  const done = doneNotice(ctx, lang, mandates, input);
  const table = mandates.length === 0 ? html`<p>${t('noMandates')}</p>` : scrollableTable(t('mandatesHeading'), html`<table>
<thead><tr><th scope="col">${t('forWhom')}</th><th scope="col">${t('portal')}</th><th scope="col">${t('mandateLabel')}</th><th scope="col">${t('until')}</th><th scope="col">${t('state')}</th><th scope="col"><span class="visually-hidden">${t('revokeButton')}</span></th></tr></thead>
<tbody>${mandates.map((m) => {
    const texts = requestTexts(ctx, { clientId: m.clientId, evidenceType: 'representation', procedure: m.procedure, purpose: m.purpose, lang });
    return html`<tr>
<th scope="row">${m.child}</th><td>${portalName(m.clientId)}</td><td>${texts.procedure ?? texts.purpose}</td><td>${formatDate(m.expiresAt, lang)}</td>
<td class="${m.state === 'active' ? 'status-valid' : 'status-invalid'}">${t(`state_${m.state}`)}</td>
<td>${m.state === 'active' ? html`<a class="button danger" href="/me/mandates/${m.id}/revoke">${t('revokeButton')}<span class="visually-hidden"> ${m.child}, ${portalName(m.clientId)}</span></a>
<form method="post" action="/me/mandates/${m.id}/wallet"><input type="hidden" name="csrf" value="${input.csrf}">
<button type="submit" class="secondary">${t('walletButton')}<span class="visually-hidden"> ${m.child}, ${portalName(m.clientId)}</span></button></form>` : ''}</td>
</tr>`;
  })}</tbody></table>`, { wide: true });
  return html`<h2 id="mandates">${t('mandatesHeading')}</h2>
${done}
<p>${t('mandatesIntro')}</p>
${table}`;
}
