import type { ResourceEventHandler } from '../../core/cache/informer';
import type { ReadonlyIndexer } from '../../core/cache/store';
import type { KubeObject } from '../../core/cache/types';
import type { ObjectName } from '../../core/cluster/objectWatch';
import type { KindStatus } from '../../core/cluster/status';
import type { ResourceKind } from '../../core/kinds';
import type { Disposable } from '../../core/util/disposable';
import type { Event } from '../../core/util/emitter';

/** HeldObjectWatch is what DescribeHolds needs of a single-object watch (an ObjectWatch fits). */
export interface HeldObjectWatch extends Disposable {
  readonly store: ReadonlyIndexer<KubeObject>;
  readonly status: KindStatus;
  readonly onDidChangeStatus: Event<KindStatus>;
  addEventHandler(handler: ResourceEventHandler<KubeObject>): Disposable;
}

/** HoldSession is what DescribeHolds needs of a context's session (a ClusterSession fits). */
export interface HoldSession {
  isEager(kind: ResourceKind): boolean;
  storeOf(kind: ResourceKind, namespace?: string): ReadonlyIndexer<KubeObject> | undefined;
  kindStatusOf(kind: ResourceKind, namespace?: string): KindStatus;
  acquire(kind: ResourceKind, namespace?: string): Disposable;
  watchObject(kind: ResourceKind, ref: ObjectName): HeldObjectWatch | undefined;
}

/** DescribeSource is where a describe document reads its object: a cache and its status. */
export interface DescribeSource {
  readonly store: ReadonlyIndexer<KubeObject> | undefined;
  readonly status: KindStatus;
}

interface Hold {
  session: HoldSession;
  kind: ResourceKind;
  /** The kind's lease (the kind runs), or a single-object watch of the document's object. */
  lease?: Disposable;
  watch?: HeldObjectWatch;
  subscriptions: Disposable[];
}

/**
 * DescribeHolds keeps each open describe document's object current, by document key:
 * - an eager kind needs nothing (its informer always runs);
 * - a lazy kind already running in the object's namespace (the tree has it open there, a Reveal
 *   started it) is read from its store, under a lease of that namespace only so it does not stop
 *   while the document is open;
 * - a lazy kind not running gets a single-object watch (GET, then a name-selected WATCH) instead
 *   of the whole kind's informer; once the kind runs and has synced, the document moves to the
 *   kind's store under a lease and the object watch stops.
 * A session without single-object watches leases the kind. `release` (the document closed) and
 * `dispose` stop everything held; `onChange(key)` says a held watch's object or status moved.
 * Pure bookkeeping: no vscode import.
 */
export class DescribeHolds implements Disposable {
  private readonly holds = new Map<string, Hold>();

  constructor(private readonly onChange: (key: string) => void) {}

  /** source holds what document `key` needs and returns where to read its object. */
  source(key: string, session: HoldSession, kind: ResourceKind, ref: ObjectName): DescribeSource {
    if (session.isEager(kind)) {
      this.release(key);
      return { store: session.storeOf(kind), status: session.kindStatusOf(kind) };
    }
    let hold = this.holds.get(key);
    if (hold && (hold.session !== session || hold.kind !== kind)) {
      this.release(key);
      hold = undefined;
    }
    const ns = ref.namespace;
    const kindSynced =
      session.storeOf(kind, ns) !== undefined && session.kindStatusOf(kind, ns).phase === 'synced';
    if (hold?.watch && kindSynced) {
      // The kind runs now: its store serves the document; the object watch is no longer needed.
      this.release(key);
      hold = undefined;
    }
    if (!hold) {
      hold = this.take(key, session, kind, ref);
      this.holds.set(key, hold);
    }
    if (hold.watch) return { store: hold.watch.store, status: hold.watch.status };
    return { store: session.storeOf(kind, ns), status: session.kindStatusOf(kind, ns) };
  }

  /** held reports what document `key` holds now. */
  held(key: string): 'lease' | 'object' | undefined {
    const h = this.holds.get(key);
    return h?.watch ? 'object' : h?.lease ? 'lease' : undefined;
  }

  /** release stops what document `key` holds (it closed). Idempotent. */
  release(key: string): void {
    const h = this.holds.get(key);
    if (!h) return;
    this.holds.delete(key);
    for (const s of h.subscriptions) s.dispose();
    h.watch?.dispose();
    h.lease?.dispose();
  }

  dispose(): void {
    for (const key of [...this.holds.keys()]) this.release(key);
  }

  private take(key: string, session: HoldSession, kind: ResourceKind, ref: ObjectName): Hold {
    const running = session.storeOf(kind, ref.namespace) !== undefined;
    const watch = running ? undefined : session.watchObject(kind, ref);
    if (!watch) return { session, kind, lease: session.acquire(kind, ref.namespace), subscriptions: [] };
    const changed = () => this.onChange(key);
    return {
      session,
      kind,
      watch,
      subscriptions: [
        watch.onDidChangeStatus(changed),
        watch.addEventHandler({ onAdd: changed, onUpdate: changed, onDelete: changed }),
      ],
    };
  }
}
