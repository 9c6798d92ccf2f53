import { type Clock, type TimerHandle } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { type ChangeSink } from './ownerForest';

/** RollupChange says which counters changed since the previous one (each list without duplicates). */
export interface RollupChange {
  /** Uids whose `countFor` changed (placeholders for uid-less events are left out). */
  uids: string[];
  /** Namespaces whose `countForNamespace` changed ('' for cluster-scoped objects). */
  namespaces: string[];
  /** (namespace, kind) pairs whose `countForKind` changed. */
  kinds: { namespace: string; kind: string }[];
  /** countForContext() at the time of the change. */
  contextCount: number;
}

/** ChangeCollectorOptions configure a ChangeCollector. */
export interface ChangeCollectorOptions {
  clock: Clock;
  /** How long changes are gathered after the first one before they are emitted. */
  coalesceMs: number;
  /** Ids that are not object uids (placeholders) and never reported. */
  isPlaceholder: (id: string) => boolean;
  contextCount: () => number;
  emit: (change: RollupChange) => void;
}

/**
 * ChangeCollector is the ChangeSink of a WarningRollup: it gathers what changed and emits one
 * RollupChange `coalesceMs` after the first change of a batch (or at `flush`). `dispose()`
 * clears its timer without emitting.
 */
export class ChangeCollector implements ChangeSink, Disposable {
  private readonly uids = new Set<string>();
  private readonly namespaces = new Set<string>();
  private readonly kinds = new Map<string, { namespace: string; kind: string }>();
  private timer: TimerHandle | undefined;
  private disposed = false;

  constructor(private readonly options: ChangeCollectorOptions) {}

  uid(id: string): void {
    if (!this.options.isPlaceholder(id)) this.uids.add(id);
    this.schedule();
  }

  namespace(namespace: string): void {
    this.namespaces.add(namespace);
    this.schedule();
  }

  kind(namespace: string, kind: string): void {
    this.kinds.set(`${namespace}\u0000${kind}`, { namespace, kind });
    this.schedule();
  }

  /** flush emits the gathered change now, if there is one. */
  flush(): void {
    this.cancel();
    if (this.disposed || this.uids.size + this.namespaces.size + this.kinds.size === 0) return;
    const change: RollupChange = {
      uids: [...this.uids],
      namespaces: [...this.namespaces],
      kinds: [...this.kinds.values()],
      contextCount: this.options.contextCount(),
    };
    this.uids.clear();
    this.namespaces.clear();
    this.kinds.clear();
    this.options.emit(change);
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.options.coalesceMs);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
