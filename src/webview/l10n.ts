// The webview's strings: `t(message, ...args)` answers as `vscode.l10n.t` does on the host, from
// the bundle the host put in the page (src/protocol/l10n.ts). scripts/l10n-export.ts collects
// every `t('…')` call of src/webview into l10n/bundle.l10n.json.
import { formatMessage, type Localizer } from '../core/util/l10n';
import { isL10nBundle, L10N_ELEMENT_ID, type L10nBundle } from '../protocol/l10n';

let bundle: L10nBundle = {};

/**
 * t returns `message` in the user's language, `{0}`, `{1}`… filled with `args`: the bundle's
 * translation, else the English message itself. Rendered cluster text is an argument, never a
 * message.
 */
export function t(message: string, ...args: (string | number | boolean)[]): string {
  const translated = Object.hasOwn(bundle, message) ? bundle[message]! : message;
  return formatMessage(translated, args);
}

/** webviewL10n is `t` as core's Localizer (for the phrases core builds, e.g. group summaries). */
export const webviewL10n: Localizer = { t };

/** setL10nBundle replaces the bundle `t` reads (an invalid one is refused: English stays). */
export function setL10nBundle(next: unknown): boolean {
  if (!isL10nBundle(next)) return false;
  bundle = next;
  return true;
}

/**
 * loadL10nBundle reads the bundle from the page's `#kube-events-l10n` JSON element, before the
 * page builds its controls. A missing, malformed or oversized bundle leaves English.
 */
export function loadL10nBundle(doc: Document): boolean {
  const text = doc.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return false;
  try {
    return setL10nBundle(JSON.parse(text));
  } catch {
    return false;
  }
}
