import type { DemoAuthority } from './authorities.js';
import { documentKinds } from './documents.js';
import { demoPage, html, lines } from './html.js';
import { evidenceRequestPath, issuerMetadataPath } from './protocol.js';
import type { DemoRecord } from './records.js';

/** A human-readable page per authority: what it issues, where its keys are, whose demo records it holds. */
export function authorityIndexPage(authority: DemoAuthority, issuer: string, records: readonly DemoRecord[]): string {
  const types = lines(authority.evidenceTypes.map((type) => {
    const kind = documentKinds[type];
    return html`<tr><td><code>${type}</code></td><td lang="${authority.lang}">${kind.nationalTitle[authority.country]}</td><td>${kind.titleEn}</td><td><code>${kind.vct}</code></td></tr>`;
  }));
  const holders = lines(records.map((r) => {
    const held = authority.evidenceTypes.filter((t) => r.documents[t]).join(', ');
    return html`<tr><td>${r.givenName} ${r.familyName}</td><td><code>${r.personIdentifier}</code></td><td>${held}</td></tr>`;
  }));
  return demoPage(authority.name.en, authority.lang, html`
<h1 lang="${authority.lang}">${authority.name.national}</h1>
<p>${authority.name.en} · country ${authority.country} · minimum level of assurance <strong>${authority.minimumLoa}</strong></p>
<p class="note">Demo issuing authority: every record here is invented. It answers only signed, explicit evidence requests from Passerelle.</p>
<h2>Documents issued</h2>
<table><tr><th>Type</th><th>National document</th><th>English</th><th>SD-JWT VC type</th></tr>
${types}</table>
<h2>Endpoints</h2>
<ul>
<li>Credential issuer: <code>${issuer}</code></li>
<li>Issuer keys: <a href="${issuer + issuerMetadataPath}"><code>${issuerMetadataPath}</code></a></li>
<li>Evidence requests: <code>POST ${evidenceRequestPath}</code> (a signed <code>evidence-request+jwt</code>, see docs/evidence-authorities.md)</li>
</ul>
<h2>Demo records</h2>
<table><tr><th>Person</th><th>eIDAS identifier</th><th>Documents on record</th></tr>
${holders}</table>`);
}

/** The app's root: links to the four authorities. */
export function rootIndexPage(authorities: ReadonlyArray<{ authority: DemoAuthority; issuer: string }>): string {
  const items = lines(authorities.map(({ authority, issuer }) =>
    html`<li><a href="${issuer}/">${authority.name.en}</a> · <span lang="${authority.lang}">${authority.name.national}</span></li>`));
  return demoPage('Demo issuing authorities', 'en', html`<h1>Demo issuing authorities</h1>
<p class="note">Invented authorities holding invented records, for the Passerelle demo.</p><ul>${items}</ul>`);
}
