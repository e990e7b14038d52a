import { splitBidiControls } from '../core/bidi-controls.js';
import { html, type SafeHtml } from './html.js';

/**
 * A name or other upstream text as a page shows it: isolated from the surrounding text (`<bdi dir="auto">`,
 * so a right-to-left name cannot reorder the label or punctuation next to it) and with every bidirectional
 * formatting character replaced by a visible mark (`[U+202E RLO]`), so what the citizen or official reads is
 * the order in which the text is stored and sent.
 */
export function bidiSafe(value: string): SafeHtml {
  const parts = splitBidiControls(value).map((part) => ('text' in part ? part.text : html`<span class="bidi-control">[${part.label}]</span>`));
  return html`<bdi dir="auto">${parts}</bdi>`;
}
