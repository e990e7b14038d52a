import { html, type SafeHtml } from './html.js';

/**
 * A table that may be wider than the page column: it scrolls sideways inside its own
 * region, which takes keyboard focus (arrow keys scroll it) and is named for screen readers,
 * instead of pushing the whole page wider than the screen. `wide` tables (many columns)
 * keep a readable minimum width and scroll on small screens rather than squeezing every
 * cell to one word per line.
 */
export function scrollableTable(label: string, table: SafeHtml, options: { wide?: boolean } = {}): SafeHtml {
  return html`<div class="table-scroll${options.wide ? ' wide' : ''}" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
