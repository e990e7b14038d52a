import { demoPage, html } from './html.js';

/**
 * The demo operator's privacy notice and accessibility statement, which the demo configuration's
 * `operator` block links from every Passerelle page. Served here because the demo has no
 * operator website of its own; a deployment links its real documents.
 */
export const operatorPages: Record<string, string> = {
  privacy: demoPage('Privacy notice (demo)', 'en', html`<h1>Privacy notice (demo)</h1>
<p class="note">A demo text: a real operator publishes its own notice and configures its address as <code>operator.privacyNotice</code>.</p>
<p>Passerelle processes your identity data from your national eID only to log you in to the service you chose, and the documents you request
only to show them to you and to share them with the service you consent to, for as long as you choose (GDPR Art. 6(1)(a)).
Everything is listed, with every access, on your Passerelle page (/me), where you can withdraw consent and delete documents.</p>`),
  accessibility: demoPage('Accessibility statement (demo)', 'en', html`<h1>Accessibility statement (demo)</h1>
<p class="note">A demo text: a real operator publishes its own statement and configures its address as <code>operator.accessibilityStatement</code>.</p>
<p>Passerelle's pages aim at WCAG 2.1 AA: they work without JavaScript, by keyboard and with screen readers, in every page language, and are
checked with axe-core in automated tests.</p>`),
};
