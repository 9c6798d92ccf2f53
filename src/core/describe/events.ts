/**
 * events: which Events `kubectl describe` shows for an object, in which order, and how it
 * prints them (DescribeEvents in kubectl's pkg/describe).
 */

import type { KubeObject } from '../cache/types';
import { describeEventAge } from '../events/age';
import { isEventsV1, normalizeEvent } from '../events/model';
import { cut, TEXT_LIMITS } from '../text/sanitize';
import { rec, str } from './fields';
import { type DescribeWriter, LEVEL_0, LEVEL_1 } from './printer';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

interface EventRef {
  name: string;
  namespace: string;
  kind: string | undefined;
  uid: string | undefined;
}

/**
 * eventRefsFor returns the field-selector references kubectl queries events with: the object's
 * name and namespace, its kind (left out for Pods) and its uid (a mirror pod's source uid; for a
 * Node also its name, which is the uid the kubelet reports events with).
 */
function eventRefsFor(obj: KubeObject, kind: string): EventRef[] {
  const meta = obj.metadata ?? {};
  const base = { name: meta.name ?? '', namespace: meta.namespace ?? '' };
  if (kind === 'Pod') {
    const mirror = meta.annotations?.[MIRROR_POD_ANNOTATION];
    return [{ ...base, kind: undefined, uid: mirror ?? (meta.uid || undefined) }];
  }
  const refs: EventRef[] = [{ ...base, kind, uid: meta.uid || undefined }];
  if (kind === 'Node') refs.push({ ...base, kind, uid: base.name });
  return refs;
}

function involvedOf(e: KubeObject): Record<string, unknown> {
  return rec(isEventsV1(e) ? e.regarding : e.involvedObject);
}

function matches(e: KubeObject, ref: EventRef): boolean {
  const inv = involvedOf(e);
  return (
    str(inv.name) === ref.name &&
    str(inv.namespace) === ref.namespace &&
    (ref.kind === undefined || str(inv.kind) === ref.kind) &&
    (ref.uid === undefined || str(inv.uid) === ref.uid)
  );
}

/**
 * selectEventsFor applies kubectl describe's selection rule to a set of Events (core/v1 or
 * events.k8s.io/v1): involvedObject name, namespace and uid equal to the object's, and kind
 * too except for Pods; Nodes also match events whose uid is the node name. The same Event seen
 * through both APIs is returned once (first seen wins). Order is the input order.
 */
export function selectEventsFor(
  obj: KubeObject,
  kind: string,
  allEvents: Iterable<KubeObject>,
): KubeObject[] {
  const refs = eventRefsFor(obj, kind);
  const seen = new Set<string>();
  const out: KubeObject[] = [];
  for (const e of allEvents) {
    if (!refs.some((r) => matches(e, r))) continue;
    const key = `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/**
 * sortTime is kubectl's SortableEvents key: series.lastObservedTime when the event has a
 * series, else lastTimestamp, else eventTime; an unset time sorts first.
 */
function sortTime(raw: ReturnType<typeof normalizeEvent>['raw']): number {
  if (raw.seriesCount !== undefined) return raw.seriesLastObserved ?? -Infinity;
  return raw.lastTimestamp ?? raw.eventTime ?? -Infinity;
}

/** EventRow is one line of the Events table. */
export interface EventRow {
  type: string;
  reason: string;
  age: string;
  from: string;
  message: string;
}

/**
 * eventRows sorts events oldest first (stable) and renders their columns as kubectl does, each
 * bounded (reason TEXT_LIMITS.describeReason, type and from describeColumn, message
 * describeLastCell): a 1 MB reason must not pad every row of the table to 1 MB.
 */
export function eventRows(events: readonly KubeObject[], now: number): EventRow[] {
  return events
    .map((o, i) => ({ o, i, e: normalizeEvent(o) }))
    .sort((a, b) => sortTime(a.e.raw) - sortTime(b.e.raw) || a.i - b.i)
    .map(({ o, e }) => ({
      type: cut(str(o.type), TEXT_LIMITS.describeColumn),
      reason: cut(e.reason, TEXT_LIMITS.describeReason),
      age: describeEventAge(e.raw, now),
      from: cut(e.source, TEXT_LIMITS.describeColumn),
      message: cut(e.message.trim(), TEXT_LIMITS.describeLastCell),
    }));
}

/**
 * describeEvents writes the Events section: `Events:\t<none>` when there are none, else a
 * table aligned on its own (kubectl flushes the tabwriter first).
 */
export function describeEvents(w: DescribeWriter, events: readonly KubeObject[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const r of eventRows(events, now)) {
    w.write(LEVEL_1, `${r.type}\t${r.reason}\t${r.age}\t${r.from}\t${r.message}\n`);
  }
}
