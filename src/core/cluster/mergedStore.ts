/**
 * mergedStore: one read-only view over the caches of a kind's informers. A kind is cached either
 * by one cluster-wide informer or by one informer per allowed namespace; readers hold the view
 * and never notice the switch.
 */
import { splitMetaNamespaceKey, type ReadonlyIndexer } from '../cache/store';

/** ALL_NAMESPACES is the part key of a cluster-wide (or cluster-scoped) informer's store. */
export const ALL_NAMESPACES = '';

/**
 * MergedStore is a ReadonlyIndexer over parts keyed by namespace (ALL_NAMESPACES for a
 * cluster-wide part). Parts never overlap: a key is served by its namespace's part, or by the
 * cluster-wide part. Returned objects are the cached instances: MUST NOT be mutated.
 */
export class MergedStore<T> implements ReadonlyIndexer<T> {
  private readonly parts = new Map<string, ReadonlyIndexer<T>>();

  /** setPart adds or replaces the store serving `namespace`. */
  setPart(namespace: string, store: ReadonlyIndexer<T>): void {
    this.parts.set(namespace, store);
  }

  deletePart(namespace: string): void {
    this.parts.delete(namespace);
  }

  get(key: string): T | undefined {
    const { namespace } = splitMetaNamespaceKey(key);
    return (this.parts.get(namespace) ?? this.parts.get(ALL_NAMESPACES))?.get(key);
  }

  list(): T[] {
    return this.concat((s) => s.list());
  }

  listKeys(): string[] {
    return this.concat((s) => s.listKeys());
  }

  get size(): number {
    let n = 0;
    for (const s of this.parts.values()) n += s.size;
    return n;
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    return this.concat((s) => s.byIndex(indexName, indexedValue));
  }

  indexKeys(indexName: string, indexedValue: string): string[] {
    return this.concat((s) => s.indexKeys(indexName, indexedValue));
  }

  indexValues(indexName: string): string[] {
    if (this.parts.size === 1) return this.concat((s) => s.indexValues(indexName));
    return [...new Set(this.concat((s) => s.indexValues(indexName)))];
  }

  private concat<R>(f: (s: ReadonlyIndexer<T>) => R[]): R[] {
    if (this.parts.size === 1) return f(this.parts.values().next().value!);
    const out: R[] = [];
    for (const s of this.parts.values()) for (const x of f(s)) out.push(x);
    return out;
  }
}
