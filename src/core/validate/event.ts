import type { KubeObject } from '../cache/types';
import { asNumber, asRecord, FIELD_LIMITS, type Problems, type Rec, stringFields } from './fields';
import { validateObjectMeta } from './objectMeta';

/** The string fields of a core/v1 or events.k8s.io/v1 Event. */
const EVENT_STRINGS = [
  'apiVersion',
  'kind',
  'type',
  'reason',
  'message',
  'note',
  'action',
  'reportingComponent',
  'reportingController',
  'reportingInstance',
  'eventTime',
  'firstTimestamp',
  'lastTimestamp',
  'deprecatedFirstTimestamp',
  'deprecatedLastTimestamp',
] as const;
const EVENT_NUMBERS = ['count', 'deprecatedCount'] as const;
const REF_STRINGS = [
  'kind',
  'namespace',
  'name',
  'uid',
  'apiVersion',
  'resourceVersion',
  'fieldPath',
] as const;
const SOURCE_STRINGS = ['component', 'host'] as const;
const SERIES_STRINGS = ['lastObservedTime'] as const;

const messageMax = (f: string) =>
  f === 'message' || f === 'note' ? FIELD_LIMITS.message : FIELD_LIMITS.short;

/** EventValidation is a validated Event and what had to change (empty when it was valid). */
export interface EventValidation {
  object: KubeObject;
  problems: Problems;
}

/**
 * validateEvent checks every field Kube Events reads of an Event (core/v1 or events.k8s.io/v1)
 * from a server: metadata (see validateObjectMeta), the string fields (reason, message, note,
 * type, times...), the counts, the object references (involvedObject, regarding, related), the
 * source and the series. A wrong type is dropped (as if absent) or, where clearly safe, coerced
 * (a number where a string belongs becomes its text); a string longer than FIELD_LIMITS is cut
 * (message and note at FIELD_LIMITS.message, every other string at FIELD_LIMITS.short). A
 * non-object yields an object with empty metadata. Unknown fields are kept as they are.
 *
 * Contract: never throws, never mutates `v`; returns `v` itself when it was valid, else a copy
 * sharing the unchanged parts. Idempotent: validating its output changes nothing.
 */
export function validateEvent(v: unknown): EventValidation {
  const problems: Problems = [];
  const src = asRecord(v, 'event', problems);
  if (!src) return { object: { metadata: {} }, problems };
  let out: Rec = stringFields(src, EVENT_STRINGS, 'event', problems, messageMax);
  const set = (k: string, value: unknown) => {
    if (out === src) out = { ...src };
    if (value === undefined) delete out[k];
    else out[k] = value;
  };
  const meta = validateObjectMeta(src.metadata, problems);
  if (meta !== src.metadata) set('metadata', meta);
  for (const k of EVENT_NUMBERS) {
    if (src[k] != null && asNumber(src[k], `event.${k}`, problems) === undefined) set(k, undefined);
  }
  for (const k of ['involvedObject', 'regarding', 'related'] as const)
    nested(src, k, REF_STRINGS, set, problems);
  for (const k of ['source', 'deprecatedSource'] as const) nested(src, k, SOURCE_STRINGS, set, problems);
  nested(src, 'series', SERIES_STRINGS, set, problems);
  const series = out.series as Rec | undefined;
  if (
    series &&
    series.count !== undefined &&
    asNumber(series.count, 'event.series.count', problems) === undefined
  ) {
    const { count: _count, ...rest } = series;
    set('series', rest);
  }
  return { object: out as KubeObject, problems };
}

function nested(
  src: Rec,
  key: string,
  fields: readonly string[],
  set: (k: string, v: unknown) => void,
  problems: Problems,
): void {
  const v = src[key];
  // null is how a server spells an absent reference or series: kept (readers treat it so).
  if (v === undefined || v === null) return;
  const r = asRecord(v, `event.${key}`, problems);
  if (!r) {
    set(key, undefined);
    return;
  }
  const clean = stringFields(r, fields, `event.${key}`, problems);
  if (clean !== r) set(key, clean);
}
