/**
 * DeletedFinalStateUnknown is the tombstone delivered to `onDelete` when an object vanished while
 * the informer was not watching (found missing from a relist). `obj` is the last state the cache
 * held; the object may have changed after that before it was deleted.
 */
export interface DeletedFinalStateUnknown<T> {
  readonly key: string;
  readonly obj: T;
  readonly finalStateUnknown: true;
}

/** isDeletedFinalStateUnknown tells a tombstone from an object. */
export function isDeletedFinalStateUnknown<T>(value: unknown): value is DeletedFinalStateUnknown<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { finalStateUnknown?: unknown }).finalStateUnknown === true
  );
}

/**
 * DeltaType is what happened to an object: from a watch event (Added, Updated, Deleted) or from
 * a relist (Replaced: the object was in the new list; Deleted with a tombstone: it was not).
 */
export type DeltaType = 'Added' | 'Updated' | 'Deleted' | 'Replaced';

/** Delta is one change of one object. */
export interface Delta<T> {
  readonly type: DeltaType;
  readonly object: T | DeletedFinalStateUnknown<T>;
}

/** KnownObjects is the subset of the cache the queue reads to detect deletions on replace. */
export interface KnownObjects<T> {
  get(key: string): T | undefined;
  listKeys(): string[];
}

/** DeltaQueueOptions configure a DeltaQueue. */
export interface DeltaQueueOptions<T> {
  keyFunc: (obj: T) => string;
  /** The cache the popped deltas are applied to. */
  knownObjects: KnownObjects<T>;
}

/** PoppedDeltas is every pending change of one key, oldest first. */
export interface PoppedDeltas<T> {
  readonly key: string;
  readonly deltas: readonly Delta<T>[];
  /** True while the items of the first replace are being popped (client-go's isInInitialList). */
  readonly isInInitialList: boolean;
}

/**
 * DeltaQueue is the DeltaFIFO of client-go: a FIFO of keys, each holding the ordered list of its
 * pending deltas. Producers (the reflector) `add`/`update`/`delete`/`replace`; the consumer (the
 * informer) `pop`s a key with all its deltas and applies them to the cache in order.
 *
 * Contract: per key, deltas are popped in the order they were queued; a key is queued once
 * however many deltas it accumulates, at the position of its first pending delta. Two
 * consecutive deletes of a key collapse into one (the one that is not a tombstone wins).
 * `replace` queues a Replaced delta per listed object and a tombstone Deleted delta for every key
 * known to the cache or pending in the queue that the list lacks. `hasSynced` becomes true once
 * the first replace happened and all of the keys it queued have been popped.
 */
export class DeltaQueue<T> {
  private readonly keyFunc: (obj: T) => string;
  private readonly knownObjects: KnownObjects<T>;
  /** Map iteration order is insertion order: it is the FIFO. */
  private readonly items = new Map<string, Delta<T>[]>();
  private populated = false;
  private initialPopulationCount = 0;

  constructor(options: DeltaQueueOptions<T>) {
    this.keyFunc = options.keyFunc;
    this.knownObjects = options.knownObjects;
  }

  get length(): number {
    return this.items.size;
  }

  add(obj: T): void {
    this.queue('Added', obj);
  }

  update(obj: T): void {
    this.queue('Updated', obj);
  }

  delete(obj: T): void {
    this.queue('Deleted', obj);
  }

  /** replace queues the outcome of a (re)list: see the class contract. */
  replace(list: readonly T[]): void {
    const keys = new Set<string>();
    for (const obj of list) {
      const key = this.keyFunc(obj);
      keys.add(key);
      this.queueKeyed(key, 'Replaced', obj);
    }
    let deletions = 0;
    // Keys pending in the queue but absent from the list (e.g. an ADDED not yet applied).
    for (const [key, deltas] of this.items) {
      if (keys.has(key)) continue;
      const newest = deltas[deltas.length - 1].object;
      const obj = isDeletedFinalStateUnknown<T>(newest) ? newest.obj : newest;
      this.queueKeyed(key, 'Deleted', tombstone(key, obj));
      deletions++;
    }
    // Keys in the cache, with nothing pending, absent from the list.
    for (const key of this.knownObjects.listKeys()) {
      if (keys.has(key) || this.items.has(key)) continue;
      const obj = this.knownObjects.get(key);
      if (obj === undefined) continue;
      this.queueKeyed(key, 'Deleted', tombstone(key, obj));
      deletions++;
    }
    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = keys.size + deletions;
    }
  }

  /** pop removes and returns the oldest key's deltas, or undefined when empty. */
  pop(): PoppedDeltas<T> | undefined {
    const first = this.items.entries().next();
    if (first.done) return undefined;
    const [key, deltas] = first.value;
    this.items.delete(key);
    const isInInitialList = !this.hasSynced();
    if (this.initialPopulationCount > 0) this.initialPopulationCount--;
    return { key, deltas, isInInitialList };
  }

  /** hasSynced: the first replace happened and every key it queued has been popped. */
  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  /** clear drops every pending delta (used on stop). */
  clear(): void {
    this.items.clear();
  }

  private queue(type: DeltaType, obj: T): void {
    this.queueKeyed(this.keyFunc(obj), type, obj);
  }

  private queueKeyed(key: string, type: DeltaType, object: T | DeletedFinalStateUnknown<T>): void {
    const deltas = this.items.get(key);
    if (!deltas) {
      this.items.set(key, [{ type, object }]);
      return;
    }
    const last = deltas[deltas.length - 1];
    if (type === 'Deleted' && last.type === 'Deleted') {
      // Keep one delete: the real object over a tombstone.
      if (isDeletedFinalStateUnknown(last.object) && !isDeletedFinalStateUnknown(object)) {
        deltas[deltas.length - 1] = { type, object };
      }
      return;
    }
    deltas.push({ type, object });
  }
}

function tombstone<T>(key: string, obj: T): DeletedFinalStateUnknown<T> {
  return { key, obj, finalStateUnknown: true };
}
