/**
 * fields: tolerant readers for the untyped parts of a KubeObject. Describers read cluster JSON
 * through these so a missing or mistyped field renders as kubectl renders a Go zero value
 * ("" / 0 / false / empty list) instead of throwing.
 */

export type Rec = Record<string, unknown>;

/** rec returns `v` when it is a plain object, else an empty object. */
export function rec(v: unknown): Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {};
}

/** has reports whether `v` is a (non-null) object, i.e. a set Go pointer field. */
export function has(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

/** isSet reports whether a scalar field (e.g. a metav1.Time) is present: not absent, not null. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** str returns `v` when it is a string, else "" (Go's zero string). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** int returns `v` when it is a finite number, else undefined (an unset Go pointer). */
export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** intOrUnset prints an optional integer as kubectl prints an unset `*int32`: `<unset>`. */
export function intOrUnset(v: unknown): string {
  const n = int(v);
  return n === undefined ? '<unset>' : String(n);
}

/** num returns `v` as a number, 0 when unset (Go's zero int). */
export function num(v: unknown): number {
  return int(v) ?? 0;
}

/** list returns `v` when it is an array, else []. */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** recs returns the object elements of an array field. */
export function recs(v: unknown): Rec[] {
  return list(v).map(rec);
}

/** strMap returns the string entries of a map[string]string field. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(v))) out[k] = typeof val === 'string' ? val : String(val ?? '');
  return out;
}

/** strings returns the string elements of a []string field. */
export function strings(v: unknown): string[] {
  return list(v).map((x) => (typeof x === 'string' ? x : String(x ?? '')));
}

/** intOrString renders an IntOrString like Go's `IntOrString.String()`; unset prints `<nil>`. */
export function intOrString(v: unknown): string {
  if (typeof v === 'number') return String(Math.trunc(v));
  if (typeof v === 'string') return v;
  return '<nil>';
}

/**
 * goNumber renders a JSON number as Go's `%v` renders it once decoded into an unstructured
 * object: integers (that fit an int64) as int64, others as float64 (`%g` with the shortest
 * digits: exponent form below 1e-4 and from 1e6 up, e.g. "1.2345675e+06", "1e-05").
 */
export function goNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  const [mantissa, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** goValue renders a JSON scalar as Go's `%v` would render its decoded value. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  return `map[${Object.keys(v as Rec)
    .sort()
    .map((k) => `${k}:${goValue((v as Rec)[k])}`)
    .join(' ')}]`;
}
