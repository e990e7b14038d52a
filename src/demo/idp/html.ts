/** Page frame and stylesheet of the demo IdPs; templates come from the shared demo markup. */
import { html, Markup } from '../markup.js';

export { html, Markup };

export interface DocumentOptions {
  lang: string;
  title: string;
  body: Markup;
  stylesheet: string;
  script?: { nonce: string; source: string };
}

export function documentPage(options: DocumentOptions): string {
  const script = options.script ? html`<script nonce="${options.script.nonce}">${new Markup(options.script.source)}</script>` : '';
  return '<!doctype html>\n' + html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
<link rel="stylesheet" href="${options.stylesheet}">
</head>
<body>
${options.body}
${script}
</body>
</html>`.value;
}

/** The one stylesheet of the demo IdPs (served from /static/idp.css). */
export const idpStylesheet = `
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b1f23; line-height: 1.5; }
header { background: #1d3557; color: #fff; padding: 1rem 1.5rem; }
header h1 { margin: 0; font-size: 1.4rem; }
header p { margin: .25rem 0 0; }
main { max-width: 42rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem; border-radius: .5rem; }
fieldset { border: 1px solid #c9d1d9; border-radius: .375rem; margin: 1rem 0; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
ul.citizens { list-style: none; padding: 0; margin: 0; }
ul.citizens li { margin: .5rem 0; }
button { font: inherit; padding: .6rem 1rem; border-radius: .375rem; border: 1px solid #1d3557; background: #1d3557; color: #fff; cursor: pointer; text-align: left; width: 100%; }
button.secondary { background: #fff; color: #1d3557; width: auto; }
button:focus-visible, input:focus-visible { outline: 3px solid #f4a261; outline-offset: 2px; }
.details { display: block; font-size: .9rem; opacity: .85; }
.notice { font-size: .9rem; color: #57606a; }
.error { border-left: 4px solid #c62828; padding-left: 1rem; }
`;
