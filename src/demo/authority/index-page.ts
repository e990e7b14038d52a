import type { DemoAuthority } from './authorities.js';
import { documentKinds } from './documents.js';
import { demoPage, escapeHtml } from './html.js';
import { evidenceRequestPath, issuerMetadataPath } from './protocol.js';
import type { DemoRecord } from './records.js';

/** A human-readable page per authority: what it issues, where its keys are, whose demo records it holds. */
export function authorityIndexPage(authority: DemoAuthority, issuer: string, records: readonly DemoRecord[]): string {
  const types = authority.evidenceTypes.map((type) => {
    const kind = documentKinds[type];
    return `<tr><td><code>${escapeHtml(type)}</code></td><td lang="${escapeHtml(authority.lang)}">${escapeHtml(kind.nationalTitle[authority.country])}</td><td>${escapeHtml(kind.titleEn)}</td><td><code>${escapeHtml(kind.vct)}</code></td></tr>`;
  }).join('\n');
  const holders = records.map((r) => {
    const held = authority.evidenceTypes.filter((t) => r.documents[t]).join(', ');
    return `<tr><td>${escapeHtml(r.givenName)} ${escapeHtml(r.familyName)}</td><td><code>${escapeHtml(r.personIdentifier)}</code></td><td>${escapeHtml(held)}</td></tr>`;
  }).join('\n');
  return demoPage(authority.name.en, authority.lang, `
<h1 lang="${escapeHtml(authority.lang)}">${escapeHtml(authority.name.national)}</h1>
<p>${escapeHtml(authority.name.en)} · country ${escapeHtml(authority.country)} · minimum level of assurance <strong>${escapeHtml(authority.minimumLoa)}</strong></p>
<p class="note">Demo issuing authority: every record here is invented. It answers only signed, explicit evidence requests from Passerelle.</p>
<h2>Documents issued</h2>
<table><tr><th>Type</th><th>National document</th><th>English</th><th>SD-JWT VC type</th></tr>
${types}</table>
<h2>Endpoints</h2>
<ul>
<li>Credential issuer: <code>${escapeHtml(issuer)}</code></li>
<li>Issuer keys: <a href="${escapeHtml(issuer + issuerMetadataPath)}"><code>${escapeHtml(issuerMetadataPath)}</code></a></li>
<li>Evidence requests: <code>POST ${escapeHtml(evidenceRequestPath)}</code> (a signed <code>evidence-request+jwt</code>, see docs/evidence-authorities.md)</li>
</ul>
<h2>Demo records</h2>
<table><tr><th>Person</th><th>eIDAS identifier</th><th>Documents on record</th></tr>
${holders}</table>`);
}

/** The app's root: links to the four authorities. */
export function rootIndexPage(authorities: ReadonlyArray<{ authority: DemoAuthority; issuer: string }>): string {
  const items = authorities.map(({ authority, issuer }) =>
    `<li><a href="${escapeHtml(issuer)}/">${escapeHtml(authority.name.en)}</a> · <span lang="${escapeHtml(authority.lang)}">${escapeHtml(authority.name.national)}</span></li>`).join('\n');
  return demoPage('Demo issuing authorities', 'en', `<h1>Demo issuing authorities</h1>
<p class="note">Invented authorities holding invented records, for the Passerelle demo.</p><ul>${items}</ul>`);
}
