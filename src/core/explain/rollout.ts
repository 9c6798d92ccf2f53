/**
 * rollout: relates a Warning on a workload's pod to the workload's revisions. For a
 * Deployment the revisions are its ReplicaSets (annotation deployment.kubernetes.io/revision,
 * pod template in spec.template); for a StatefulSet or DaemonSet they are ControllerRevisions
 * (field revision, pod template in data.spec.template), matched to the pod by its
 * controller-revision-hash label (the revision's name for a StatefulSet pod, its hash for a
 * DaemonSet pod). Everything is read from the cache; missing pieces make the
 * context smaller, never wrong.
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { controllerOf } from '../resources/ownership';
import { rec, str } from '../resources/read';
import { ref } from './text';
import { diffTemplates } from './templateDiff';
import type { ExplainCache, ExplainEvent, Ref, RolloutContext } from './types';
import { LIMITS } from './types';
import { englishL10n, type Localizer } from '../util/l10n';

/** REVISION_ANNOTATION is the Deployment controller's revision annotation on ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

interface Revision {
  revision: string;
  created: number | undefined;
  template: unknown;
  /** The uid whose pods belong to this revision (a ReplicaSet), or the hash label value. */
  podsOf: (cache: ExplainCache) => KubeObject[];
}

const MAX_PODS_PER_REVISION = 500;

/**
 * rolloutContext returns the rollout context of a Warning on a pod (or a ReplicaSet), or undefined;
 * its change texts are in the language of `l10n`.
 */
export function rolloutContext(
  e: ExplainEvent,
  cache: ExplainCache,
  l10n: Localizer = englishL10n,
): RolloutContext | undefined {
  const { kind, namespace, name } = e.involved;
  const obj = kind === 'Pod' || kind === 'ReplicaSet' ? cache.get(kind, namespace, name) : undefined;
  if (!obj) return undefined;
  const found = kind === 'ReplicaSet' ? { rs: obj } : ownerRs(obj, cache);
  if (found?.rs) return fromDeployment(e, cache, found.rs, l10n);
  if (kind === 'Pod') return fromControllerRevisions(e, cache, obj, l10n);
  return undefined;
}

function ownerRs(pod: KubeObject, cache: ExplainCache): { rs: KubeObject | undefined } | undefined {
  const c = controllerOf(pod);
  if (!c || c.kind !== 'ReplicaSet') return undefined;
  return { rs: cache.get('ReplicaSet', pod.metadata.namespace ?? '', c.name) };
}

function fromDeployment(
  e: ExplainEvent,
  cache: ExplainCache,
  rs: KubeObject,
  l10n: Localizer,
): RolloutContext | undefined {
  const c = controllerOf(rs);
  if (!c || c.kind !== 'Deployment') return undefined;
  const ns = rs.metadata.namespace ?? '';
  const deploy = cache.get('Deployment', ns, c.name);
  const uid = deploy?.metadata.uid ?? c.uid;
  const siblings = cache.ownedBy('ReplicaSet', uid);
  const revisions: Revision[] = [];
  for (const r of siblings) {
    const rev = str(rec(r.metadata.annotations)[REVISION_ANNOTATION]);
    if (!rev) continue;
    revisions.push({
      revision: rev,
      created: parseTime(r.metadata.creationTimestamp),
      template: rec(r['spec'])['template'],
      podsOf: (cc) => (r.metadata.uid ? cc.ownedBy('Pod', r.metadata.uid) : []),
    });
  }
  const current = str(rec(rs.metadata.annotations)[REVISION_ANNOTATION]);
  if (!current) return undefined;
  return build(e, cache, ref('Deployment', ns, c.name), revisions, current, l10n);
}

/** The label the DaemonSet controller puts on its ControllerRevisions and pods: the revision's hash. */
const REVISION_HASH_LABEL = 'controller-revision-hash';
/** The label the StatefulSet controller (pkg/controller/history) puts on its ControllerRevisions. */
const HISTORY_HASH_LABEL = 'controller.kubernetes.io/hash';

/**
 * revisionKeys are the values a pod's controller-revision-hash label may hold for `cr`: the
 * StatefulSet controller writes the revision's NAME there (`web-6b7f9d4c8`, as in
 * status.updateRevision), the DaemonSet controller its hash (the CR's own label).
 */
function revisionKeys(cr: KubeObject, owner: string): Set<string> {
  const labels = rec(cr.metadata.labels);
  const name = cr.metadata.name ?? '';
  const keys = new Set<string>();
  if (name) keys.add(name);
  const hash =
    str(labels[REVISION_HASH_LABEL]) ??
    str(labels[HISTORY_HASH_LABEL]) ??
    (name.startsWith(`${owner}-`) ? name.slice(owner.length + 1) : undefined);
  if (hash) keys.add(hash);
  return keys;
}

function fromControllerRevisions(
  e: ExplainEvent,
  cache: ExplainCache,
  pod: KubeObject,
  l10n: Localizer,
): RolloutContext | undefined {
  const c = controllerOf(pod);
  if (!c || (c.kind !== 'StatefulSet' && c.kind !== 'DaemonSet') || !cache.watches('ControllerRevision'))
    return undefined;
  const hash = str(rec(pod.metadata.labels)[REVISION_HASH_LABEL]);
  if (!hash) return undefined;
  const ns = pod.metadata.namespace ?? '';
  const revisions: Revision[] = [];
  let current: string | undefined;
  for (const cr of cache.ownedBy('ControllerRevision', c.uid)) {
    const rev = typeof cr['revision'] === 'number' ? String(cr['revision']) : undefined;
    if (!rev || (cr.metadata.namespace ?? '') !== ns) continue;
    const keys = revisionKeys(cr, c.name);
    if (keys.has(hash)) current = rev;
    revisions.push({
      revision: rev,
      created: parseTime(cr.metadata.creationTimestamp),
      template: rec(rec(cr['data'])['spec'])['template'],
      podsOf: (cc) =>
        cc.ownedBy('Pod', c.uid).filter((p) => {
          const h = rec(p.metadata.labels)[REVISION_HASH_LABEL];
          return typeof h === 'string' && keys.has(h);
        }),
    });
  }
  if (!current) return undefined;
  return build(e, cache, ref(c.kind, ns, c.name), revisions, current, l10n);
}

function warningsOf(rev: Revision, cache: ExplainCache): { total: number; reasons: Set<string> } {
  let total = 0;
  const reasons = new Set<string>();
  for (const pod of rev.podsOf(cache).slice(0, MAX_PODS_PER_REVISION)) {
    if (!pod.metadata.uid) continue;
    for (const ev of cache.eventsAbout(pod.metadata.uid)) {
      if (ev.type !== 'Warning') continue;
      total += ev.count;
      reasons.add(ev.reason);
    }
  }
  return { total, reasons };
}

function build(
  e: ExplainEvent,
  cache: ExplainCache,
  workload: Ref,
  revisions: Revision[],
  current: string,
  l10n: Localizer,
): RolloutContext {
  revisions.sort((a, b) => Number(b.revision) - Number(a.revision));
  const i = revisions.findIndex((r) => r.revision === current);
  const cur = revisions[i];
  const prev = i >= 0 ? revisions[i + 1] : undefined;
  const counts = revisions.slice(0, LIMITS.revisions).map((r) => ({ r, w: warningsOf(r, cache) }));
  const sinceRollout =
    cur?.created !== undefined && e.firstSeen !== undefined ? e.firstSeen - cur.created : undefined;
  const prevWarned = prev
    ? (counts.find((c) => c.r === prev)?.w ?? warningsOf(prev, cache)).reasons.has(e.reason)
    : false;
  return {
    workload,
    revision: current,
    sinceRollout,
    startedAfterRollout: sinceRollout !== undefined && sinceRollout >= 0 && !prevWarned,
    warningsPerRevision: counts.map((c) => ({ revision: c.r.revision, warnings: c.w.total })),
    changes: cur && prev ? diffTemplates(prev.template, cur.template, l10n) : [],
    previousRevision: prev?.revision,
  };
}

/** describeRollout renders the context in one line, e.g. "first seen 40s after web rolled out revision 7". */
export function describeRollout(r: RolloutContext, l10n: Localizer = englishL10n): string {
  if (r.sinceRollout === undefined || r.sinceRollout < 0)
    return l10n.t('{0} {1} revision {2}', r.workload.kind, r.workload.name, r.revision);
  const since = humanDuration(r.sinceRollout);
  return r.startedAfterRollout
    ? l10n.t('first seen {0} after {1} rolled out revision {2}', since, r.workload.name, r.revision)
    : l10n.t(
        'first seen {0} after {1} rolled out revision {2} (revision {3} warned the same way)',
        since,
        r.workload.name,
        r.revision,
        r.previousRevision ?? '?',
      );
}
