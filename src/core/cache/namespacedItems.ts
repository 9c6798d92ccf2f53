import { metaNamespaceKey } from './store';
import type { KubeObject } from './types';

/** nsText / nameText: the namespace and name as metaNamespaceKey writes them (strings as they are). */
const nsText = (v: unknown): string => (typeof v === 'string' ? v : v ? String(v) : '');
const nameText = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
/** isOdd: the key of this namespace and name does not split back into them at its first "/". */
const isOdd = (ns: string, name: string): boolean => ns.includes('/') || (ns === '' && name.includes('/'));

/**
 * NamespacedItems is an Indexer's object table kept per namespace: namespace -> name -> object,
 * under the keys of metaNamespaceKey (`namespace/name`, or `name` when cluster-scoped).
 *
 * Why (measured, bench 14d1 and bench/lib/metaHeapProbe.ts): a flat `Map<"ns/name", T>` holds a
 * key string per object (a 32-byte rope of the shared "ns/" prefix and the name), and the
 * namespace index a Set entry per object (~34 B at 10,000 objects). Here the inner key IS the
 * object's own `metadata.name` string, and a namespace's objects are its bucket: no key string
 * and no namespace-index entry is kept per object. Keys are built on demand (`keys()`), and a key
 * given to `get`/`delete` is split at its first "/".
 *
 * Objects whose key cannot be split back (a namespace with "/", or a cluster-scoped name with
 * "/": a hostile or broken server) are kept in a flat side table under their whole key, so that
 * every key still names at most one object, as in a flat Map.
 *
 * Contract: `set(key, obj)` requires `key === metaNamespaceKey(obj)` (the Indexer's keyFunc);
 * objects are stored as given, never copied nor mutated. Iteration order is unspecified.
 */
export class NamespacedItems<T extends KubeObject> {
  private readonly buckets = new Map<string, Map<string, T>>();
  /** odd: objects whose key does not split back into their namespace and name, by whole key. */
  private readonly odd = new Map<string, T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): T | undefined {
    if (this.odd.size > 0) {
      const o = this.odd.get(key);
      if (o !== undefined) return o;
    }
    const i = key.indexOf('/');
    return i < 0 ? this.buckets.get('')?.get(key) : this.buckets.get(key.slice(0, i))?.get(key.slice(i + 1));
  }

  /** getFor is `get(key)` for `key = metaNamespaceKey(obj)`, without splitting the key (no allocation). */
  getFor(key: string, obj: T): T | undefined {
    const ns = nsText(obj.metadata.namespace);
    const name = nameText(obj.metadata.name);
    if (isOdd(ns, name)) return this.get(key);
    if (this.odd.size > 0) {
      const o = this.odd.get(key);
      if (o !== undefined) return o;
    }
    return this.buckets.get(ns)?.get(name);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** set stores `obj` under `key` (= metaNamespaceKey(obj)), replacing what the key held. */
  set(key: string, obj: T): this {
    const ns = nsText(obj.metadata.namespace);
    const name = nameText(obj.metadata.name);
    if (isOdd(ns, name)) {
      this.removeSplit(key);
      if (!this.odd.has(key)) this.count++;
      this.odd.set(key, obj);
      return this;
    }
    if (this.odd.size > 0 && this.odd.delete(key)) this.count--;
    let bucket = this.buckets.get(ns);
    if (bucket === undefined) this.buckets.set(ns, (bucket = new Map()));
    if (!bucket.has(name)) this.count++;
    bucket.set(name, obj);
    return this;
  }

  delete(key: string): boolean {
    if (this.odd.size > 0 && this.odd.delete(key)) {
      this.count--;
      return true;
    }
    return this.removeSplit(key);
  }

  clear(): void {
    this.buckets.clear();
    this.odd.clear();
    this.count = 0;
  }

  *values(): IterableIterator<T> {
    for (const bucket of this.buckets.values()) yield* bucket.values();
    yield* this.odd.values();
  }

  *keys(): IterableIterator<string> {
    for (const bucket of this.buckets.values())
      for (const obj of bucket.values()) yield metaNamespaceKey(obj);
    yield* this.odd.keys();
  }

  /** inNamespace returns the objects of namespace `ns` (none for "": cluster-scoped objects have no namespace). */
  inNamespace(ns: string): T[] {
    if (ns === '') return [];
    const out = [...(this.buckets.get(ns)?.values() ?? [])];
    if (this.odd.size > 0) for (const o of this.odd.values()) if (o.metadata.namespace === ns) out.push(o);
    return out;
  }

  /** namespaces returns every namespace that holds at least one object. */
  namespaces(): string[] {
    const out = new Set<string>();
    for (const [ns, bucket] of this.buckets) if (ns !== '' && bucket.size > 0) out.add(ns);
    for (const o of this.odd.values()) if (o.metadata.namespace) out.add(o.metadata.namespace);
    return [...out];
  }

  /** removeSplit deletes what `key`, split at its first "/", names in the buckets. */
  private removeSplit(key: string): boolean {
    const i = key.indexOf('/');
    const ns = i < 0 ? '' : key.slice(0, i);
    const bucket = this.buckets.get(ns);
    if (bucket === undefined || !bucket.delete(i < 0 ? key : key.slice(i + 1))) return false;
    this.count--;
    // An empty bucket goes, so that namespaces() never reports a namespace with no object.
    if (bucket.size === 0) this.buckets.delete(ns);
    return true;
  }
}
