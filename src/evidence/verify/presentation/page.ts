import { html, type SafeHtml } from '../../../web/html.js';
import { translator, type Language } from '../../../web/i18n.js';
import { page } from '../../../web/layout.js';
import { localTime } from '../../../web/dates.js';
import { evidenceTitle } from '../../catalogue/index.js';
import { claimLabel } from '../../vci/claim-labels.js';
import { presentationMessages, type PresentationMessage } from './messages.js';
import type { PresentationReport } from './report.js';

type T = ReturnType<typeof translator<PresentationMessage>>;

export interface PresentationPageState {
  report?: PresentationReport;
  formError?: boolean;
  entered?: { presentation: string; audience: string; nonce: string; response_uri: string };
}

/** A disclosed value as people read it: text as text, structures as nested lists (never markup from the credential). */
function valueView(value: unknown): SafeHtml | string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return html`<ul>${value.map((v) => html`<li>${valueView(v)}</li>`)}</ul>`;
  if (typeof value === 'object') {
    return html`<dl>${Object.entries(value as Record<string, unknown>).map(([k, v]) => html`<dt><code>${k}</code></dt><dd>${valueView(v)}</dd>`)}</dl>`;
  }
  return html`<bdi dir="auto">${String(value)}</bdi>`;
}

function resultView(t: T, lang: Language, report: PresentationReport): SafeHtml {
  const type = report.evidence_type;
  return html`<section aria-labelledby="result" role="status">
<h2 id="result">${t('resultHeading')}</h2>
<p class="${report.valid ? 'notice' : 'error'}"><strong class="${report.valid ? 'status-valid' : 'status-invalid'}" id="presentation-verdict">${report.valid ? t('valid') : t(`failure_${report.failure ?? 'malformed'}`)}</strong></p>
<dl class="data">
${type ? html`<dt>${t('evidenceType')}</dt><dd>${evidenceTitle(type, lang) ?? type}</dd>` : ''}
${report.holder_binding ? html`<dt>${t('holderBinding')}</dt><dd class="${report.holder_binding === 'passed' ? 'status-valid' : 'status-invalid'}">${t(report.holder_binding)}</dd>` : ''}
${report.status ? html`<dt>${t('status')}</dt><dd>${t(`status_${report.status.state}`)}</dd>` : ''}
${report.valid_until ? html`<dt>${t('validUntil')}</dt><dd>${localTime(Date.parse(report.valid_until), lang)}</dd>` : ''}
${report.digests ? html`<dt>${t('digestDocument')}</dt><dd>${t(`digest_${report.digests.document}`)}</dd>` : ''}
</dl>
${report.disclosed ? html`<h3>${t('disclosedHeading')}</h3>${report.disclosed.length === 0 ? html`<p>${t('none')}</p>` : html`<dl class="data" id="disclosed">${report.disclosed.map((d) => html`<dt>${d.label}</dt><dd>${valueView(d.value)}</dd>`)}</dl>`}
<h3>${t('notDisclosedHeading')}</h3><p>${report.not_disclosed?.length ? report.not_disclosed.map((c) => claimLabel(type ?? '', c, lang)).join(' · ') : t('none')}</p>` : ''}
</section>`;
}

/** `/verify/presentation`: the form (multipart, works without JavaScript), and above it the result. */
export function presentationPage(lang: Language, state: PresentationPageState = {}): string {
  const t = translator(presentationMessages, lang);
  const e = state.entered;
  const body = html`<h1>${t('title')}</h1>
<p>${t('intro')}</p>
${state.report ? resultView(t, lang, state.report) : ''}
${state.formError ? html`<div class="error" role="alert" id="form-error"><p>${t('formIncomplete')}</p></div>` : ''}
<form method="post" action="/verify/presentation" enctype="multipart/form-data">
<label for="presentation">${t('presentationLabel')}</label>
<p class="muted" id="presentation-hint">${t('presentationHint')}</p>
<textarea id="presentation" name="presentation" aria-describedby="presentation-hint" spellcheck="false">${e?.presentation ?? ''}</textarea>
<label for="audience">${t('audienceLabel')}</label>
<p class="muted" id="audience-hint">${t('audienceHint')}</p>
<input type="text" id="audience" name="audience" aria-describedby="audience-hint" spellcheck="false" value="${e?.audience ?? ''}">
<label for="nonce">${t('nonceLabel')}</label>
<p class="muted" id="nonce-hint">${t('nonceHint')}</p>
<input type="text" id="nonce" name="nonce" aria-describedby="nonce-hint" spellcheck="false" value="${e?.nonce ?? ''}">
<label for="response_uri">${t('responseUriLabel')}</label>
<p class="muted" id="response-uri-hint">${t('responseUriHint')}</p>
<input type="text" id="response_uri" name="response_uri" aria-describedby="response-uri-hint" spellcheck="false" value="${e?.response_uri ?? ''}">
<label for="document">${t('documentLabel')}</label>
<p class="muted" id="document-hint">${t('documentHint')}</p>
<input type="file" id="document" name="document" aria-describedby="document-hint">
<div class="actions"><button type="submit">${t('submit')}</button></div>
</form>`;
  return page({ title: t('title'), lang, body, path: '/verify/presentation' });
}

/** The link on /verify. */
export function presentationLink(lang: Language): SafeHtml {
  return html`<p><a href="/verify/presentation">${translator(presentationMessages, lang)('link')}</a></p>`;
}
