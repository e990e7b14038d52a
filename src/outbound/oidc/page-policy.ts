/**
 * Content-Security-Policy for OP pages whose forms end in a redirect to a portal. Browsers
 * apply `form-action` to every redirect that follows a form submission, so the consent
 * form (→ /oidc/auth/… → the portal's redirect URI) and the logout form (→ the portal's
 * post-logout URI) must name those origins. Everything else stays as strict as the
 * site-wide policy in src/web/security.ts.
 */
export function formPagePolicy(targets: Iterable<string>, https: boolean): string {
  const origins = new Set<string>();
  for (const target of targets) {
    try {
      origins.add(new URL(target).origin);
    } catch {
      // An unparsable target cannot be a form destination; leave it out.
    }
  }
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", `form-action 'self'${[...origins].map((o) => ' ' + o).join('')}`,
    "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
