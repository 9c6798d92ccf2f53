import { type KubeObject } from '../../../src/core/cache/types';

/** EventSpec describes a core/v1 Event for tests; unset fields get plausible defaults. */
export interface EventSpec {
  name?: string;
  namespace?: string;
  rv?: string;
  type?: 'Normal' | 'Warning';
  reason?: string;
  message?: string;
  count?: number;
  /** epoch ms of lastTimestamp; undefined leaves it out. */
  lastSeen?: number;
  series?: { count: number; lastObservedTime?: number };
  kind?: string;
  objectName?: string;
  /** involvedObject.uid; '' leaves it out. */
  objectUid?: string;
  objectNamespace?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** coreEvent builds a core/v1 Event object. */
export function coreEvent(spec: EventSpec = {}): KubeObject {
  const namespace = spec.namespace ?? 'web';
  const objectName = spec.objectName ?? 'web-1';
  const o: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: spec.name ?? `${objectName}.${(spec.reason ?? 'BackOff').toLowerCase()}`,
      namespace,
      uid: `ev-${spec.name ?? objectName}`,
      resourceVersion: spec.rv ?? '1',
    },
    involvedObject: {
      kind: spec.kind ?? 'Pod',
      namespace: spec.objectNamespace ?? namespace,
      name: objectName,
      ...(spec.objectUid === '' ? {} : { uid: spec.objectUid ?? `uid-${objectName}` }),
      apiVersion: 'v1',
    },
    type: spec.type ?? 'Warning',
    reason: spec.reason ?? 'BackOff',
    message: spec.message ?? 'Back-off restarting failed container',
    count: spec.count ?? 1,
    source: { component: 'kubelet' },
  };
  if (spec.lastSeen !== undefined) o.lastTimestamp = iso(spec.lastSeen);
  if (spec.series)
    o.series = {
      count: spec.series.count,
      ...(spec.series.lastObservedTime !== undefined
        ? { lastObservedTime: iso(spec.series.lastObservedTime) }
        : {}),
    };
  return o;
}

/** bump returns a copy of an event with a higher count (and a new resourceVersion and last seen). */
export function bump(ev: KubeObject, count: number, lastSeen?: number): KubeObject {
  const copy = structuredClone(ev);
  copy.count = count;
  copy.metadata.resourceVersion = String(Number(copy.metadata.resourceVersion ?? '0') + 1);
  if (lastSeen !== undefined) copy.lastTimestamp = iso(lastSeen);
  return copy;
}
