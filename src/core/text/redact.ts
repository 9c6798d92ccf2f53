/**
 * redact: removes credentials from text a server, a proxy, an exec plugin or a kubeconfig gave
 * us, before it is shown (tree status and tooltips, notifications) or logged. Defence in depth:
 * the transport never puts credentials in messages on purpose, but a server or proxy may echo
 * them back in an error body, and a kubeconfig server URL may carry `user:password@`.
 *
 * What is redacted (each replaced by REDACTED, the rest of the text kept):
 * - JWT-shaped strings (three base64url segments, the first starting `eyJ`) and OpenShift
 *   `sha256~` tokens, anywhere;
 * - header values: `Authorization: <scheme> X` (the scheme is kept), `Proxy-Authorization`,
 *   `Cookie`, `Set-Cookie`, `X-...-Token`, `X-Api-Key`;
 * - `Bearer X` / `Basic X` anywhere (unless X is an ordinary word such as "token");
 * - userinfo in URLs: `https://user:pass@host` becomes `https://***@host` (a bare `user@` too:
 *   the user part may be a token); and `user:pass@host` without a scheme;
 * - key/value forms, quoted or not, JSON or YAML or query string: `password=X`, `"token": "X"`,
 *   `client_secret: X`, `refresh-token=X`, `api_key=X`, `client-key-data: X` ..., and the value
 *   of any key whose name holds token, password, secret, credential or api key (`DB_PASSWORD=X`,
 *   `"bootstrapToken": "X"`);
 * - prose forms: `refresh token X`, `token X`, `password X` when X looks like a secret (has a
 *   digit, mixed case or a symbol, 8+ characters; or 24+ characters of anything);
 * - `user "name:secret"` (basic-auth style), except Kubernetes' own `system:` user names.
 *
 * Never throws; non-strings yield "". Text longer than MAX_REDACT_INPUT is cut first (a secret
 * cut in half is still redacted: every value pattern matches a prefix of itself); the output is
 * at most 4 x MAX_REDACT_INPUT long (`pwd=x` becomes `pwd=<redacted>`). Linear time: a pattern that may start at many places only
 * scans a bounded run from each (user names 64, passwords and userinfo 256 characters), and an
 * unbounded run is always consumed by its match.
 */

/** MAX_REDACT_INPUT bounds the work: longer text is cut to this many units (with "…") first. */
export const MAX_REDACT_INPUT = 65_536;

/** REDACTED is what a credential is replaced with. */
export const REDACTED = '<redacted>';

const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const SHA256_TOKEN = /\bsha256~[A-Za-z0-9_-]{16,}/g;

// A header line (HTTP or its JSON/log echo): the value runs to the end of line or a quote.
const AUTH_HEADER = /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:([A-Za-z][\w-]*)\s+)?[^\s"',;]+/gi;
const OTHER_HEADER = /\b((?:set-)?cookie|x-[\w-]*token|x-api-key)(["']?\s*:\s*["']?)[^\r\n"']+/gi;

// A scheme followed by a credential; ordinary words after "bearer" are prose, not tokens.
const SCHEME = /\b(bearer|basic)(\s+)([A-Za-z0-9._~+/=-]+)/gi;
const PROSE_WORDS =
  /^(?:token|tokens|auth|authentication|authorization|realm|scheme|credentials?|header|is|was|the|a|an|and|or|not|required|invalid|expired|missing|error)$/i;

// `scheme://userinfo@` and `user:pass@host` (no scheme; not an image digest `name:tag@sha256:`).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^/\s@?#"'<>]{1,256}@/gi;
const BARE_USERINFO =
  /(^|[\s"'(<=,[])([^\s/@:"'<>()[\],]{1,64}):([^\s/@"'<>()[\],]{1,256})@(?!sha\d+:)(?=[\w[])/g;

// key/value: the key, an optional quote, a separator, an optional quote, the value.
const KEYS =
  'password|passwd|passphrase|pwd|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|session[-_]?token|api[-_]?key|apikey|private[-_]?key|client[-_]?key[-_]?data|credentials?';
const KEY_VALUE = new RegExp(
  `(\\b(?:${KEYS})["']?\\s*[:=]\\s*)(?:"[^"\\r\\n]*"|'[^'\\r\\n]*'|[^\\s"',;&}\\])]+)`,
  'gi',
);

// Prose: `refresh token X`, `token is X`, `password X`.
const PROSE = new RegExp(
  `\\b((?:refresh|access|id|bearer|auth|session)?[ _-]?(?:token|password|passwd|api[ _-]?key))(\\s+(?:is\\s+|was\\s+|of\\s+|=\\s*)?["']?)([A-Za-z0-9._~+/=-]{8,})`,
  'gi',
);

// `user "name:secret"`, `username 'name:secret'`, `user=name:secret`.
const USER_PAIR = /\b(user(?:name)?\s{0,8}[=:]?\s{0,8}["']?)([^\s"':]{1,64}):([^\s"']{1,256})/gi;

// Any key naming a secret (a scan, see redactNamedFields); values run to a space, quote or separator.
const SECRET_NAME = /token|password|passwd|secret|credential|api[_-]?key/i;
const ANY_KEY = /(?<![\w-])([\w-]+)"?[ \t]*[:=][ \t]*"?/g;
const VALUE_END = /[\s"',;&]/;

/**
 * redactNamedFields replaces the value after every key whose name holds a secret word. A scan,
 * not one regex, so that the value of an ordinary key (`error: refresh_token=x`) does not hide a
 * secret key inside it; linear: a key starts only at the beginning of a run of key characters.
 */
function redactNamedFields(text: string): string {
  let out = '';
  let copied = 0;
  ANY_KEY.lastIndex = 0;
  for (let m = ANY_KEY.exec(text); m !== null; m = ANY_KEY.exec(text)) {
    if (!SECRET_NAME.test(m[1]!)) continue;
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && !VALUE_END.test(text[end]!)) end++;
    if (end === start || text.startsWith(REDACTED, start)) continue;
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
    ANY_KEY.lastIndex = end;
  }
  return out + text.slice(copied);
}

function looksSecret(v: string): boolean {
  if (v.length >= 24) return true;
  if (v.length < 8) return false;
  return /\d/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v)) || /[+/=_~]/.test(v);
}

/** redactSecrets returns `text` with every credential-shaped part replaced (see the file comment). */
export function redactSecrets(text: unknown): string {
  if (typeof text !== 'string') return '';
  if (text === '') return text;
  const head = text.length > MAX_REDACT_INPUT ? `${text.slice(0, MAX_REDACT_INPUT)}…` : text;
  const redacted = head
    .replace(JWT, REDACTED)
    .replace(SHA256_TOKEN, REDACTED)
    .replace(AUTH_HEADER, (_m, head: string, scheme: string | undefined) =>
      scheme ? `${head}${scheme} ${REDACTED}` : `${head}${REDACTED}`,
    )
    .replace(OTHER_HEADER, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(SCHEME, (m, scheme: string, space: string, value: string) =>
      PROSE_WORDS.test(value) ? m : `${scheme}${space}${REDACTED}`,
    )
    .replace(URL_USERINFO, `$1***@`)
    .replace(BARE_USERINFO, `$1***@`)
    .replace(KEY_VALUE, (m, head: string) =>
      m.slice(head.length).includes(REDACTED) ? m : `${head}${REDACTED}`,
    )
    .replace(PROSE, (m, key: string, sep: string, value: string) =>
      looksSecret(value) ? `${key}${sep}${REDACTED}` : m,
    )
    .replace(USER_PAIR, (m, head: string, name: string) =>
      name.toLowerCase() === 'system' || m.includes(REDACTED) ? m : `${head}${name}:${REDACTED}`,
    );
  return redactNamedFields(redacted);
}

/**
 * redactUrl shows a URL without its userinfo (`https://user:pass@host` -> `https://***@host`)
 * and with credential-looking query parameters redacted; anything unparseable goes through
 * redactSecrets.
 */
export function redactUrl(url: unknown): string {
  return redactSecrets(url);
}
