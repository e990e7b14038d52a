import type { Request, Response } from 'express';
import type { AuthenticatedCitizen } from '../../../core/citizen.js';
import { legalPersonAttributeTable } from '../../../core/legal-person-attributes.js';
import { bidiSafe } from '../../../web/bidi-safe.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { pageLanguage, translator } from '../../../web/i18n.js';
import { page } from '../../../web/layout.js';
import { claimsFromCitizen } from '../claims-from-citizen.js';
import { hasEvidenceStep } from '../evidence-hook.js';
import { finishInteraction } from '../finish-interaction.js';
import { oidcMessages, type OidcMessage } from '../messages.js';
import { formPagePolicy } from '../page-policy.js';
import { selfClientId } from '../portals.js';
import { approveIdentity } from './approve.js';
import { displayClaimValue } from './claim-display.js';
import { csrfToken } from './csrf.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, scopesOf } from './load.js';
import { sessionConsentCovers } from './session-consent.js';

export interface ConsentSubject {
  accountId: string;
  citizen: AuthenticatedCitizen;
  released: string[];
}

const legalClaims: ReadonlySet<string> = new Set(legalPersonAttributeTable.map((a) => a.claim));

/** Who consents and exactly which attribute claims the portal would receive. */
export async function consentSubject(deps: InteractionDeps, interaction: Interaction): Promise<ConsentSubject | undefined> {
  const accountId = interaction.session?.accountId;
  const citizen = accountId ? await deps.citizens.load(accountId) : undefined;
  if (!accountId || !citizen) return undefined;
  return { accountId, citizen, released: deps.portals.releasableClaims(clientIdOf(interaction), scopesOf(interaction)) };
}

/**
 * GET /interaction/:uid at the consent step. Passerelle's own dashboard, portals the
 * citizen chose to remember (for no more than what they now receive, and no evidence), and
 * an evidence request whose identity claims the citizen already released to this portal in
 * this session skip the page (the evidence decision itself is never skipped). Otherwise the
 * page lists every claim with its value.
 */
export async function showConsentStep(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction): Promise<void> {
  const subject = await consentSubject(deps, interaction);
  if (!subject) {
    return finishInteraction(res, interaction, { error: 'access_denied', error_description: 'the login session has ended' });
  }
  const clientId = clientIdOf(interaction);
  const withEvidence = hasEvidenceStep(interaction.params);
  const remembered = !withEvidence && await deps.consents.covers(subject.accountId, clientId, subject.released);
  const consentedInSession = withEvidence && await sessionConsentCovers(deps, interaction, subject);
  if (clientId === selfClientId || remembered || consentedInSession) {
    return approveIdentity(deps, req, res, interaction, { ...subject, remember: false });
  }
  renderConsentPage(deps, req, res, interaction, subject, withEvidence);
}

function renderConsentPage(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction, subject: ConsentSubject, withEvidence: boolean): void {
  const lang = pageLanguage(req, res, { uiLocales: interaction.params.ui_locales });
  const t = translator(oidcMessages, lang);
  const portal = deps.portals.displayName(clientIdOf(interaction), lang);
  const values = claimsFromCitizen(subject.citizen, new Set(subject.released));
  const released = subject.released.filter((claim) => values[claim] !== undefined);
  const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const rows = (claims: string[]) => claims.map((claim) => row(t(`claim_${claim}` as OidcMessage), displayClaimValue(claim, values[claim], lang, t)));
  const organisation = subject.citizen.onBehalfOf?.legalName;
  // The organisation's name is upstream text: shown through bidiSafe inside the translated sentence.
  const aboutOrganisation = (key: 'consentOnBehalfOf' | 'consentOrganisationClaims', name: string): SafeHtml => {
    const [before, after = ''] = t(key, { organisation: '\u0000' }).split('\u0000');
    return html`${before}${bidiSafe(name)}${after}`;
  };
  const organisationClaims = released.filter((claim) => legalClaims.has(claim));
  const personClaims = released.filter((claim) => !legalClaims.has(claim));
  const country = displayClaimValue('eidas_country', subject.citizen.country, lang, t);
  const loa = t(`loa_${subject.citizen.loa}` as OidcMessage);
  res.setHeader('Content-Security-Policy', formPagePolicy([String(interaction.params.redirect_uri ?? '')], deps.https));
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page({
    title: t('consentTitle', { portal }),
    lang,
    path: `/interaction/${interaction.uid}`,
    body: html`<h1>${t('consentTitle', { portal })}</h1>
<p>${t('consentIntro', { country: typeof country === 'string' ? country : subject.citizen.country, loa })}</p>
${organisation ? html`<p class="notice" id="on-behalf-of">${aboutOrganisation('consentOnBehalfOf', organisation)}</p>` : ''}
<p>${released.length > 0 ? t('consentReceives', { portal }) : t('consentNothing', { portal })}</p>
${organisation && organisationClaims.length > 0 ? html`<h2>${aboutOrganisation('consentOrganisationClaims', organisation)}</h2>
<dl class="data">
${rows(organisationClaims)}
</dl>
<h2>${t('consentRepresentativeClaims')}</h2>` : ''}
<dl class="data">
${rows(personClaims)}
${row(t('claim_eidas_country'), country)}
${row(t('claim_acr'), loa)}
</dl>
<p class="muted">+ ${t('consentPseudonym')}</p>
${withEvidence ? html`<p class="notice">${t('consentEvidenceNext', { portal })}</p>` : ''}
<form method="post" action="/interaction/${interaction.uid}/consent">
<input type="hidden" name="_csrf" value="${csrfToken(deps.csrfSecret, interaction.uid, 'consent')}">
${withEvidence ? '' : html`<fieldset><legend>${t('consentRememberLegend')}</legend>
<label><input type="checkbox" name="remember" value="1"> ${t('consentRemember')}</label>
</fieldset>`}
<div class="actions">
<button type="submit" name="decision" value="share">${t('consentShare')}</button>
<button type="submit" name="decision" value="decline" class="secondary">${t('consentDecline')}</button>
</div>
</form>`,
  }));
}

