import { NamespacedItems } from './namespacedItems';
import { type IndexFunc, type KeyFunc, type ReadonlyIndexer } from './store';
import type { KubeObject } from './types';

/** IndexerOptions configure an Indexer. */
export interface IndexerOptions<T> {
  keyFunc: KeyFunc<T>;
  indexers?: Record<string, IndexFunc<T>>;
  /**
   * byNamespace: keep the objects per namespace (NamespacedItems) and answer the index of this
   * name from them, with no index entry per object. Only for KubeObjects keyed by
   * metaNamespaceKey; the index's function (if given in `indexers`) must be namespaceIndexFunc.
   */
  byNamespace?: string;
}

/** ItemTable is what the Indexer needs of its key -> object table (a Map, or NamespacedItems). */
interface ItemTable<T> {
  readonly size: number;
  get(key: string): T | undefined;
  has(key: string): boolean;
  set(key: string, obj: T): unknown;
  delete(key: string): boolean;
  clear(): void;
  values(): IterableIterator<T>;
  keys(): IterableIterator<string>;
}

/**
 * Indexer is the thread-safe-store equivalent of client-go: a map from key to object plus, for
 * each named index, a map from indexed value to the set of keys having it. Indices are updated
 * incrementally on every write, so reads are O(result).
 *
 * With `byNamespace` (the informers' setting) objects are kept per namespace, keyed by their own
 * name (NamespacedItems), and the namespace index is answered from those buckets.
 *
 * Contract: the Indexer stores the objects it is given without copying; nobody may mutate a
 * stored object (replace it instead). An IndexFunc that throws makes the write throw before the
 * store changes. Only the informer writes; everyone else sees it as a ReadonlyIndexer.
 */
export class Indexer<T> implements ReadonlyIndexer<T> {
  private readonly keyFunc: KeyFunc<T>;
  private readonly items: ItemTable<T>;
  /** buckets: `items` when kept per namespace (option byNamespace), which answer `bucketIndex`. */
  private readonly buckets: NamespacedItems<KubeObject> | undefined;
  private readonly bucketIndex: string | undefined;
  private bucketIndexAdded = false;
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** indices: index name -> indexed value -> keys. */
  private readonly indices = new Map<string, IndexMap>();

  constructor(options: IndexerOptions<T>) {
    this.keyFunc = options.keyFunc;
    this.bucketIndex = options.byNamespace;
    if (this.bucketIndex !== undefined) {
      this.buckets = new NamespacedItems<KubeObject>();
      this.items = this.buckets as unknown as ItemTable<T>;
    } else this.items = new Map<string, T>();
    for (const [name, fn] of Object.entries(options.indexers ?? {})) this.addIndexer(name, fn);
  }

  /** addIndexer adds an index and indexes every stored object. Throws if the name is taken. */
  addIndexer(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name) || (name === this.bucketIndex && this.bucketIndexAdded))
      throw new Error(`indexer "${name}" already exists`);
    if (name === this.bucketIndex) {
      this.bucketIndexAdded = true; // answered by the namespace buckets: no index of its own
      return;
    }
    const index: IndexMap = new Map();
    for (const obj of this.items.values()) {
      const key = this.keyFunc(obj);
      for (const value of uniq(fn(obj))) addToIndex(index, value, key);
    }
    this.indexers.set(name, fn);
    this.indices.set(name, index);
  }

  keyOf(obj: T): string {
    return this.keyFunc(obj);
  }

  /** set stores `obj` under its key (add or update) and returns the object it replaced. */
  set(obj: T): T | undefined {
    const key = this.keyFunc(obj);
    const old = this.buckets
      ? (this.buckets.getFor(key, obj as unknown as KubeObject) as T | undefined)
      : this.items.get(key);
    const changes = [...this.indexers].map(([name, fn]) => ({
      name,
      oldValues: old === undefined ? [] : uniq(fn(old)),
      newValues: uniq(fn(obj)),
    }));
    this.items.set(key, obj);
    for (const { name, oldValues, newValues } of changes) {
      const index = this.indices.get(name)!;
      if (sameValues(oldValues, newValues)) continue;
      for (const v of oldValues) removeFromIndex(index, v, key);
      for (const v of newValues) addToIndex(index, v, key);
    }
    return old;
  }

  /** delete removes the object stored under `key` and returns it. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      for (const v of uniq(fn(old))) removeFromIndex(index, v, key);
    }
    this.items.delete(key);
    return old;
  }

  /** clear removes everything (indices included). */
  clear(): void {
    this.items.clear();
    for (const index of this.indices.values()) index.clear();
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    if (indexName === this.bucketIndex && this.bucketIndexAdded)
      return this.buckets!.inNamespace(indexedValue) as T[];
    return this.indexKeys(indexName, indexedValue).map((k) => this.items.get(k)!);
  }

  indexKeys(indexName: string, indexedValue: string): string[] {
    if (indexName === this.bucketIndex && this.bucketIndexAdded)
      return this.buckets!.inNamespace(indexedValue).map((o) => this.keyFunc(o as T));
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`index "${indexName}" does not exist`);
    const keys = index.get(indexedValue);
    return keys === undefined ? [] : typeof keys === 'string' ? [keys] : [...keys];
  }

  indexValues(indexName: string): string[] {
    if (indexName === this.bucketIndex && this.bucketIndexAdded) return this.buckets!.namespaces();
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`index "${indexName}" does not exist`);
    return [...index.keys()];
  }
}

function uniq(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  const set = new Set(a);
  return b.every((v) => set.has(v));
}

/**
 * IndexMap: indexed value -> the key having it, or the Set of keys when several do. Most values of
 * a uid index belong to one object: a Set each (~130 B: the object and its smallest table) was
 * most of what such an index cost per object.
 */
type IndexMap = Map<string, string | Set<string>>;

function addToIndex(index: IndexMap, value: string, key: string): void {
  const keys = index.get(value);
  if (keys === undefined) index.set(value, key);
  else if (typeof keys !== 'string') keys.add(key);
  else if (keys !== key) index.set(value, new Set([keys, key]));
}

function removeFromIndex(index: IndexMap, value: string, key: string): void {
  const keys = index.get(value);
  if (keys === undefined) return;
  if (typeof keys === 'string') {
    if (keys === key) index.delete(value);
    return;
  }
  keys.delete(key);
  // Drop empty sets so indexValues() never reports a value no object has; one key goes back to a string.
  if (keys.size === 0) index.delete(value);
  else if (keys.size === 1) index.set(value, keys.values().next().value!);
}
