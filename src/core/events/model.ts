import type { KubeObject } from '../cache/types';
import { FIELD_LIMITS } from '../validate/fields';

/** ObjectRef points at the object an event is about (involvedObject / regarding). */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  fieldPath: string;
}

/**
 * KubeEvent is one Kubernetes Event, whichever API it came from (core/v1 or
 * events.k8s.io/v1), normalised for display. Timestamps are epoch milliseconds, or
 * `undefined` when the event does not carry one: an empty timestamp stays empty and is never
 * shown as "54 years ago".
 */
export interface KubeEvent {
  /** A stable key: `namespace/name` of the Event object. */
  key: string;
  uid: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  /** series.count ?? count ?? 1. */
  count: number;
  /** series.lastObservedTime ?? lastTimestamp ?? eventTime ?? metadata.creationTimestamp. */
  lastSeen: number | undefined;
  /** firstTimestamp ?? eventTime ?? metadata.creationTimestamp. */
  firstSeen: number | undefined;
  /** What kubectl prints in "From": source.component, else reportingController/Component. */
  source: string;
  /** source.host / reportingInstance, when given. */
  host: string;
  action: string;
  involved: ObjectRef;
  related: ObjectRef | undefined;
  /** Which API the object came from. */
  api: 'v1' | 'events.k8s.io/v1';
  /** The individual timestamps and counts, for renderers that need kubectl's exact rules. */
  raw: RawEventTimes;
}

/** RawEventTimes keeps each source field apart (epoch ms or undefined). */
export interface RawEventTimes {
  eventTime: number | undefined;
  firstTimestamp: number | undefined;
  lastTimestamp: number | undefined;
  seriesLastObserved: number | undefined;
  seriesCount: number | undefined;
  legacyCount: number | undefined;
  created: number | undefined;
}

type Loose = Record<string, unknown>;

/**
 * str reads a string field as validateEvent leaves it: a string cut to `max`, a finite number or
 * a boolean as its text (so a name 5 keys as "5", as the informer's store keys it), else "".
 */
function str(v: unknown, max: number = FIELD_LIMITS.short): string {
  if (typeof v === 'string') return v.length <= max ? v : v.slice(0, max);
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return '';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function obj(v: unknown): Loose {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {};
}

/**
 * parseTime turns a Kubernetes timestamp into epoch ms. Empty, null, unparseable and the Go
 * zero time ("0001-01-01T00:00:00Z") all yield undefined.
 */
export function parseTime(v: unknown): number | undefined {
  // An RFC 3339 time is at most 35 characters: anything longer is not one (and is not parsed).
  if (typeof v !== 'string' || v === '' || v.length > 64) return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t) || t <= 0) return undefined;
  return t;
}

function ref(v: unknown): ObjectRef {
  const o = obj(v);
  return {
    kind: str(o.kind),
    namespace: str(o.namespace),
    name: str(o.name),
    uid: str(o.uid),
    apiVersion: str(o.apiVersion),
    fieldPath: str(o.fieldPath),
  };
}

/** isEventsV1 reports whether an Event object comes from events.k8s.io/v1. */
export function isEventsV1(o: KubeObject): boolean {
  if (o === null || typeof o !== 'object') return false;
  return (
    (typeof o.apiVersion === 'string' && o.apiVersion.startsWith('events.k8s.io/')) ||
    ('regarding' in o && !('involvedObject' in o))
  );
}

/**
 * normalizeEvent maps a core/v1 or events.k8s.io/v1 Event to a KubeEvent, applying the
 * fallbacks kubectl uses. It never throws on a malformed object: missing or mistyped fields
 * become empty strings (a number or boolean its text, as validateEvent coerces it), missing
 * times `undefined`, a missing count 1; strings are cut to FIELD_LIMITS (message 64 Ki units,
 * the rest 1 Ki), so its output is bounded whatever the input.
 */
export function normalizeEvent(o: KubeObject): KubeEvent {
  const e = obj(o);
  const meta = obj(e.metadata) as KubeObject['metadata'];
  const series = obj(e.series);
  const v1 = isEventsV1(o);
  const created = parseTime(meta.creationTimestamp);
  const eventTime = parseTime(e.eventTime);
  const lastTs = parseTime(v1 ? e.deprecatedLastTimestamp : e.lastTimestamp);
  const firstTs = parseTime(v1 ? e.deprecatedFirstTimestamp : e.firstTimestamp);
  const legacyCount = num(v1 ? e.deprecatedCount : e.count);
  const source = obj(v1 ? e.deprecatedSource : e.source);
  const reporting = str(v1 ? e.reportingController : e.reportingComponent);
  const seriesCount = e.series && typeof e.series === 'object' ? (num(series.count) ?? 0) : undefined;
  const count = seriesCount ?? legacyCount ?? 1;
  const namespace = str(meta.namespace);
  const name = str(meta.name);
  const relatedRaw = obj(e.related) === e.related ? e.related : undefined;
  return {
    key: namespace ? `${namespace}/${name}` : name,
    uid: str(meta.uid),
    namespace,
    name,
    resourceVersion: str(meta.resourceVersion),
    type: str(e.type) || 'Normal',
    reason: str(e.reason),
    message: str(v1 ? e.note : e.message, FIELD_LIMITS.message),
    count: count > 0 ? count : 1,
    lastSeen: parseTime(series.lastObservedTime) ?? lastTs ?? eventTime ?? created,
    firstSeen: firstTs ?? eventTime ?? created,
    source: str(source.component) || reporting,
    host: str(source.host) || str(e.reportingInstance),
    action: str(e.action),
    involved: ref(v1 ? e.regarding : e.involvedObject),
    related: relatedRaw ? ref(relatedRaw) : undefined,
    api: v1 ? 'events.k8s.io/v1' : 'v1',
    raw: {
      eventTime,
      firstTimestamp: firstTs,
      lastTimestamp: lastTs,
      seriesLastObserved: parseTime(series.lastObservedTime),
      seriesCount,
      legacyCount,
      created,
    },
  };
}

/** isWarning reports a Warning-type event. */
export function isWarning(e: Pick<KubeEvent, 'type'>): boolean {
  return e.type === 'Warning';
}

/**
 * compareByLastSeen orders events oldest first by last seen, as `kubectl describe` and
 * `kubectl events` print them; events without a time sort first, ties by name for stability.
 */
export function compareByLastSeen(a: KubeEvent, b: KubeEvent): number {
  const ta = a.lastSeen ?? -Infinity;
  const tb = b.lastSeen ?? -Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
