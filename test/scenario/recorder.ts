/**
 * recorder: writes Events the way Kubernetes components do.
 *
 * `record` is the legacy core/v1 recorder of the kubelet and the controllers: an identical
 * event (same source, object, type, reason and message) is the SAME Event object updated with
 * count+1 and a new lastTimestamp, never a second object. `recordSeries` is the events.k8s.io/v1
 * recorder of the scheduler: the first occurrence has no `series`; a repeat updates that object
 * with `series{count, lastObservedTime}`. An event the server has expired (TTL) is created
 * afresh, as a real recorder would. Both know existing events by reading the server once per
 * namespace, so a recorder built over a seeded server continues the seeded events.
 */
import type { KubeObject } from '../../src/core/cache/types';
import type { TestServer } from '../server';
import { event, eventV1, microTime, rfc3339, type ObjectRef } from '../server/fixtures';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** RecordOptions describe one occurrence for the legacy recorder. */
export interface RecordOptions {
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** source.component, e.g. `kubelet`, `deployment-controller`. */
  component: string;
  /** source.host: the kubelet's node. */
  host?: string;
  /** e.g. `spec.containers{api}` for container-level kubelet events. */
  fieldPath?: string;
  /** When it happened (default now()). */
  at?: number;
  /** Seeding only: how many occurrences this write stands for (default 1) and when the first was. */
  count?: number;
  firstAt?: number;
}

/** SeriesOptions describe one occurrence for the events.k8s.io/v1 recorder. */
export interface SeriesOptions {
  type?: 'Normal' | 'Warning';
  reason: string;
  note: string;
  action: string;
  controller: string;
  instance: string;
  at?: number;
  /** Seeding only: the series count this write leaves (default: previous + 1) and when the first was. */
  count?: number;
  firstAt?: number;
}

const TRUNCATE = 1024;

function legacyKey(e: Rec): string {
  const io: Rec = e.involvedObject ?? {};
  return ['L', e.source?.component, e.source?.host, io.uid, io.fieldPath, e.type, e.reason, e.message].join(
    '|',
  );
}

function seriesKey(e: Rec): string {
  const io: Rec = e.involvedObject ?? e.regarding ?? {};
  return [
    'S',
    e.reportingComponent ?? e.reportingController,
    io.uid,
    e.type,
    e.reason,
    e.message ?? e.note,
    e.action,
  ].join('|');
}

/** EventRecorder emits events into one TestServer; it is the only writer of the events it tracks. */
export class EventRecorder {
  private readonly server: TestServer;
  private readonly now: () => number;
  /** namespace -> aggregation key -> event name. */
  private readonly index = new Map<string, Map<string, string>>();
  /** written counts every create and update, for summaries. */
  written = 0;
  /** muted: while true nothing is written (for history older than the event TTL); calls return the event unsaved. */
  muted = false;

  constructor(opts: { server: TestServer; now: () => number }) {
    this.server = opts.server;
    this.now = opts.now;
  }

  /** clamp: an event is never stamped later than now(). */
  private clamp(at: number | undefined): number {
    const now = this.now();
    return at === undefined ? now : Math.min(at, now);
  }

  private names(namespace: string): Map<string, string> {
    let m = this.index.get(namespace);
    if (!m) {
      m = new Map();
      for (const e of this.server.list('v1', 'Event', namespace) as Rec[]) {
        m.set(e.eventTime ? seriesKey(e) : legacyKey(e), e.metadata.name);
      }
      this.index.set(namespace, m);
    }
    return m;
  }

  /** record emits a core/v1 event about `obj`, or bumps the identical one; returns the event as stored. */
  record(obj: KubeObject, o: RecordOptions): KubeObject {
    const namespace = obj.metadata.namespace ?? 'default';
    const at = this.clamp(o.at);
    const message = o.message.slice(0, TRUNCATE);
    const fresh = event(namespace, obj as ObjectRef, {
      type: o.type ?? 'Normal',
      reason: o.reason,
      message,
      count: o.count ?? 1,
      firstTimestamp: o.firstAt ?? at,
      lastTimestamp: at,
      source: o.host ? { component: o.component, host: o.host } : { component: o.component },
      ...(o.fieldPath ? { fieldPath: o.fieldPath } : {}),
    }) as Rec;
    if (this.muted) return fresh as KubeObject;
    const names = this.names(namespace);
    const key = legacyKey(fresh);
    const name = names.get(key);
    const old = name ? (this.server.get('v1', 'Event', namespace, name) as Rec | undefined) : undefined;
    this.written++;
    if (old) {
      old.count = (old.count ?? 1) + (o.count ?? 1);
      old.lastTimestamp = rfc3339(at);
      return this.server.update(old as KubeObject);
    }
    const created = this.server.create(fresh as KubeObject);
    names.set(key, created.metadata.name!);
    return created;
  }

  /** recordSeries emits an events.k8s.io/v1 event, or extends the identical one's series; returns it as served by events.k8s.io/v1. */
  recordSeries(obj: KubeObject, o: SeriesOptions): KubeObject {
    const namespace = obj.metadata.namespace ?? 'default';
    const at = this.clamp(o.at);
    const note = o.note.slice(0, TRUNCATE);
    const fresh = eventV1(namespace, obj as ObjectRef, {
      type: o.type ?? 'Normal',
      reason: o.reason,
      note,
      action: o.action,
      reportingController: o.controller,
      reportingInstance: o.instance,
      eventTime: o.firstAt ?? at,
      ...(o.count !== undefined && o.count > 1 ? { series: { count: o.count, lastObservedTime: at } } : {}),
    }) as Rec;
    if (this.muted) return fresh as KubeObject;
    const names = this.names(namespace);
    const key = seriesKey(fresh);
    const name = names.get(key);
    const old = name
      ? (this.server.get('events.k8s.io/v1', 'Event', namespace, name) as Rec | undefined)
      : undefined;
    this.written++;
    if (old) {
      const count = o.count ?? (old.series?.count ?? 1) + 1;
      old.series = { count, lastObservedTime: microTime(at) };
      return this.server.update(old as KubeObject);
    }
    const created = this.server.create(fresh as KubeObject);
    names.set(key, created.metadata.name!);
    return created;
  }
}
