/** What a person reads: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(markup: string): string {
  return markup.replace(/<br>/g, '\n').replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** The rows of the table that holds `marker` (its caption, say) or else follows it, each as its cells' texts. */
export function tableAfter(markup: string, marker: string): string[][] {
  const at = markup.indexOf(marker);
  if (at < 0) throw new Error(`no "${marker}" on the page`);
  const opened = markup.lastIndexOf('<table>', at);
  const from = opened >= 0 && markup.indexOf('</table>', opened) > at ? opened : at;
  const table = /<table>([\s\S]*?)<\/table>/.exec(markup.slice(from));
  if (!table) throw new Error(`no table after "${marker}"`);
  return [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!)));
}
