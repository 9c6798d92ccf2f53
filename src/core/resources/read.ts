/**
 * read: defensive accessors for the opaque parts of cached objects. Cached objects come from
 * the API server as JSON, so every field may be missing, null or of an unexpected type; these
 * helpers turn such values into `undefined` (or an empty record/array) and never throw.
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';

export type Rec = Record<string, unknown>;

const EMPTY: Rec = Object.freeze({}) as Rec;

/** rec returns `v` if it is a plain object, else a frozen empty record. */
export function rec(v: unknown): Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : EMPTY;
}

/** recs returns the plain objects of `v` if it is an array, else `[]`. */
export function recs(v: unknown): Rec[] {
  return Array.isArray(v) ? v.filter((x): x is Rec => typeof x === 'object' && x !== null) : [];
}

/** str returns `v` if it is a non-empty string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** num returns `v` if it is a finite number. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** int returns `v` if it is a finite number, else `fallback` (Go's zero value by default). */
export function int(v: unknown, fallback = 0): number {
  return num(v) ?? fallback;
}

/** spec and status return the object's `spec` / `status` records (empty when absent). */
export const spec = (o: KubeObject): Rec => rec(o['spec']);
export const status = (o: KubeObject): Rec => rec(o['status']);

/** condition finds the first condition of `type` in a `status.conditions`-shaped array. */
export function condition(conditions: unknown, type: string): Rec | undefined {
  return recs(conditions).find((c) => c['type'] === type);
}

/** conditionIs is kubectl's hasXCondition: the first condition of `type` has status `want`. */
export function conditionIs(conditions: unknown, type: string, want = 'True'): boolean {
  return condition(conditions, type)?.['status'] === want;
}

/** since renders the time elapsed from an API timestamp to `now`, or undefined if the timestamp is unset. */
export function since(timestamp: unknown, now: number): string | undefined {
  const t = parseTime(timestamp);
  return t === undefined ? undefined : humanDuration(now - t);
}

/** ageOf is kubectl's AGE column: the time since creation, `<unknown>` when unset. */
export function ageOf(o: KubeObject, now: number): string {
  return since(o.metadata.creationTimestamp, now) ?? '<unknown>';
}

/**
 * joinDescription joins the non-empty parts of a description with ` · `. Callers pass
 * `undefined` for an unknown age, so a missing timestamp drops out instead of printing.
 */
export function joinDescription(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join(' · ');
}

/** formatLabels is labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(rec(labels)).filter(([, v]) => typeof v === 'string');
  if (entries.length === 0) return '<none>';
  return entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v as string}`)
    .join(',');
}

/**
 * formatLabelSelector is metav1.FormatLabelSelector for the common cases: requirements sorted
 * by key, matchLabels as `k=v`, matchExpressions as `k in (a,b)`, `k notin (a)`, `k`, `!k`;
 * `<none>` for an empty selector.
 */
export function formatLabelSelector(selector: unknown): string {
  const sel = rec(selector);
  const parts: [string, string][] = [];
  const ml = rec(sel['matchLabels']);
  for (const k of Object.keys(ml)) parts.push([k, `${k}=${String(ml[k])}`]);
  for (const e of recs(sel['matchExpressions'])) {
    const key = String(e['key'] ?? '');
    const values = Array.isArray(e['values']) ? (e['values'] as unknown[]).map(String).sort() : [];
    const text =
      e['operator'] === 'In'
        ? `${key} in (${values.join(',')})`
        : e['operator'] === 'NotIn'
          ? `${key} notin (${values.join(',')})`
          : e['operator'] === 'Exists'
            ? key
            : e['operator'] === 'DoesNotExist'
              ? `!${key}`
              : undefined;
    if (text !== undefined) parts.push([key, text]);
  }
  if (parts.length === 0) return '<none>';
  return parts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, t]) => t)
    .join(',');
}

/** templateImages returns the comma-joined images of a pod template's containers (kubectl's IMAGES column). */
export function templateImages(template: unknown): string {
  return recs(rec(rec(template)['spec'])['containers'])
    .map((c) => str(c['image']) ?? '')
    .join(',');
}

/** plural renders `1 restart`, `2 restarts`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
