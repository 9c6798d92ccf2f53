import type { ContextEvent } from '../../../src/core/events/hub';
import type { EventRow } from '../../../src/protocol/events';

export const T0 = 1_700_000_000_000;

/** row builds an EventRow with sensible defaults. */
export function row(p: Partial<EventRow> & { id: string }): EventRow {
  return {
    context: 'prod',
    key: `default/${p.id}`,
    type: 'Normal',
    reason: 'Scheduled',
    message: `message of ${p.id}`,
    count: 1,
    lastSeen: T0,
    firstSeen: T0,
    source: 'kubelet',
    host: '',
    kind: 'Pod',
    namespace: 'default',
    name: `pod-${p.id}`,
    uid: `uid-${p.id}`,
    apiVersion: 'v1',
    fieldPath: '',
    ownerKind: '',
    ownerName: '',
    ownerUid: '',
    expired: 0,
    expiredAt: 0,
    ...p,
  };
}

/** contextEvent builds a hub ContextEvent. */
export function contextEvent(
  name: string,
  p: Partial<Omit<ContextEvent, 'involved'>> & { involved?: Partial<ContextEvent['involved']> } = {},
): ContextEvent {
  const context = p.context ?? 'prod';
  const key = `default/${name}`;
  const { involved, ...rest } = p;
  return {
    key,
    uid: `ev-${name}`,
    namespace: 'default',
    name,
    resourceVersion: '1',
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting ${name}`,
    count: 1,
    lastSeen: T0,
    firstSeen: T0,
    source: 'kubelet',
    host: 'node-1',
    action: '',
    related: undefined,
    api: 'v1',
    raw: {
      eventTime: undefined,
      firstTimestamp: T0,
      lastTimestamp: T0,
      seriesLastObserved: undefined,
      seriesCount: undefined,
      legacyCount: 1,
      created: T0,
    },
    context,
    id: `${context}\u0000${key}`,
    ...rest,
    involved: {
      kind: 'Pod',
      namespace: 'default',
      name: `pod-${name}`,
      uid: `uid-${name}`,
      apiVersion: 'v1',
      fieldPath: '',
      ...involved,
    },
  };
}

/** Rng is a small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = [
  'BackOff',
  'Pulled',
  'Created',
  'Started',
  'FailedScheduling',
  'Unhealthy',
  'Killing',
  'ScalingReplicaSet',
];
const KINDS = ['Pod', 'ReplicaSet', 'Deployment', 'Node', 'Job'];

/** manyRows builds n varied rows, some undated, across 3 contexts and 20 namespaces. */
export function manyRows(n: number, seed = 1): EventRow[] {
  const r = rng(seed);
  const out: EventRow[] = [];
  for (let i = 0; i < n; i++) {
    const reason = REASONS[Math.floor(r() * REASONS.length)]!;
    const kind = KINDS[Math.floor(r() * KINDS.length)]!;
    const t = r() < 0.02 ? 0 : T0 - Math.floor(r() * 7_200_000);
    const owner = Math.floor(r() * 50);
    out.push(
      row({
        id: `c${i % 3}\u0000ns/e${i}`,
        context: `ctx-${i % 3}`,
        namespace: `ns-${Math.floor(r() * 20)}`,
        kind,
        name: `${kind.toLowerCase()}-${Math.floor(r() * 5000)}`,
        uid: `uid-${Math.floor(r() * 20000)}`,
        reason,
        type:
          reason === 'BackOff' || reason === 'FailedScheduling' || reason === 'Unhealthy'
            ? 'Warning'
            : 'Normal',
        message: `${reason} for container app-${i % 97} on node-${Math.floor(r() * 40)}: attempt ${i}`,
        count: 1 + Math.floor(r() * 5),
        lastSeen: t,
        firstSeen: t ? t - Math.floor(r() * 600_000) : 0,
        ownerKind: 'Deployment',
        ownerName: `web-${owner}`,
        ownerUid: `owner-${owner}`,
      }),
    );
  }
  return out;
}
