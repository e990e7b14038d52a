import { decodeJwt } from 'jose';
import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { scrollableTable } from '../../web/table.js';
import { formatDate, pickText } from '../web/format.js';
import { requestTexts } from '../web/request-texts.js';
import type { MandateClaims } from './attestation.js';
import { mandateMessages } from './messages.js';
import { listMandates, openAttestation, stateOfMandate, type MandateState } from './records.js';

export interface MandateListing { id: string; evidenceId: string; child: string; clientId: string; procedure: string; purpose: string; expiresAt: number; state: MandateState }

/** The citizen's mandates, newest first, with the child's name read from the sealed attestation. */
export async function mandateListing(ctx: AppContext, citizenKey: string): Promise<MandateListing[]> {
  const now = ctx.clock.now();
  const rows = await listMandates(ctx.db.knex, citizenKey);
  return Promise.all(rows.map(async (mandate) => {
    const claims = decodeJwt(openAttestation(ctx, mandate).split('~')[0]!) as unknown as MandateClaims;
    return {
      id: mandate.id, evidenceId: mandate.evidence_id, child: `${claims.represented.given_name} ${claims.represented.family_name}`, clientId: mandate.client_id,
      procedure: mandate.procedure, purpose: mandate.purpose, expiresAt: mandate.expires_at, state: (await stateOfMandate(ctx.db.knex, mandate, now)).state,
    };
  }));
}

/** "My mandates" on /me: one row per mandate, Revoke as a one-button form (the dashboard's CSRF token). */
export function mandatesSection(ctx: AppContext, input: { lang: Language; csrf: string; mandates: MandateListing[]; revoked?: string }): SafeHtml {
  const { lang, mandates } = input;
  const t = translator(mandateMessages, lang);
  const portalName = (id: string) => pickText(ctx.config.portals.find((p) => p.clientId === id)?.name, lang, id);
  const done = input.revoked && mandates.some((m) => m.id === input.revoked) ? html`<p class="notice" role="status">${t('revokedNotice')}</p>` : '';
  const table = mandates.length === 0 ? html`<p>${t('noMandates')}</p>` : scrollableTable(t('mandatesHeading'), html`<table>
<thead><tr><th scope="col">${t('forWhom')}</th><th scope="col">${t('portal')}</th><th scope="col">${t('mandateLabel')}</th><th scope="col">${t('until')}</th><th scope="col">${t('state')}</th><th scope="col"><span class="visually-hidden">${t('revokeButton')}</span></th></tr></thead>
<tbody>${mandates.map((m) => {
    const texts = requestTexts(ctx, { clientId: m.clientId, evidenceType: 'representation', procedure: m.procedure, purpose: m.purpose, lang });
    return html`<tr>
<th scope="row">${m.child}</th><td>${portalName(m.clientId)}</td><td>${texts.procedure ?? texts.purpose}</td><td>${formatDate(m.expiresAt, lang)}</td>
<td class="${m.state === 'active' ? 'status-valid' : 'status-invalid'}">${t(`state_${m.state}`)}</td>
<td>${m.state === 'active' ? html`<form method="post" action="/me/mandates/${m.id}/revoke"><input type="hidden" name="csrf" value="${input.csrf}">
<button type="submit" class="danger">${t('revokeButton')}<span class="visually-hidden"> ${m.child}, ${portalName(m.clientId)}</span></button></form>` : ''}</td>
</tr>`;
  })}</tbody></table>`, { wide: true });
  return html`<h2 id="mandates">${t('mandatesHeading')}</h2>
${done}
<p>${t('mandatesIntro')}</p>
${table}`;
}
