/**
 * redactSecrets removes what looks like a credential from text that came from outside (an exec
 * plugin's stderr, an OIDC issuer's error): bearer/basic values, `user:password@` in URLs,
 * `token`/`password`/`secret`-named fields in JSON, YAML or key=value form, and JWT-shaped
 * strings. Defence in depth: such text should not hold credentials, but plugins do echo them.
 */
const RULES: readonly [RegExp, string][] = [
  // Authorization schemes.
  [/\b(bearer|basic)(\s+)[^\s"',;]+/gi, '$1$2<redacted>'],
  // userinfo in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1<redacted>@'],
  // JWTs (three base64url segments, the first a JSON header).
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '<redacted-jwt>'],
  // "token": "x", token=x, password: x, client_secret=x ...
  [
    /\b([\w-]*(?:token|password|passwd|secret|credential|api[_-]?key)[\w-]*)("?\s*[:=]\s*"?)[^\s"',;&]+/gi,
    '$1$2<redacted>',
  ],
  // "refresh token X", "password X": a long token-like word after the name.
  [/\b((?:token|password|passwd|secret)\s+)[\w.~+/=-]{12,}/gi, '$1<redacted>'],
];

/** redactSecrets returns `text` with every credential-shaped part replaced by `<redacted>`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
