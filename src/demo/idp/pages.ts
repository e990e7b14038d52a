import { loaRank, type Loa } from '../../core/loa.js';
import { citizenByKey, citizensOf } from '../citizens.js';
import { companiesOf } from '../companies.js';
import { certifiedLevels, defaultLevel, type DemoIdpCountry } from './countries.js';
import { documentPage, html, Markup } from './html.js';

const stylesheet = '/static/idp.css';

function header(country: DemoIdpCountry): Markup {
  return html`<header><h1>${country.texts.title}</h1><p lang="${country.lang}">${country.name} · ${country.texts.demoNotice}</p></header>`;
}

export interface LoginPageInput {
  country: DemoIdpCountry;
  loginId: string;
  requester: string;
  minimumLoa: Loa;
  requestedAttributes: readonly string[];
  /** The request asks for a legal person: offer the country's companies, each with its representative. */
  legalPerson?: boolean;
}

/** The login page: demo citizens as buttons, a LoA choice, a cancel button. No script, no inline style. */
export function loginPage(input: LoginPageInput): string {
  const { country, texts } = { country: input.country, texts: input.country.texts };
  const citizens = input.legalPerson
    ? companiesOf(country.code).map((c) => {
      const representative = citizenByKey(c.representative)!;
      return html`<li><button type="submit" name="company" value="${c.key}">
<span>${c.legalName}</span>
<span class="details">${representative.givenName} ${representative.familyName} · ${c.vatRegistrationNumber} · ${c.address.postName ?? ''}</span></button></li>`;
    })
    : citizensOf(country.code).map((c) => html`<li><button type="submit" name="citizen" value="${c.key}">
<span>${c.givenName} ${c.familyName}</span>
<span class="details">${c.dateOfBirth} · ${c.placeOfBirth} · ${c.address.postName ?? ''}</span></button></li>`);
  // Only the levels its eID means are certified for; when the request asks for more, all are below it.
  const preselected = defaultLevel(country, input.minimumLoa);
  const loas = certifiedLevels(country).map((loa) => {
    const id = `loa-${loa}`;
    const below = loaRank(loa) < loaRank(input.minimumLoa) ? html` (${texts.belowMinimum})` : '';
    return html`<div><input type="radio" id="${id}" name="loa" value="${loa}"${loa === preselected ? new Markup(' checked') : ''}>
<label for="${id}">${texts.loaNames[loa]}${below}</label></div>`;
  });
  const attributes = input.requestedAttributes.length > 0
    ? html`<p class="notice">${input.requestedAttributes.join(', ')}</p>` : '';
  const body = html`${header(country)}
<main id="main">
<p>${texts.intro}</p>
<p><strong>${texts.requester}:</strong> ${input.requester}</p>
${attributes}
<form method="post" action="/${country.path}/login">
<input type="hidden" name="login" value="${input.loginId}">
<fieldset><legend>${texts.loaLegend}</legend>${loas}</fieldset>
<fieldset><legend>${input.legalPerson ? texts.chooseCompany : texts.chooseCitizen}</legend><ul class="citizens">${citizens}</ul></fieldset>
<div class="actions"><button type="submit" name="cancel" value="1" class="secondary">${texts.cancel}</button>
<button type="submit" name="fail" value="1" class="secondary">${texts.simulateFailure}</button></div>
</form>
</main>`;
  return documentPage({ lang: country.lang, title: texts.title, body, stylesheet });
}

/**
 * The IdP's own page (`/it`, `/de`, …), linked from README and docs/demo.md: what it is, its
 * demo citizens and its metadata. A login itself always starts from Passerelle.
 */
export function countryHomePage(country: DemoIdpCountry): string {
  const metadata = `/${country.path}/metadata`;
  const citizens = citizensOf(country.code).map((c) => html`<li>${c.givenName} ${c.familyName} <span class="details">${c.dateOfBirth} · ${c.placeOfBirth}</span></li>`);
  const body = html`${header(country)}
<main id="main">
<p lang="en">This demo national identity provider answers Passerelle's eIDAS login requests for ${country.code}. To log in, start at a demo portal
(e.g. the Bremerhaven kindergarten application) and choose this country on Passerelle's country page: Passerelle sends you here.</p>
<h2>${country.texts.chooseCitizen}</h2>
<ul class="citizens">${citizens}</ul>
<p lang="en">SAML metadata: <a href="${metadata}">${metadata}</a></p>
</main>`;
  return documentPage({ lang: country.lang, title: country.texts.title, body, stylesheet });
}

/** A readable refusal: the reason in English plus the country's own heading, never any XML. */
export function errorPage(country: DemoIdpCountry | undefined, message: string, code: string): string {
  const lang = country?.lang ?? 'en';
  const body = html`${country ? header(country) : html`<header><h1>Demo national IdPs</h1></header>`}
<main id="main"><div class="error" role="alert">
<h2>${country?.texts.errorTitle ?? 'Request refused'}</h2>
<p lang="en">${message}</p>
<p class="notice">Error code: <code>${code}</code></p></div></main>`;
  return documentPage({ lang, title: country?.texts.errorTitle ?? 'Request refused', body, stylesheet });
}

/** The HTTP-POST binding: a form posted at once by a nonce'd script, or by hand without JavaScript. */
export function autoPostPage(country: DemoIdpCountry, action: string, fields: Record<string, string>, nonce: string): string {
  const inputs = Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const body = html`${header(country)}
<main id="main"><form method="post" action="${action}" id="saml-post">${inputs}
<noscript><p>JavaScript is off: press the button to return to the service.</p></noscript>
<button type="submit">${country.texts.continueLabel}</button></form></main>`;
  return documentPage({
    lang: country.lang, title: country.texts.continueLabel, body, stylesheet,
    script: { nonce, source: "document.getElementById('saml-post').submit();" },
  });
}

export function indexPage(countries: readonly DemoIdpCountry[], baseUrl: string): string {
  const items = countries.map((c) => html`<li><span lang="${c.lang}">${c.name}</span> (${c.code}):
<a href="${`${baseUrl}/${c.path}/metadata`}">${`${baseUrl}/${c.path}/metadata`}</a></li>`);
  const body = html`<header><h1>Demo national identity providers</h1></header>
<main id="main"><p>Each country's IdP starts from a SAML AuthnRequest sent by Passerelle. Metadata:</p><ul>${items}</ul></main>`;
  return documentPage({ lang: 'en', title: 'Demo national identity providers', body, stylesheet });
}
