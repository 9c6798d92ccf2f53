/**
 * fields: the checks every validator in core/validate is built from. Each takes an untrusted
 * value and either returns it in the expected type or reports why not; none throws.
 */

/** FIELD_LIMITS bounds the strings a validated object keeps (UTF-16 units). */
export const FIELD_LIMITS = {
  /** Names, kinds, reasons, uids, versions, times: Kubernetes limits them far below this. */
  short: 1024,
  /** An event's message or note (the API server bounds an object at 1.5 MB; we keep less). */
  message: 65_536,
  /** Entries kept in a labels or annotations map, and references in a list. */
  entries: 256,
} as const;

/** Problems collects what a validator changed, as `path: what` lines (for one log line). */
export type Problems = string[];

/** Rec is an untrusted JSON object. */
export type Rec = Record<string, unknown>;

/** isRecord: a plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

/**
 * asString returns a string field: a string (cut to `max` units), a finite number or a boolean
 * as its text (clearly safe: `name: 5` is the name "5", as the store's key shows it), and
 * undefined for anything else (absent, null, an object, an array). Every change but absence (or
 * null) is reported in `problems`.
 */
export function asString(v: unknown, path: string, problems: Problems, max: number): string | undefined {
  if (typeof v === 'string') {
    if (v.length <= max) return v;
    problems.push(`${path}: cut from ${v.length} to ${max} characters`);
    return v.slice(0, max);
  }
  if (v === undefined || v === null) return undefined;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') {
    problems.push(`${path}: ${typeof v} where a string belongs, used as "${String(v)}"`);
    return String(v);
  }
  problems.push(`${path}: ${describe(v)} where a string belongs, dropped`);
  return undefined;
}

/** asNumber returns a finite number field, else undefined (reported unless absent or null). */
export function asNumber(v: unknown, path: string, problems: Problems): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v !== undefined && v !== null) problems.push(`${path}: ${describe(v)} where a number belongs, dropped`);
  return undefined;
}

/** asRecord returns an object field, else undefined (reported unless absent or null). */
export function asRecord(v: unknown, path: string, problems: Problems): Rec | undefined {
  if (isRecord(v)) return v;
  if (v !== undefined && v !== null)
    problems.push(`${path}: ${describe(v)} where an object belongs, dropped`);
  return undefined;
}

/**
 * stringFields copies `src` with each of `fields` checked by asString (an invalid one left out,
 * a null one kept) and every other key kept as is. Returns `src` itself when nothing changed.
 */
export function stringFields(
  src: Rec,
  fields: readonly string[],
  path: string,
  problems: Problems,
  max: (field: string) => number = () => FIELD_LIMITS.short,
): Rec {
  let out: Rec | undefined;
  for (const f of fields) {
    const v = src[f];
    // null is how a server spells "absent": readers treat it so, it is kept as it is.
    if (v === undefined || v === null || (typeof v === 'string' && v.length <= max(f))) continue;
    const s = asString(v, `${path}.${f}`, problems, max(f));
    out ??= { ...src };
    if (s === undefined) delete out[f];
    else out[f] = s;
  }
  return out ?? src;
}

/**
 * stringMap returns a map of strings (labels, annotations): entries whose value is not a string
 * are dropped, at most FIELD_LIMITS.entries are kept. Returns `v` itself when nothing changed.
 */
export function stringMap(v: unknown, path: string, problems: Problems): Record<string, string> | undefined {
  const m = asRecord(v, path, problems);
  if (!m) return undefined;
  const keys = Object.keys(m);
  let ok = keys.length <= FIELD_LIMITS.entries;
  if (ok) for (const k of keys) if (typeof m[k] !== 'string' || k.length > FIELD_LIMITS.short) ok = false;
  if (ok) return m as Record<string, string>;
  const out: Record<string, string> = {};
  let n = 0;
  for (const k of keys) {
    const s =
      k.length <= FIELD_LIMITS.short
        ? asString(m[k], `${path}[${k.slice(0, 64)}]`, problems, FIELD_LIMITS.message)
        : undefined;
    if (s === undefined || n >= FIELD_LIMITS.entries) continue;
    out[k] = s;
    n++;
  }
  if (keys.length > FIELD_LIMITS.entries)
    problems.push(`${path}: ${keys.length} entries, kept ${FIELD_LIMITS.entries}`);
  return out;
}
