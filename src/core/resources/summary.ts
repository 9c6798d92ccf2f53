/**
 * summary: one entry point that renders any cached object for the resource tree. It picks the
 * kind's summarizer (pod.ts, workloads.ts, batch.ts, node.ts, service.ts) and falls back to a
 * generic reading of `status.phase` / the Ready condition for kinds it does not know.
 *
 * Every summarizer is pure: it reads the object (never mutates it) and `now` (epoch ms), does no
 * I/O and never throws on malformed objects.
 */
import type { KubeObject } from '../cache/types';
import { ALL_KINDS, type ResourceKind } from '../kinds';
import { summarizeCronJob, summarizeJob } from './batch';
import { summarizeNode } from './node';
import { summarizePod } from './pod';
import { conditionStatus } from './conditions';
import { ageOf, joinDescription, status, str } from './read';
import { summarizeService } from './service';
import type { Health, ResourceSummary } from './types';
import {
  summarizeDaemonSet,
  summarizeDeployment,
  summarizeReplicaSet,
  summarizeStatefulSet,
} from './workloads';

export type { Field, Health, ResourceSummary } from './types';

/**
 * TRUNCATED_ANNOTATION marks an object the transport cut down to its metadata because it was
 * over the size cap (src/kube/oversize.ts); its value is the original size in bytes.
 */
export const TRUNCATED_ANNOTATION = 'kube-events.dev/truncated';

type Summarizer = (obj: KubeObject, now: number) => ResourceSummary;

/**
 * summarizeNamespace renders a Namespace as kubectl does (STATUS is status.phase):
 * description `Active · 10d`; Active ok, Terminating progressing, anything else unknown.
 */
export function summarizeNamespace(ns: KubeObject, now: number): ResourceSummary {
  const phase = str(status(ns)['phase']) ?? (ns.metadata.deletionTimestamp ? 'Terminating' : '');
  const health: Health = phase === 'Active' ? 'ok' : phase === 'Terminating' ? 'progressing' : 'unknown';
  const age = ageOf(ns, now);
  return {
    health,
    status: phase,
    description: joinDescription(phase, age === '<unknown>' ? undefined : age),
    fields: [
      { label: 'Status', value: phase || '<unknown>' },
      { label: 'Age', value: age },
    ],
  };
}

/**
 * summarizeGeneric renders an object of a kind without its own summarizer (custom resources
 * among them) from its status alone, by conditionStatus's kstatus-style rules; no status gives
 * unknown health. A failing condition's reason and message go into the tooltip's fields.
 */
export function summarizeGeneric(obj: KubeObject, now: number): ResourceSummary {
  const age = ageOf(obj, now);
  const { status: s, health, detail } = conditionStatus(obj);
  const fields = s ? [{ label: 'Status', value: s }] : [];
  if (detail) fields.push({ label: 'Reason', value: detail });
  fields.push({ label: 'Age', value: age });
  return {
    health,
    status: s,
    description: joinDescription(s, age === '<unknown>' ? undefined : age),
    fields,
  };
}

const BY_KIND = new Map<string, Summarizer>(
  Object.entries({
    Pod: summarizePod,
    Deployment: summarizeDeployment,
    ReplicaSet: summarizeReplicaSet,
    StatefulSet: summarizeStatefulSet,
    DaemonSet: summarizeDaemonSet,
    Job: summarizeJob,
    CronJob: summarizeCronJob,
    Node: summarizeNode,
    Service: summarizeService,
    Namespace: summarizeNamespace,
  }),
);

/** kindName resolves a ResourceKind, a kind (`Pod`), a plural (`pods`) or a short name (`po`) to the kind. */
function kindName(kind: ResourceKind | string): string {
  if (typeof kind !== 'string') return kind.kind;
  if (BY_KIND.has(kind)) return kind;
  const lower = kind.toLowerCase();
  const k = ALL_KINDS.find(
    (k) => k.kind.toLowerCase() === lower || k.plural === lower || k.shortNames.includes(lower),
  );
  return k?.kind ?? kind;
}

/**
 * summarize renders `obj`, an object of `kind`, at `now` (epoch ms). `kind` may be a
 * ResourceKind or its kind, plural or short name; unknown kinds get summarizeGeneric.
 */
export function summarize(kind: ResourceKind | string, obj: KubeObject, now: number): ResourceSummary {
  const cut = obj.metadata?.annotations?.[TRUNCATED_ANNOTATION];
  if (cut !== undefined) return summarizeTruncated(obj, cut, now);
  return (BY_KIND.get(kindName(kind)) ?? summarizeGeneric)(obj, now);
}

/**
 * summarizeTruncated renders an object kept with its metadata only (over the size cap): its
 * status is unknown, and its row says why, with the size it had.
 */
function summarizeTruncated(obj: KubeObject, bytes: string, now: number): ResourceSummary {
  const age = ageOf(obj, now);
  const n = Number(bytes);
  const size = Number.isFinite(n) && n > 0 ? `${(n / 1048576).toFixed(1)} MiB` : 'over the cap';
  const status = `too large (${size}): metadata only`;
  return {
    health: 'warning',
    status,
    description: joinDescription(status, age === '<unknown>' ? undefined : age),
    fields: [
      { label: 'Status', value: status },
      { label: 'Age', value: age },
    ],
  };
}
