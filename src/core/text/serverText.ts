import { redactSecrets } from './redact';
import { type SanitizeOptions, sanitizeFor, type TextPlace } from './sanitize';

/**
 * serverText prepares text a server, a proxy, an exec plugin or a kubeconfig supplied (an
 * error or status message, a server URL) for one place: credentials redacted first (see
 * redactSecrets), then sanitised and capped for the place (see sanitizeFor). Use it for every
 * status, tooltip and notification that may echo a server's answer. Never throws.
 */
export function serverText(text: unknown, place: TextPlace | SanitizeOptions): string {
  const s = typeof text === 'number' || typeof text === 'boolean' ? String(text) : text;
  return sanitizeFor(redactSecrets(s), place);
}
