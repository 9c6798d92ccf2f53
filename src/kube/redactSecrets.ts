/**
 * redactSecrets removes what looks like a credential from text that came from outside (an exec
 * plugin's stderr, an OIDC issuer's error): bearer/basic values, `user:password@` in URLs,
 * `token`/`password`/`secret`-named fields in JSON, YAML or key=value form, and JWT-shaped
 * strings. Defence in depth: such text should not hold credentials, but plugins do echo them.
 * Linear time: every pattern starts only at the beginning of a run of its characters (a
 * lookbehind), so no run is rescanned from each of its positions.
 */
const SECRET_NAME = /token|password|passwd|secret|credential|api[_-]?key/i;

const RULES: readonly [RegExp, string][] = [
  // Authorization schemes.
  [/(?<![\w-])(bearer|basic)(\s+)[^\s"',;]+/gi, '$1$2<redacted>'],
  // userinfo in URLs.
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1<redacted>@'],
  // JWTs (three base64url segments, the first a JSON header).
  [/(?<![\w-])eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '<redacted-jwt>'],
  // "refresh token X", "password X": a long token-like word after the name.
  [/(?<![\w-])((?:token|password|passwd|secret)[ \t]+)[\w.~+/=-]{12,}/gi, '$1<redacted>'],
];

/** KEY finds `name:` / `name=` / `"name": "` (a key and its separator). */
const KEY = /(?<![\w-])([\w-]+)"?[ \t]*[:=][ \t]*"?/g;
const VALUE_END = /[\s"',;&]/;

/**
 * redactFields replaces the value after every secret-named key (`"token": "x"`, `token=x`,
 * `password: x`, `client_secret=x`). A scan, not one regex, so that the value of an ordinary
 * key (`error: refresh_token=x`) does not hide a secret key inside it.
 */
function redactFields(text: string): string {
  let out = '';
  let copied = 0;
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m !== null; m = KEY.exec(text)) {
    if (!SECRET_NAME.test(m[1]!)) continue;
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && !VALUE_END.test(text[end]!)) end++;
    if (end === start) continue;
    out += `${text.slice(copied, start)}<redacted>`;
    copied = end;
    KEY.lastIndex = end;
  }
  return out + text.slice(copied);
}

/** redactSecrets returns `text` with every credential-shaped part replaced by `<redacted>`. */
export function redactSecrets(text: string): string {
  let out = redactFields(text);
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
