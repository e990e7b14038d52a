import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { evidenceTitle } from '../catalogue/index.js';
import { sharingLegalBasis } from '../consent/records.js';
import { countryName, localTime, pickText } from '../web/format.js';
import { formatCalendarDate } from '../../web/dates.js';
import { requestTexts } from '../web/request-texts.js';
import { verifyMessages, type VerifyMessage } from './messages.js';
import type { VerificationReport } from './report.js';
import { presentationLink } from './presentation/page.js';
import { mandateVerifyView } from '../mandate/verify-view.js';

type T = ReturnType<typeof translator<VerifyMessage>>;
const ms = (value: string | undefined) => (value ? Date.parse(value) : null);

export interface VerifyPageState {
  report?: VerificationReport;
  /** The share id of a `?share=` link: kept on the language switch. */
  share?: string;
  unknownShare?: string;
  formError?: 'empty' | 'unreadable' | 'tooLarge';
  /** What the official typed or pasted, shown again in the form. */
  entered?: { attestation: string; credential: string };
}

/** `/verify`: the form, and above it the result or the form's error (when there is one). */
export function verifyPage(ctx: AppContext, lang: Language, state: VerifyPageState = {}): string {
  const t = translator(verifyMessages, lang);
  const { report, entered } = state;
  const formError = state.formError === 'empty' ? t('formEmpty') : state.formError === 'tooLarge' ? t('formTooLarge') : state.formError ? t('formUnreadable') : undefined;
  const body = html`<h1>${t('title')}</h1>
<p>${t('intro')}</p>
${presentationLink(lang)}
${report ? resultView(ctx, t, lang, report) : ''}
${state.unknownShare !== undefined ? html`<section aria-labelledby="result" role="status"><h2 id="result">${t('resultHeading')}</h2>
<p class="error"><strong class="status-invalid">${t('verdict_unknown_share')}</strong></p><p>${t('unknownShareBody')} <code>${state.unknownShare}</code></p></section>` : ''}
${formError ? html`<div class="error" role="alert" id="form-error"><p>${formError}</p></div>` : ''}
<form method="post" action="/verify" enctype="multipart/form-data">
<label for="attestation">${t('attestationLabel')}</label>
<p class="muted" id="attestation-hint">${t('attestationHint')}</p>
<textarea id="attestation" name="attestation" aria-describedby="attestation-hint" spellcheck="false">${entered?.attestation ?? ''}</textarea>
<label for="credential">${t('credentialLabel')}</label>
<p class="muted" id="credential-hint">${t('credentialHint')}</p>
<textarea id="credential" name="credential" aria-describedby="credential-hint" spellcheck="false">${entered?.credential ?? ''}</textarea>
<label for="document">${t('documentLabel')}</label>
<p class="muted" id="document-hint">${t('documentHint')}</p>
<input type="file" id="document" name="document" aria-describedby="document-hint">
<div class="actions"><button type="submit">${t('submit')}</button></div>
</form>
<p class="muted">${t('offline')}</p>`;
  return page({ title: t('title'), lang, body, path: '/verify', ...(state.share ? { keepQuery: { share: state.share } } : {}) });
}

function scopeTerms(ctx: AppContext, t: T, lang: Language, scope: { portal: { client_id: string }; procedure: string; purpose: string }, evidenceType: string | null): SafeHtml {
  const texts = requestTexts(ctx, { clientId: scope.portal.client_id, evidenceType, procedure: scope.procedure, purpose: scope.purpose, lang });
  return html`${texts.procedure ? html`<dt>${t('procedure')}</dt><dd>${texts.procedure}</dd>` : ''}<dt>${t('purpose')}</dt><dd>${texts.purpose}</dd>`;
}

function yesNo(t: T, value: boolean | null | undefined): string {
  return value === null || value === undefined ? t('notChecked') : value ? t('yes') : t('no');
}

function resultView(ctx: AppContext, t: T, lang: Language, report: VerificationReport): SafeHtml {
  const a = report.attestation;
  const c = report.credential;
  const d = report.document;
  const authorityName = (id: string | undefined) => pickText(ctx.config.issuingAuthorities.find((x) => x.id === id)?.name, lang, id ?? '');
  const portalName = (id: string | undefined) => pickText(ctx.config.portals.find((x) => x.clientId === id)?.name, lang, id ?? '');
  return html`<section aria-labelledby="result" role="status">
<h2 id="result">${t('resultHeading')}</h2>
<p class="${report.valid ? 'notice' : 'error'}"><strong class="${report.valid ? 'status-valid' : 'status-invalid'}">${t(`verdict_${report.finding}`)}</strong></p>
${report.holder ? html`<dl class="data"><dt>${t('holder')}</dt><dd><bdi dir="auto">${report.holder.given_name} ${report.holder.family_name}</bdi></dd>
${report.holder.birthdate ? html`<dt>${t('holderBirthdate')}</dt><dd>${formatCalendarDate(report.holder.birthdate, lang)}</dd>` : ''}</dl>` : ''}
<p>${report.sharing.checked ? t(`sharingFoundBy_${report.sharing.found_by ?? 'attestation'}`) : t('sharingNotChecked')}</p>
${a ? html`<h3>${t('attestationHeading')}</h3><dl class="data">
<dt>${t('signature')}</dt><dd class="${a.signature === 'passed' ? 'status-valid' : 'status-invalid'}">${a.signature === 'passed' ? t('passed') : t('failed')}</dd>
${a.signature !== 'passed' ? html`<dt>${t('reason')}</dt><dd>${t('reasonAttestation')}</dd>` : ''}
${a.issuer ? html`<dt>${t('issuer')}</dt><dd>Passerelle (<code>${a.issuer}</code>)</dd><dt>${t('trustAnchor')}</dt><dd>${t('trustPasserelle')} (<code>${a.trust_anchor?.metadata}</code>${a.trust_anchor?.kid ? html`, ${t('keyId')} <code>${a.trust_anchor.kid}</code>` : ''})</dd>` : ''}
${a.evidence_type ? html`<dt>${t('evidenceType')}</dt><dd>${evidenceTitle(a.evidence_type.id, lang) ?? a.evidence_type.id}</dd>` : ''}
${a.status ? html`<dt>${t('statusLabel')}</dt><dd>${t(`status_${a.status.state}`)}</dd><dt>${t('statusList')}</dt><dd><code>${a.status.uri}</code>, ${t('entryNumber', { idx: a.status.idx })}</dd>` : ''}
${a.expires_at ? html`<dt>${t('expires')}</dt><dd>${localTime(ms(a.expires_at), lang)}${a.expired ? html` (${t('expiredYes')})` : ''}</dd>` : ''}
${a.scope ? html`<dt>${t('portal')}</dt><dd>${portalName(a.scope.portal.client_id)} (<code>${a.scope.portal.client_id}</code>)</dd>
${scopeTerms(ctx, t, lang, a.scope, a.evidence_type?.id ?? null)}
<dt>${t('legalBasis')}</dt><dd>${a.scope.legal_basis === sharingLegalBasis ? t('legalBasisConsent') : a.scope.legal_basis}</dd><dt>${t('consent')}</dt><dd><code>${a.scope.consent_id}</code></dd>` : ''}
${a.provenance ? html`<dt>${t('authority')}</dt><dd>${authorityName(a.provenance.authority.id)} (${countryName(a.provenance.authority.country, lang)}, <code>${a.provenance.authority.issuer}</code>)</dd>
<dt>${t('fetchedAt')}</dt><dd>${localTime(ms(a.provenance.fetched_at), lang)}</dd><dt>${t('sharedAt')}</dt><dd>${localTime(ms(a.provenance.shared_at), lang)}</dd>` : ''}
</dl>` : ''}
${report.mandate ? mandateVerifyView(ctx, lang, report.mandate) : ''}
${c ? html`<h3>${t('credentialHeading')}</h3><dl class="data">
<dt>${t('signature')}</dt><dd class="${c.signature === 'passed' ? 'status-valid' : 'status-invalid'}">${c.signature === 'passed' ? t('passed') : t('failed')}</dd>
${c.signature !== 'passed' ? html`<dt>${t('reason')}</dt><dd>${t('reasonCredential')}</dd>` : ''}
${c.trust_anchor ? html`<dt>${t('issuer')}</dt><dd>${authorityName(c.trust_anchor.authority_id)} (${countryName(c.trust_anchor.country, lang)}, <code>${c.issuer}</code>)</dd><dt>${t('trustAnchor')}</dt><dd>${t('trustAuthority')}</dd>` : ''}
${c.issued_at ? html`<dt>${t('issuedAt')}</dt><dd>${localTime(ms(c.issued_at), lang)}</dd><dt>${t('validUntil')}</dt><dd>${localTime(ms(c.valid_until), lang)}${c.expired ? html` (${t('expiredYes')})` : ''}</dd>` : ''}
<dt>${t('matchesAttestation')}</dt><dd>${yesNo(t, c.matches_attestation)}</dd>
</dl>` : ''}
${d ? html`<h3>${t('documentHeading')}</h3><dl class="data">
<dt>${t('digest')}</dt><dd><code>${d.digest.value}</code></dd>
<dt>${t('matchesAttestation')}</dt><dd>${yesNo(t, d.matches_attestation)}</dd>
<dt>${t('matchesCredential')}</dt><dd>${yesNo(t, d.matches_credential)}</dd>
</dl>` : ''}
</section>`;
}
