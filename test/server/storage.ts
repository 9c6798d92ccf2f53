/**
 * storage: the objects of one resource (both Event APIs share one), kept sorted by key, plus a
 * bounded history of changes. The history serves watches that resume from a resourceVersion
 * and consistent snapshots for paged lists: the state at rv S is the current state with every
 * change after S undone.
 */
import type { ResourceKind } from '../../src/core/kinds';
import type { StoredObject } from './storedObject';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * Change is one write. `object` is the new version; for DELETED it is the last state stamped
 * with the deletion's resourceVersion. `prev` is the version before the change, if any.
 */
export interface Change {
  readonly rv: number;
  readonly type: ChangeType;
  readonly key: string;
  readonly object: StoredObject;
  readonly prev: StoredObject | undefined;
}

/** Overlay maps keys changed after a snapshot's rv to their state at that rv (undefined: absent). */
export type Overlay = ReadonlyMap<string, StoredObject | undefined>;

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Storage holds one resource's state and history. Listeners are called synchronously, in write order. */
export class Storage {
  readonly id: string;
  readonly kinds: readonly ResourceKind[];
  private readonly objects = new Map<string, StoredObject>();
  private readonly keys: string[] = [];
  /** The history is `history[historyStart..]`; the dead prefix is trimmed in batches. */
  private history: Change[] = [];
  private historyStart = 0;
  private readonly historyWindow: number;
  private readonly listeners = new Set<(c: Change) => void>();
  /** compactedRv: changes with rv <= this may be forgotten; reads from older versions are expired. */
  compactedRv = 0;
  lastChangeRv = 0;

  constructor(opts: { id: string; kinds: readonly ResourceKind[]; historyWindow: number }) {
    this.id = opts.id;
    this.kinds = opts.kinds;
    this.historyWindow = Math.max(1, opts.historyWindow);
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  /** apply records a change, updates the state, and notifies listeners. */
  apply(change: Change): void {
    if (change.type === 'DELETED') {
      this.objects.delete(change.key);
      const i = lowerBound(this.keys, change.key);
      if (this.keys[i] === change.key) this.keys.splice(i, 1);
    } else {
      if (!this.objects.has(change.key)) {
        const i = lowerBound(this.keys, change.key);
        this.keys.splice(i, 0, change.key);
      }
      this.objects.set(change.key, change.object);
    }
    this.history.push(change);
    this.lastChangeRv = change.rv;
    if (this.history.length - this.historyStart > this.historyWindow) {
      this.compactedRv = Math.max(this.compactedRv, this.history[this.historyStart]!.rv);
      this.historyStart++;
      if (this.historyStart >= Math.max(1024, this.historyWindow)) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const l of [...this.listeners]) l(change);
  }

  /** compact forgets every change and expires every version older than `rv`. */
  compact(rv: number): void {
    this.history = [];
    this.historyStart = 0;
    this.compactedRv = Math.max(this.compactedRv, rv);
  }

  /** isExpired tells whether reads "as of" `rv` can no longer be served. */
  isExpired(rv: number): boolean {
    return rv < this.compactedRv;
  }

  /** changesSince returns the changes with rv > `rv`, oldest first; the caller checks isExpired first. */
  changesSince(rv: number): Change[] {
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** overlayAt returns what to undo to see the state at `rv`; the caller checks isExpired first. */
  overlayAt(rv: number): Overlay {
    const overlay = new Map<string, StoredObject | undefined>();
    if (rv >= this.lastChangeRv) return overlay;
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const c = this.history[i]!;
      if (c.rv <= rv) break;
      overlay.set(c.key, c.prev);
    }
    return overlay;
  }

  /**
   * scan yields the objects of the snapshot described by `overlay`, in key order, whose keys
   * start with `prefix` and sort after `after`.
   */
  *scan(overlay: Overlay, prefix = '', after?: string): Generator<StoredObject> {
    const start = after !== undefined && after + '\0' > prefix ? after + '\0' : prefix;
    const extra = [...overlay.keys()].filter((k) => k >= start && k.startsWith(prefix)).sort();
    let i = lowerBound(this.keys, start);
    let j = 0;
    for (;;) {
      const a = i < this.keys.length && this.keys[i]!.startsWith(prefix) ? this.keys[i]! : undefined;
      const b = j < extra.length ? extra[j]! : undefined;
      if (a === undefined && b === undefined) return;
      let key: string;
      if (b === undefined || (a !== undefined && a < b)) {
        key = a!;
        i++;
      } else if (a === undefined || b < a) {
        key = b;
        j++;
      } else {
        key = a;
        i++;
        j++;
      }
      const obj = overlay.has(key) ? overlay.get(key) : this.objects.get(key);
      if (obj) yield obj;
    }
  }

  /** countAfter counts the snapshot's objects after `after` within `prefix` (fast when nothing changed since). */
  countAfter(overlay: Overlay, prefix: string, after: string): number {
    const end = prefix
      ? lowerBound(
          this.keys,
          prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1),
        )
      : this.keys.length;
    let n = Math.max(0, end - lowerBound(this.keys, after + '\0'));
    for (const [key, then] of overlay) {
      if (key <= after || !key.startsWith(prefix)) continue;
      n += (then !== undefined ? 1 : 0) - (this.objects.has(key) ? 1 : 0);
    }
    return n;
  }

  /** subscribe registers a listener for future changes; returns the unsubscribe function. */
  subscribe(listener: (c: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
