import {
  controllerRevisionMarks,
  mergeRevisionMarks,
  RevisionChangeTracker,
  revisionNumberIn,
} from '../../core/explain/revisionMarks';
import { rolloutMarks } from '../../core/explain/rolloutMarks';
import type { ReadonlyIndexer } from '../../core/cache/store';
import type { KubeObject } from '../../core/cache/types';
import type { KindStatus } from '../../core/cluster/status';
import { DAEMONSETS, REPLICASETS, STATEFULSETS, type ResourceKind } from '../../core/kinds';
import { type Clock, realClock, type TimerHandle } from '../../core/util/clock';
import type { Disposable } from '../../core/util/disposable';
import { Emitter } from '../../core/util/emitter';
import { EXPLAIN_LIMITS, type RolloutMark } from '../../protocol/explain';
import type { KindChange, ObjectChange } from '../contexts/connections';

/** TIMELINE_MS is the timeline's window (its last hour, with a minute of margin). */
const TIMELINE_MS = 61 * 60_000;

/** MarksSession is what RolloutMarksSource reads of a ClusterSession. */
export interface MarksSession {
  kindStatus(kind: ResourceKind): KindStatus;
  store(kind: ResourceKind): ReadonlyIndexer<KubeObject>;
  storeOf(kind: ResourceKind): ReadonlyIndexer<KubeObject> | undefined;
  kindStatusOf(kind: ResourceKind): KindStatus;
  readonly discovery?: { byResource(group: string, plural: string): ResourceKind | undefined } | undefined;
}

/** MarksConnections is what RolloutMarksSource needs of Connections. */
export interface MarksConnections {
  onDidChangeObject(listener: (c: ObjectChange) => void): Disposable;
  onDidChangeKinds(listener: (c: KindChange) => void): Disposable;
  contexts(): readonly { name: string }[];
  session(name: string): MarksSession | undefined;
}

const isRevisionKind = (k: ResourceKind | undefined) =>
  k?.group === 'apps' && k.plural === 'controllerrevisions';

/**
 * RolloutMarksSource gives the Events timeline its rollout marks, in every connected context,
 * at most EXPLAIN_LIMITS.marks, newest first: the ReplicaSets of Deployments created in the last
 * hour (see core rolloutMarks), and the StatefulSet and DaemonSet revision changes (see core
 * revisionMarks): seen on their eager informers (no request), and read from the
 * ControllerRevisions while an explanation keeps their informer running. `onDidChange` fires
 * at most once per `coalesceMs` after a ReplicaSet or ControllerRevision came or went, a
 * StatefulSet/DaemonSet changed revision, or the ControllerRevision informer started, synced
 * or stopped; `marks` reads the caches when asked, never otherwise.
 */
export class RolloutMarksSource implements Disposable {
  private readonly emitter = new Emitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: Disposable[];
  private timer: TimerHandle | undefined;
  private readonly clock: Clock;
  private readonly delay: number;
  private readonly tracker = new RevisionChangeTracker();

  constructor(
    private readonly connections: MarksConnections,
    options: { clock?: Clock; coalesceMs?: number } = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.delay = options.coalesceMs ?? 1000;
    this.subscriptions = [
      connections.onDidChangeObject(({ context, kind, type, obj }) => {
        if (kind === STATEFULSETS || kind === DAEMONSETS) {
          if (this.tracker.observe(context, kind.kind, type, obj, this.clock.now())) this.schedule();
          return;
        }
        if ((kind === REPLICASETS || isRevisionKind(kind)) && type !== 'update') this.schedule();
      }),
      connections.onDidChangeKinds(({ kind }) => {
        if (isRevisionKind(kind)) this.schedule();
      }),
    ];
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, this.delay);
  }

  /** marks returns the current marks, newest first. */
  marks(): RolloutMark[] {
    const now = this.clock.now();
    const from = now - TIMELINE_MS;
    const to = now + 60_000;
    const out: RolloutMark[] = [];
    for (const c of this.connections.contexts()) {
      const session = this.connections.session(c.name);
      if (!session) {
        this.tracker.forget(c.name);
        continue;
      }
      if (session.kindStatus(REPLICASETS).phase === 'synced')
        out.push(...rolloutMarks(c.name, session.store(REPLICASETS).list(), from, to));
      const crKind = session.discovery?.byResource('apps', 'controllerrevisions');
      const crs =
        crKind && session.kindStatusOf(crKind).phase === 'synced' ? session.storeOf(crKind) : undefined;
      const observed = this.tracker.marks(
        c.name,
        from,
        to,
        crs ? revisionNumberIn((k) => crs.get(k)) : undefined,
      );
      out.push(
        ...mergeRevisionMarks(observed, crs ? controllerRevisionMarks(c.name, crs.list(), from, to) : []),
      );
    }
    return out.sort((a, b) => b.at - a.at).slice(0, EXPLAIN_LIMITS.marks);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
