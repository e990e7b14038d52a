function unescapeHtml(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Where a page's instant `<meta http-equiv="refresh" content="0; url=…">` leads: Passerelle's
 * continue pages (after the ACS), which a browser follows on its own.
 */
export function instantRefreshTarget(body: string): string | undefined {
  const match = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(body);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** The "continue" link of a page that explains an exit (level too low, IdP failure, expiry) before the portal. */
export function continueLink(body: string): string | undefined {
  const match = /<a class="button" id="continue" href="([^"]+)">/.exec(body);
  return match ? unescapeHtml(match[1]!) : undefined;
}
