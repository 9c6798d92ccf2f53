/**
 * sanitize: the one sanitizer for cluster text shown anywhere (webview rows, chips and tooltips,
 * tree labels and tooltips, describe documents, notifications, the status bar, the log). Pure;
 * no vscode, no DOM, no Node, so every layer (the webview bundle included) imports it.
 *
 * What it does, in every place, so a user reads what the text is and not what it pretends:
 * - Bidi controls (U+202A-202E, U+2066-2069, U+200E/200F, U+061C), zero-width and invisible
 *   format characters (U+200B-200D, U+2060-2064, U+206A-206F, U+FEFF, U+FFF9-FFFB), C1 controls
 *   (U+0080-009F) and the line/paragraph separators U+2028/2029 are made VISIBLE as `<U+XXXX>`
 *   (never removed: removing `\u202E` from "file\u202Egnp.exe" would still hide that the name
 *   was crafted). The escape is plain ASCII and cannot itself reorder or hide text.
 * - C0 controls and DEL become their Control Pictures (U+2400-241F, U+2421: `\u0000` shows as
 *   "␀", ESC as "␛"), except tab and newline in a multi-line place; in a one-line place tab,
 *   CR and LF become a space.
 * - Lone surrogates become U+FFFD.
 * - The text is cut to the place's maximum length (UTF-16 units, never inside a surrogate pair)
 *   with "…" at the end. Work is bounded by the maximum: a 100 MB string costs no more than
 *   a string of the maximum length.
 * Never throws; a non-string yields "" (numbers and booleans are shown as themselves).
 */

/** TEXT_LIMITS is the longest text (UTF-16 units, ellipsis included) each place shows. */
export const TEXT_LIMITS = {
  /** A one-line cell of a webview row (message, object, reason...). */
  rowCell: 1000,
  /** The expanded message of a webview row. */
  rowExpanded: 100_000,
  /** A filter chip's label. */
  chip: 120,
  /** A hover tooltip (webview title attribute, tree item tooltip). */
  tooltip: 2000,
  /** A tree item's label or description. */
  treeLabel: 200,
  /** A notification (see notificationText). */
  notification: 300,
  /** The status bar text. */
  statusBar: 100,
  /** A cell of a describe table that is padded to align the next column. */
  describeColumn: 256,
  /** The Reason column of a describe Events table. */
  describeReason: 128,
  /** A describe line's last cell (e.g. an event message): never padded, still bounded. */
  describeLastCell: 4096,
  /** One line of the output-channel log. */
  logLine: 16_384,
} as const;

export type TextPlace = keyof typeof TEXT_LIMITS;

/** SanitizeOptions: the maximum length, and whether `\n` and `\t` are kept (multi-line place). */
export interface SanitizeOptions {
  max: number;
  multiline?: boolean;
}

// Everything that is replaced in some place. A fast test first: most text has none of it.
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/;
const UNSAFE_ALL =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ud800-\udbff][\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/** visibleEscape is the `<U+XXXX>` form of a character. */
export function visibleEscape(c: string): string {
  return `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

function replacement(c: string, multiline: boolean): string {
  if (c.length === 2) return c; // a valid surrogate pair: kept as is
  const code = c.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  if (code === 0x0a || code === 0x09) return multiline ? c : ' ';
  if (code === 0x0d) return multiline ? '\u240d' : ' ';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return visibleEscape(c);
}

/** cut shortens `text` to at most `max` units ending in "…", never splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * sanitizeFor makes `text` safe to show in one place (see the file comment). `place` is a
 * TextPlace (its TEXT_LIMITS maximum, one line) or explicit options.
 */
export function sanitizeFor(text: unknown, place: TextPlace | SanitizeOptions): string {
  const { max, multiline = false } = typeof place === 'string' ? { max: TEXT_LIMITS[place] } : place;
  const s =
    typeof text === 'string'
      ? text
      : typeof text === 'number' || typeof text === 'boolean'
        ? String(text)
        : '';
  // Bound the work first (one unit more than max, so cut still marks the cut), then escape and
  // cut again: escapes make the text longer, never shorter.
  const head = s.length > max + 1 ? s.slice(0, max + 1) : s;
  if (!UNSAFE.test(head)) return cut(head, max);
  // Replacements are never shorter than what they replace, so a cut input still gets its "…".
  return cut(
    head.replace(UNSAFE_ALL, (c) => replacement(c, multiline)),
    max,
  );
}

/** visibleText is sanitizeFor without a length cap (the caller bounds the input). One line unless `multiline`. */
export function visibleText(text: string, multiline = false): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (c) => replacement(c, multiline));
}

/** hasUnsafeText reports whether `text` holds anything sanitizeFor would change (except length). */
export function hasUnsafeText(text: string): boolean {
  if (!UNSAFE.test(text)) return false;
  return visibleText(text, true) !== text;
}

// VS Code turns `[label](target)` in notification text into a link (command: links included).
const LINK_OPENER = /\]\s*\(/g;

/**
 * notificationText is sanitizeFor for a plain-text notification or status-bar message: one
 * line, whitespace runs collapsed to one space, the `](` of markdown-style links broken up
 * (`] (`) so no command link can be smuggled in, cut to `max` (default TEXT_LIMITS.notification).
 */
export function notificationText(text: unknown, max: number = TEXT_LIMITS.notification): string {
  const line = sanitizeFor(text, { max: Math.max(max * 4, 64) });
  return cut(line.replace(LINK_OPENER, '] (').replace(/\s+/g, ' ').trim(), max);
}
