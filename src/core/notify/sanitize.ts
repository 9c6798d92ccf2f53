/** MAX_MESSAGE_LENGTH is the longest notification text, in code points, ellipsis included. */
export const MAX_MESSAGE_LENGTH = 300;

// C0 and C1 control characters and DEL (newlines and tabs included: a notification is one line).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides U+202A-U+202E, isolates U+2066-U+2069, and the invisible marks
// LRM, RLM and ALM: they can make displayed text read differently from what it is.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// VS Code turns `[label](target)` in notification text into a link (command: links included).
const LINK_OPENER = /\]\s*\(/g;

/**
 * sanitizeText makes cluster-supplied text safe to show as a plain-text notification: control
 * characters become spaces, bidi controls are removed, lone surrogates become U+FFFD, the
 * `](` of markdown-style links is broken up (`] (`) so no link can be smuggled in, whitespace
 * runs collapse to one space, and text longer than `maxLength` code points is cut with an
 * ellipsis ("…") without splitting a surrogate pair. Never throws; non-strings yield "".
 */
export function sanitizeText(text: unknown, maxLength = MAX_MESSAGE_LENGTH): string {
  if (typeof text !== 'string') return '';
  const clean = text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(CONTROL, ' ')
    .replace(BIDI, '')
    .replace(LINK_OPENER, '] (')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(clean, maxLength);
}

/** truncate cuts `text` to at most `maxLength` code points, ending in "…" when it cut. */
export function truncate(text: string, maxLength = MAX_MESSAGE_LENGTH): string {
  if (text.length <= maxLength) return text;
  const points = Array.from(text);
  if (points.length <= maxLength) return text;
  if (maxLength <= 1) return '…'.slice(0, Math.max(0, maxLength));
  return (
    points
      .slice(0, maxLength - 1)
      .join('')
      .trimEnd() + '…'
  );
}
