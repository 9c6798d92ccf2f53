/**
 * storage: one resource's keyspace in the etcd layer (both Event APIs share one): the objects
 * kept sorted by key, plus the history of changes since the last etcd compaction. The history
 * serves exact reads and continue tokens: the state at rv S is the current state with every
 * change after S undone. Watches do not read it: they follow the watch cache (watchCache.ts).
 */
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

/** Storage holds one resource's state and its history since the last compaction. */
export class Storage {
  readonly id: string;
  private readonly objects = new Map<string, StoredObject>();
  private readonly keys: string[] = [];
  /** The history is `history[historyStart..]`; the dead prefix is trimmed in batches. */
  private history: Change[] = [];
  private historyStart = 0;
  /** compactedRv: changes with rv <= this are forgotten; the owner (Etcd) decides when. */
  compactedRv = 0;
  lastChangeRv = 0;

  constructor(opts: { id: string }) {
    this.id = opts.id;
  }

  /** historyLength is how many changes are kept (bounded by the owner's compaction). */
  get historyLength(): number {
    return this.history.length - this.historyStart;
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  /** apply records a change and updates the state. */
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
  }

  /** compact forgets the changes with rv <= `rv`: reads "as of" an older version are expired. */
  compact(rv: number): void {
    if (rv <= this.compactedRv) return;
    this.compactedRv = rv;
    while (this.historyStart < this.history.length && this.history[this.historyStart]!.rv <= rv) {
      this.historyStart++;
    }
    if (this.historyStart >= 1024 || this.historyStart === this.history.length) {
      this.history = this.history.slice(this.historyStart);
      this.historyStart = 0;
    }
  }

  /** overlayAt returns what to undo to see the state at `rv`; the caller checks compaction first. */
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
}
