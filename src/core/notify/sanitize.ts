import { redactSecrets } from '../text/redact';
import { notificationText, TEXT_LIMITS } from '../text/sanitize';

/** MAX_MESSAGE_LENGTH is the longest notification text, in code points, ellipsis included. */
export const MAX_MESSAGE_LENGTH: number = TEXT_LIMITS.notification;

/**
 * sanitizeText makes cluster-supplied text safe to show as a plain-text notification, with the
 * one sanitizer and redactor of core/text: credentials redacted (redactSecrets); bidi,
 * zero-width, C1 and U+2028/2029 shown as `<U+XXXX>`, other C0 controls as Control Pictures,
 * tab/CR/LF as spaces, lone surrogates as U+FFFD (sanitizeFor); the `](` of markdown-style links
 * broken up (`] (`) so no link can be smuggled in; whitespace runs collapsed to one space; and
 * text longer than `maxLength` code points cut with an ellipsis ("…") without splitting a
 * surrogate pair. Never throws; non-strings yield "".
 */
export function sanitizeText(text: unknown, maxLength = MAX_MESSAGE_LENGTH): string {
  if (typeof text !== 'string') return '';
  // 2 units per code point at most: the cleaned text still holds maxLength code points.
  return truncate(notificationText(redactSecrets(text), maxLength * 2 + 1), maxLength);
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
