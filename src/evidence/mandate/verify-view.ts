import type { AppContext } from '../../context.js';
import { formatCalendarDate } from '../../web/dates.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { pickText } from '../web/format.js';
import { requestTexts } from '../web/request-texts.js';
import type { VerificationReport } from '../verify/report.js';
import { mandateMessages } from './messages.js';

type Person = { given_name: string; family_name: string; birthdate: string };

const person = (p: Person, lang: Language) => html`<bdi dir="auto">${p.given_name} ${p.family_name}</bdi> (${formatCalendarDate(p.birthdate, lang)})`;

/** The mandate part of a verification result: who acts, for whom, in what, towards which portal. */
export function mandateVerifyView(ctx: AppContext, lang: Language, mandate: NonNullable<VerificationReport['mandate']>): SafeHtml {
  const t = translator(mandateMessages, lang);
  const texts = requestTexts(ctx, { clientId: mandate.portal.client_id, evidenceType: 'representation', procedure: mandate.procedure, purpose: mandate.purpose, lang });
  const portal = pickText(ctx.config.portals.find((p) => p.clientId === mandate.portal.client_id)?.name, lang, mandate.portal.client_id);
  const relationship = mandate.relationship === 'guardian' ? t('relationship_guardian') : t('relationship_parent');
  return html`<h3>${t('mandateLabel')}</h3><dl class="data" id="mandate">
<dt>${t('who')}</dt><dd>${person(mandate.representative, lang)}</dd>
<dt>${t('forWhom')}</dt><dd>${person(mandate.represented, lang)}</dd>
<dt>${t('relationship')}</dt><dd>${relationship}</dd>
<dt>${t('mandateLabel')}</dt><dd>${texts.procedure ?? texts.purpose}</dd>
<dt>${t('recipient')}</dt><dd>${portal} (<code>${mandate.portal.client_id}</code>)</dd>
<dt>ID</dt><dd><code>${mandate.mandate_id}</code></dd>
</dl>`;
}
