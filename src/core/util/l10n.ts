/**
 * Localizer is how src/core (which never imports vscode) puts its user-facing phrases into the
 * user's language: `t(message, ...args)` returns `message` translated, with `{0}`, `{1}`... replaced
 * by the args. The English message is the key, exactly as in `vscode.l10n.t`, so the host passes
 * `vscode.l10n` itself and `scripts/l10n-export.mjs` finds every `l10n.t('...')` call in src, core
 * included. Text in kubectl's own format (describe output) is never passed through it.
 */
export interface Localizer {
  t(message: string, ...args: (string | number | boolean)[]): string;
}

/**
 * formatMessage replaces `{N}` in `message` with `args[N]` (as `vscode.l10n.t` does); a `{N}`
 * with no such argument is left as it is. An argument is inserted once, never re-scanned, so
 * cluster text containing `{0}` cannot pull in another argument.
 */
export function formatMessage(message: string, args: readonly (string | number | boolean)[]): string {
  if (args.length === 0) return message;
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? whole : String(v);
  });
}

/** englishL10n is the Localizer of the English source text (core's default, and unit tests'). */
export const englishL10n: Localizer = {
  t: (message, ...args) => formatMessage(message, args),
};
