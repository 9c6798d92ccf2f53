// The Events webview's strings: what the host hands the page so that it speaks the user's
// language. No vscode, no DOM: the host builds it, the page validates it.

/**
 * L10nBundle maps an English message (the key, as `vscode.l10n.t` uses it, `{0}` placeholders
 * included) to its translation. The host sends the bundle VS Code loaded for the extension
 * (`vscode.l10n.bundle`; empty in English), so the page's `t()` answers exactly as
 * `vscode.l10n.t` would. A message missing from it is shown in English.
 */
export type L10nBundle = Readonly<Record<string, string>>;

/** L10N_ELEMENT_ID is the id of the page's `<script type="application/json">` holding the bundle. */
export const L10N_ELEMENT_ID = 'kube-events-l10n';

/** L10N_LIMITS bound what the page accepts: the bundle is host text, but checked like any input. */
export const L10N_LIMITS = {
  entries: 5000,
  keyLength: 2000,
  valueLength: 4000,
} as const;

/**
 * isL10nBundle checks a parsed bundle: a plain object of at most L10N_LIMITS.entries string
 * entries, each key and value within its length bound. Anything else is refused whole.
 */
export function isL10nBundle(v: unknown): v is L10nBundle {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return false;
  const entries = Object.entries(v);
  if (entries.length > L10N_LIMITS.entries) return false;
  return entries.every(
    ([k, s]) =>
      k.length <= L10N_LIMITS.keyLength && typeof s === 'string' && s.length <= L10N_LIMITS.valueLength,
  );
}

/**
 * l10nScriptJson is the bundle as JSON safe inside a `<script type="application/json">` element:
 * `<`, `>`, `&` and U+2028/2029 are escaped, so no text can close the element or open a comment.
 */
export function l10nScriptJson(bundle: L10nBundle): string {
  return JSON.stringify(bundle).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
