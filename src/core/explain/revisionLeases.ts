/**
 * revisionLeases: which lazy informers an explanation needs running, and who keeps them. A
 * Warning on a StatefulSet's or DaemonSet's pod is related to the workload's revisions through
 * its ControllerRevisions, a kind no informer watches until someone acquires it. The viewer of
 * an explanation (the Events view's panel, an open explanation document) owns a LeaseRounds:
 * each time it recomputes, the explanations it shows say which leases they need
 * (holdRevisionsFor), and the leases no explanation needs any more are released. A viewer that
 * holds nothing (a tooltip) starts nothing: explaining alone never sends a request.
 */
import type { KubeObject } from '../cache/types';
import { kindId, type ResourceKind } from '../kinds';
import { controllerOf } from '../resources/ownership';
import type { Disposable } from '../util/disposable';
import type { ExplainCache, ExplainEvent, Ref } from './types';

/**
 * LeaseHolder keeps leases for the duration of one round (see LeaseRounds). `hold` acquires
 * `key` for `owner` unless it already holds it for that same owner (a new owner, e.g. a
 * reconnected session, replaces the old lease).
 */
export interface LeaseHolder {
  hold(key: string, owner: object, acquire: () => Disposable): void;
}

interface Held {
  owner: object;
  lease: Disposable;
}

/**
 * LeaseRounds is one viewer's set of leases. `round(f)` runs `f` with this holder, then
 * releases every lease `f` did not hold (a round inside a round joins it); `clear()` releases
 * all (the viewer shows nothing now); `dispose()` clears for good and holds nothing after.
 * Each lease is disposed exactly once.
 */
export class LeaseRounds implements LeaseHolder, Disposable {
  private readonly held = new Map<string, Held>();
  private seen: Set<string> | undefined;
  private disposed = false;

  /** round runs `f` (which calls hold), then releases what it no longer holds. */
  round<T>(f: (holder: LeaseHolder) => T): T {
    if (this.seen) return f(this);
    const seen = new Set<string>();
    this.seen = seen;
    try {
      return f(this);
    } finally {
      this.seen = undefined;
      for (const [key, h] of [...this.held]) {
        if (seen.has(key)) continue;
        this.held.delete(key);
        h.lease.dispose();
      }
    }
  }

  hold(key: string, owner: object, acquire: () => Disposable): void {
    if (this.disposed) return;
    this.seen?.add(key);
    const h = this.held.get(key);
    if (h?.owner === owner) return;
    if (h) {
      this.held.delete(key);
      h.lease.dispose();
    }
    this.held.set(key, { owner, lease: acquire() });
  }

  /** size is the number of leases held. */
  get size(): number {
    return this.held.size;
  }

  /** clear releases every lease. */
  clear(): void {
    const all = [...this.held.values()];
    this.held.clear();
    for (const h of all) h.lease.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}

/** REVISION_OWNER_KINDS are the workloads whose revisions are ControllerRevisions. */
const REVISION_OWNER_KINDS = new Set(['StatefulSet', 'DaemonSet']);

/**
 * controllerRevisionOwner returns the StatefulSet or DaemonSet controlling the pod a Warning is
 * about (read from the cached pod's controller reference), or undefined for any other event.
 */
export function controllerRevisionOwner(e: ExplainEvent, cache: ExplainCache): Ref | undefined {
  if (e.type !== 'Warning' || e.involved.kind !== 'Pod') return undefined;
  const pod: KubeObject | undefined = cache.get('Pod', e.involved.namespace, e.involved.name);
  if (!pod) return undefined;
  const c = controllerOf(pod);
  if (!c || !REVISION_OWNER_KINDS.has(c.kind)) return undefined;
  return { kind: c.kind, namespace: pod.metadata.namespace ?? '', name: c.name };
}

/** RevisionLeaseSession is what holdRevisionsFor needs of a ClusterSession. */
export interface RevisionLeaseSession {
  readonly discovery?: { byResource(group: string, plural: string): ResourceKind | undefined } | undefined;
  acquire(kind: ResourceKind): Disposable;
}

/**
 * holdRevisionsFor makes `holder` keep the session's ControllerRevision informer running when
 * `e` is a Warning on a StatefulSet's or DaemonSet's pod, and reports whether it did. The kind
 * is the one discovery found (none while discovery has not answered, or when the cluster does
 * not serve it: nothing is acquired then). The lease is keyed by context and kind and owned by
 * the session: one informer per context, whatever the number of such Warnings shown.
 */
export function holdRevisionsFor(
  e: ExplainEvent & { context: string },
  cache: ExplainCache,
  session: RevisionLeaseSession,
  holder: LeaseHolder,
): boolean {
  if (!controllerRevisionOwner(e, cache)) return false;
  const kind = session.discovery?.byResource('apps', 'controllerrevisions');
  if (!kind) return false;
  holder.hold(`${e.context}\u0000${kindId(kind)}`, session, () => session.acquire(kind));
  return true;
}
