/**
 * The pages' Content-Security-Policy: scripts and styles from the site's own files only — no inline script, inline
 * event handler (`onclick=`), `eval`, inline `<style>` or `style=` attribute (web/README.md; issue 22) — no plugins,
 * no `<base>`, and no framing. `data:` images are the favicon stub. CloudFront sends the same policy (infra/stacks/web-stack.ts).
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
