/**
 * revisionMarks: the StatefulSet and DaemonSet rollouts the Events timeline marks (Deployments:
 * see rolloutMarks). Two sources, the first costing no request:
 * - RevisionChangeTracker follows the eager StatefulSet and DaemonSet informers and records a
 *   mark when a workload's revision changes: a StatefulSet's status.updateRevision (set by its
 *   controller when it starts rolling a new revision out), a DaemonSet's template generation
 *   (annotation deprecated.daemonset.template.generation, raised by the API server on each
 *   template change; DaemonSetStatus carries no revision). The mark's time is when the change
 *   was seen: changes made before the context connected are not known this way.
 * - controllerRevisionMarks reads the ControllerRevisions while their informer runs (leased by
 *   an explanation): each one created in the window is one mark, at its creation, with its
 *   revision number; they replace the tracker's marks of the same revision.
 */
import type { KubeObject } from '../cache/types';
import { parseTime } from '../events/model';
import { sanitizeText } from '../notify/sanitize';
import { controllerOf } from '../resources/ownership';
import { rec, str } from '../resources/read';
import type { RolloutMark } from '../../protocol/explain';
import { MAX_ROLLOUT_MARKS } from './rolloutMarks';

/** TEMPLATE_GENERATION_ANNOTATION counts a DaemonSet's template changes (apps/v1). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** MAX_TRACKED_WORKLOADS bounds the workloads one context's tracker remembers. */
export const MAX_TRACKED_WORKLOADS = 50_000;

const KINDS = new Set(['StatefulSet', 'DaemonSet']);

/** revisionOf is the revision signature the tracker compares: updateRevision, or the template generation. */
function revisionOf(kind: string, o: KubeObject): string | undefined {
  if (kind === 'StatefulSet') return str(rec(o['status'])['updateRevision']);
  return str(rec(o.metadata?.annotations)[TEMPLATE_GENERATION_ANNOTATION]);
}

interface ObservedMark {
  kind: string;
  namespace: string;
  name: string;
  /** updateRevision (a ControllerRevision's name) or the template generation. */
  revision: string;
  at: number;
}

interface ContextState {
  known: Map<string, string>;
  marks: ObservedMark[];
}

/**
 * RevisionChangeTracker remembers, per context, each StatefulSet's and DaemonSet's revision and
 * the changes seen (newest MAX_ROLLOUT_MARKS kept, at most MAX_TRACKED_WORKLOADS workloads per
 * context: beyond, new workloads are not followed). It keeps strings and numbers only, never
 * the objects.
 */
export class RevisionChangeTracker {
  private readonly contexts = new Map<string, ContextState>();

  constructor(private readonly limits: { workloads?: number; marks?: number } = {}) {}

  /**
   * observe takes one informer change of `kind` (other kinds are ignored); it returns true when
   * it recorded a revision change (an update whose revision differs from the one known).
   */
  observe(
    context: string,
    kind: string,
    type: 'add' | 'update' | 'delete',
    obj: KubeObject,
    now: number,
  ): boolean {
    if (!KINDS.has(kind) || !obj?.metadata) return false;
    let state = this.contexts.get(context);
    if (!state) this.contexts.set(context, (state = { known: new Map(), marks: [] }));
    const key = `${kind}\u0000${str(obj.metadata.namespace) ?? ''}\u0000${str(obj.metadata.name) ?? ''}`;
    if (type === 'delete') {
      state.known.delete(key);
      return false;
    }
    const revision = revisionOf(kind, obj);
    const before = state.known.get(key);
    if (revision === undefined) return false;
    if (before === undefined && state.known.size >= (this.limits.workloads ?? MAX_TRACKED_WORKLOADS))
      return false;
    state.known.set(key, revision);
    if (type !== 'update' || before === undefined || before === revision) return false;
    state.marks.push({
      kind,
      namespace: str(obj.metadata.namespace) ?? '',
      name: str(obj.metadata.name) ?? '',
      revision,
      at: now,
    });
    const max = this.limits.marks ?? MAX_ROLLOUT_MARKS;
    if (state.marks.length > max) state.marks.splice(0, state.marks.length - max);
    return true;
  }

  /**
   * marks returns `context`'s observed marks in [from, to), newest first. `revisionNumber`
   * names a StatefulSet revision by its ControllerRevision's number when that is cached;
   * otherwise the mark says the revision's name.
   */
  marks(
    context: string,
    from: number,
    to: number,
    revisionNumber: (namespace: string, name: string) => string | undefined = () => undefined,
  ): RolloutMark[] {
    const out: RolloutMark[] = [];
    for (const m of this.contexts.get(context)?.marks ?? []) {
      if (m.at < from || m.at >= to) continue;
      const revision =
        m.kind === 'StatefulSet' ? (revisionNumber(m.namespace, m.revision) ?? m.revision) : m.revision;
      out.push({
        context,
        workload: sanitizeText(`${m.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`, 300),
        revision: sanitizeText(revision, 64),
        at: m.at,
      });
    }
    return out.sort((a, b) => b.at - a.at);
  }

  /** forget drops a context (disconnected). */
  forget(context: string): void {
    this.contexts.delete(context);
  }
}

/**
 * controllerRevisionMarks returns the marks of the ControllerRevisions controlled by a
 * StatefulSet or DaemonSet and created in [from, to), newest first, at most `max`. Revisions
 * without a number, a creation time or such a controller are skipped.
 */
export function controllerRevisionMarks(
  context: string,
  revisions: Iterable<KubeObject>,
  from: number,
  to: number,
  max = MAX_ROLLOUT_MARKS,
): RolloutMark[] {
  const out: RolloutMark[] = [];
  for (const cr of revisions) {
    const at = parseTime(cr.metadata?.creationTimestamp);
    if (at === undefined || at < from || at >= to) continue;
    const owner = controllerOf(cr);
    if (!owner || !KINDS.has(owner.kind) || typeof owner.name !== 'string') continue;
    const n = cr['revision'];
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) continue;
    const ns = str(cr.metadata.namespace) ?? '';
    out.push({
      context,
      workload: sanitizeText(`${owner.kind} ${ns ? `${ns}/` : ''}${owner.name}`, 300),
      revision: String(n),
      at,
    });
  }
  out.sort((a, b) => b.at - a.at);
  return out.slice(0, max);
}

/**
 * mergeRevisionMarks puts the two sources together: a ControllerRevision's mark replaces an
 * observed mark of the same workload and revision (its time is the rollout's own).
 */
export function mergeRevisionMarks(observed: RolloutMark[], fromRevisions: RolloutMark[]): RolloutMark[] {
  const exact = new Set(fromRevisions.map((m) => `${m.context}\u0000${m.workload}\u0000${m.revision}`));
  const kept = observed.filter((m) => !exact.has(`${m.context}\u0000${m.workload}\u0000${m.revision}`));
  return [...fromRevisions, ...kept].sort((a, b) => b.at - a.at);
}

/** revisionNumberIn looks a StatefulSet revision's number up in cached ControllerRevisions (by namespace/name key). */
export function revisionNumberIn(
  get: (key: string) => KubeObject | undefined,
): (namespace: string, name: string) => string | undefined {
  return (namespace, name) => {
    const n = get(`${namespace}/${name}`)?.['revision'];
    return typeof n === 'number' && Number.isSafeInteger(n) ? String(n) : undefined;
  };
}
