/**
 * format: the small printing helpers kubectl's describers share (labels, annotations, taints,
 * tolerations, times, controller references), each producing the same text as its kubectl
 * counterpart in pkg/describe.
 */

import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { type DescribeWriter, LEVEL_0 } from './printer';
import { int, rec, recs, str, strMap, type Rec } from './fields';

/** TimeFormatter renders a metav1.Time field as Go's `time.RFC1123Z`. */
export type TimeFormatter = (v: unknown) => string;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** GO_ZERO_TIME is how Go formats an unset metav1.Time with RFC1123Z. */
export const GO_ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * rfc1123z formats epoch ms as "Mon, 02 Jan 2006 15:04:05 -0700" in the zone whose offset from
 * UTC (minutes east) is given.
 */
export function rfc1123z(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ` +
    `${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
  );
}

/** timeFormatter builds a TimeFormatter for a zone given as a function of the instant. */
export function timeFormatter(offsetMinutes: (ms: number) => number): TimeFormatter {
  return (v) => {
    const ms = parseTime(v);
    return ms === undefined ? GO_ZERO_TIME : rfc1123z(ms, offsetMinutes(ms));
  };
}

/** since renders kubectl's translateTimestampSince: HumanDuration(now - t), `<unknown>` when unset. */
export function since(v: unknown, now: number): string {
  const ms = parseTime(v);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** printBool is kubectl's printBool: "True" / "False". */
export function printBool(v: unknown): string {
  return v === true ? 'True' : 'False';
}

/** printBoolPtr is kubectl's printBoolPtr: "<unset>" when the field is absent. */
export function printBoolPtr(v: unknown): string {
  return typeof v === 'boolean' ? printBool(v) : '<unset>';
}

/** stringOrNone returns `s`, or "<none>" when it is empty. */
export function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

/** formatLabels is labels.FormatLabels: sorted `k=v` joined by commas, "<none>" when empty. */
export function formatLabels(m: unknown): string {
  const labels = strMap(m);
  const keys = Object.keys(labels).sort(byString);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels[k]}`).join(',');
}

/** byString compares like Go's `sort.Strings` (UTF-16 order, which matches byte order for BMP text). */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** controllerOf returns `Kind/Name` of the object's controller owner reference, or "". */
export function controllerOf(meta: unknown): string {
  const ref = recs(rec(meta).ownerReferences).find((r) => r.controller === true);
  return ref ? `${str(ref.kind)}/${str(ref.name)}` : '';
}

/** writeNameNamespace writes the `Name:` and `Namespace:` lines every namespaced describer opens with. */
export function writeNameNamespace(w: DescribeWriter, meta: Rec): void {
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
}

/**
 * printLabelsMultiline is kubectl's printLabelsMultilineWithIndent: `title:` then one `k=v` per
 * line, sorted, continuation lines aligned in the value column; "<none>" when empty.
 */
export function printLabelsMultiline(
  w: DescribeWriter,
  title: string,
  labels: unknown,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const m = strMap(labels);
  const keys = Object.keys(m).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${key}=${m[key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const encoder = new TextEncoder();
const byteLength = (s: string) => encoder.encode(s).length;

/** shorten cuts to `max` UTF-8 bytes (never inside a character) and appends "..." when it cut. */
function shorten(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = byteLength(ch);
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return `${out}...`;
}

/**
 * printAnnotationsMultiline is kubectl's: `key: value` per line, sorted, skipping
 * last-applied-configuration; values longer than 140 bytes or multi-line are printed under
 * `key:` indented by two spaces, each line cut to 138 bytes + "...".
 */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: unknown): void {
  w.write(LEVEL_0, `${title}:\t`);
  const m = strMap(annotations);
  const keys = Object.keys(m)
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = m[key]!.endsWith('\n') ? m[key]!.slice(0, -1) : m[key]!;
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) {
        w.write(LEVEL_0, `${indent}  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTaintsMultiline is kubectl's: taints sorted by `effect,key`, each as `key[=value]:effect`. */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: unknown): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = recs(taints);
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Rec) => `${str(t.effect)},${str(t.key)}`;
  const sorted = [...list].sort((a, b) => byString(key(a), key(b)));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = str(t.value);
    w.write(LEVEL_0, `${value ? `${str(t.key)}=${value}` : str(t.key)}:${str(t.effect)}\n`);
  });
}

/**
 * printTolerationsMultiline is kubectl's: tolerations sorted by key, each as
 * `key[=value][:effect][ op=Exists][ for Ns]`.
 */
export function printTolerationsMultiline(
  w: DescribeWriter,
  title: string,
  tolerations: unknown,
  initialIndent = '',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = recs(tolerations);
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...list].sort((a, b) => byString(str(a.key), str(b.key)));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    const k = str(t.key);
    const value = str(t.value);
    const effect = str(t.effect);
    let s = k;
    if (value) s += `=${value}`;
    if (effect) s += `:${effect}`;
    if (str(t.operator) === 'Exists' && !value) s += k || effect ? ' op=Exists' : 'op=Exists';
    const seconds = int(t.tolerationSeconds);
    if (seconds !== undefined) s += ` for ${seconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}
