// The Events webview's HTML and CSP. Pure (no vscode import) so the browser test renders the
// very same page.
import { L10N_ELEMENT_ID, type L10nBundle, l10nScriptJson } from '../../protocol/l10n';

/** EventsHtmlOptions are the resource URIs (already webview URIs) and the CSP source. */
export interface EventsHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
  /** The page's strings (vscode.l10n.bundle; absent or empty: English). */
  l10n?: L10nBundle;
  /** The page's title (default "Kube Events"). */
  title?: string;
}

/** contentSecurityPolicy is the webview's CSP: nothing but our nonce'd script, styles, fonts. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** newNonce returns 32 random base64url characters (a fresh one per render). */
export function newNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}

function attr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * renderEventsHtml builds the page: stylesheets, the strings as inert JSON (a non-executable
 * script type: CSP is not involved, and the page reads it before building its controls), an
 * empty body and the nonce'd script.
 */
export function renderEventsHtml(o: EventsHtmlOptions): string {
  const styles = o.styleUris.map((u) => `<link rel="stylesheet" href="${attr(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, o.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${attr(o.title ?? 'Kube Events')}</title>
  </head>
  <body>
    <script type="application/json" id="${L10N_ELEMENT_ID}">${l10nScriptJson(o.l10n ?? {})}</script>
    <script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
  </body>
</html>`;
}
