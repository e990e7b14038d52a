import type { Request, Response } from 'express';
import { html, isolatedName, type Markup } from './html.js';
import type { PortalContext } from './portal-context.js';
import type { LoggedInUser, PortalSession } from './session.js';
import { loaLabel, regionName, type PortalTexts } from './texts.js';

export interface HomeView {
  lang: string;
  texts: PortalTexts;
  user: LoggedInUser;
  session: PortalSession;
}

/** A section a portal extension adds under the citizen's data (e.g. the evidence request). */
export type HomeSection = (view: HomeView) => Markup;

function formattedAddress(value: unknown): string | undefined {
  const address = value as { formatted?: unknown } | undefined;
  return typeof address?.formatted === 'string' ? address.formatted : undefined;
}

function userData(view: HomeView): Markup {
  const { texts: t, lang } = view;
  const claims = { ...view.user.claims, ...view.user.userinfo };
  const names = [claims.given_name, claims.family_name].filter((n): n is string => typeof n === 'string' && n !== '');
  const rows: Array<[string, Markup | string | undefined]> = [
    [t.fieldName, names.length > 0 ? html`${names.map((n, i) => html`${i > 0 ? ' ' : ''}${isolatedName(n)}`)}` : undefined],
    [t.fieldBirthdate, claims.birthdate as string | undefined],
    [t.fieldCountry, typeof claims.eidas_country === 'string' ? regionName(claims.eidas_country, lang) : undefined],
    [t.fieldLoa, loaLabel(view.user.claims.acr, t)],
    [t.fieldBirthName, typeof claims.birth_family_name === 'string' ? isolatedName(claims.birth_family_name) : undefined],
    [t.fieldNationality, Array.isArray(claims.nationalities) ? claims.nationalities.map((c) => regionName(String(c), lang)).join(', ') : undefined],
    [t.fieldAddress, formattedAddress(claims.address)],
    [t.fieldIdentifier, claims.eidas_person_identifier as string | undefined],
    [t.fieldSubject, String(claims.sub)],
  ];
  return html`<dl class="data">${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** For a login on behalf of an organisation: the organisation's claims, above the representative's. */
function organisationData(view: HomeView): Markup {
  const claims = { ...view.user.claims, ...view.user.userinfo };
  const t = view.texts.organisation;
  if (!t || typeof claims.legal_name !== 'string') return html``;
  const rows: Array<[string, Markup | string | undefined]> = [
    [t.fieldName, isolatedName(claims.legal_name)],
    [t.fieldIdentifier, claims.legal_person_identifier as string | undefined],
    [t.fieldVat, claims.vat_registration_number as string | undefined],
    [t.fieldLei, claims.lei as string | undefined],
    [t.fieldAddress, formattedAddress(claims.legal_address)],
  ];
  return html`<dl class="data" id="organisation">${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h2>${t.representative}</h2>`;
}

/** GET /: the service's start page, or who is logged in (name, birth date, country, LoA). */
export function homeRoute(portal: PortalContext, sections: readonly HomeSection[]) {
  return (req: Request, res: Response): void => {
    const lang = portal.language(req, res);
    const t = portal.texts(req, res);
    const session = portal.sessions.get(req);
    const user = session?.user;
    if (!session || !user) {
      const hint = portal.theme.countryHint;
      portal.render(req, res, t.title, html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<div class="actions">
<a class="button" href="/login">${t.loginButton}</a>
${hint ? html`<a class="button secondary" href="/login?country=${hint}">${t.hintButton.replace('{country}', regionName(hint, lang))}</a>` : ''}
</div>
${t.organisation ? html`<p>${t.organisation.intro}</p>
<div class="actions"><a class="button secondary" href="/login?for=organisation">${t.organisation.button}</a></div>` : ''}`);
      return;
    }
    const view: HomeView = { lang, texts: t, user, session };
    const [beforeName, afterName] = t.welcome.split('{name}');
    const name = isolatedName(String(user.userinfo.given_name ?? user.claims.sub));
    // The portal's steps (evidence about the family) are for private applicants, not organisations.
    const forOrganisation = typeof user.userinfo.legal_name === 'string';
    portal.render(req, res, t.title, html`<h1>${beforeName}${name}${afterName}</h1>
<p>${t.loggedInIntro}</p>
${organisationData(view)}
${userData(view)}
${forOrganisation ? '' : sections.length > 0 ? sections.map((section) => section(view)) : html`<p class="notice">${t.nextSteps}</p>`}
<div class="actions"><a class="button secondary" href="/logout">${t.logout}</a></div>`);
  };
}
