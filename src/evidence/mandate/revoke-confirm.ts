import type { AppContext } from '../../context.js';
import { html } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { confirmPage } from '../dashboard/confirm-page.js';
import { dashboardMessages } from '../dashboard/messages.js';
import { localTime } from '../web/format.js';
import { recipientName } from '../web/recipient-name.js';
import { requestTexts } from '../web/request-texts.js';
import type { MandateListing } from './dashboard.js';
import { mandateMessages } from './messages.js';
import { revokeMessages } from './revoke-messages.js';

/**
 * Revoke asks first, like Withdraw and Delete (no JavaScript needed): for whom, at which
 * portal, in which procedure, since and until when; then a form that revokes and a way back.
 */
export function revokeConfirmPage(ctx: AppContext, input: { lang: Language; mandate: MandateListing; csrf: string }): string {
  const { lang, mandate } = input;
  const t = translator(revokeMessages, lang);
  const m = translator(mandateMessages, lang);
  const d = translator(dashboardMessages, lang);
  const portal = recipientName(ctx, mandate.clientId, lang);
  const texts = requestTexts(ctx, { clientId: mandate.clientId, evidenceType: 'representation', procedure: mandate.procedure, purpose: mandate.purpose, lang });
  const action = `/me/mandates/${mandate.id}/revoke`;
  const summary = html`<dl class="data">
<dt>${m('forWhom')}</dt><dd>${mandate.child}</dd>
<dt>${m('portal')}</dt><dd>${portal}</dd>
${texts.procedure ? html`<dt>${d('procedure')}</dt><dd>${texts.procedure}</dd>` : ''}
<dt>${d('purpose')}</dt><dd>${texts.purpose}</dd>
<dt>${t('given')}</dt><dd>${localTime(mandate.givenAt, lang)}</dd>
<dt>${m('until')}</dt><dd>${localTime(mandate.expiresAt, lang)}</dd>
</dl>`;
  return confirmPage({
    lang, title: t('revokeTitle'), summary, explain: html`<p>${t('revokeExplain', { portal })}</p>`,
    action, csrf: input.csrf, yes: t('revokeYes'), path: action,
  });
}
