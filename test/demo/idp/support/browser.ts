/** Drives the demo IdP's pages over real HTTP, as a browser without JavaScript would. */

export function unescapeHtml(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface Page {
  status: number;
  html: string;
  headers: Headers;
}

export async function get(url: string): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

export async function postForm(url: string, fields: Record<string, string>): Promise<Page> {
  const response = await fetch(url, { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields) });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The hidden login handle of the login page. */
export function loginIdOf(page: Page): string {
  const match = /<input type="hidden" name="login" value="([^"]+)">/.exec(page.html);
  if (!match) throw new Error(`no login form in page (status ${page.status})`);
  return unescapeHtml(match[1]!);
}

export interface AutoPostForm {
  action: string;
  fields: Record<string, string>;
}

export function autoPostFormOf(page: Page): AutoPostForm {
  const form = /<form method="post" action="([^"]+)" id="saml-post">/.exec(page.html);
  if (!form) throw new Error(`no auto-post form in page (status ${page.status}): ${page.html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of page.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = unescapeHtml(m[2]!);
  return { action: unescapeHtml(form[1]!), fields };
}
