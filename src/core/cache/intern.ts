/**
 * intern: shares what a cluster's objects repeat. JSON.parse gives every object its own copy of
 * every string over 10 characters (V8 interns shorter ones) and of every small object; a
 * cluster's pods repeat the same timestamps, images, image IDs, node names, condition types,
 * toleration keys, ports and empty `{}` thousands of times.
 */

/** INTERN_MAX_STRING: longer strings are left alone (messages, manifests: rarely repeated). */
export const INTERN_MAX_STRING = 128;
/** INTERN_MAX_STRINGS / INTERN_MAX_LEAVES bound each pool; a full pool starts afresh. */
export const INTERN_MAX_STRINGS = 20_000;
export const INTERN_MAX_LEAVES = 10_000;
/** INTERN_MAX_LEAF_KEYS: objects with more members are never shared (their key costs more). */
export const INTERN_MAX_LEAF_KEYS = 6;

/** Keys whose values are unique per object: never pooled (they would only churn the pool). */
const UNIQUE_KEYS = new Set(['uid', 'resourceVersion', 'containerID', 'podIP', 'ip', 'selfLink']);

/** InternerOptions bound an Interner's pools (defaults above). */
export interface InternerOptions {
  maxStrings?: number;
  maxLeaves?: number;
}

/**
 * Interner replaces, in place, every string value (up to INTERN_MAX_STRING characters) of an
 * object tree by one shared instance, and every "leaf" (an object or array of at most
 * INTERN_MAX_LEAF_KEYS members, all strings, numbers, booleans or null, `{}` and `[]` included)
 * by one shared instance with the same members in the same order.
 *
 * Contract: `intern` MUTATES the tree it is given, so it is only for a tree nobody else holds
 * yet (an object just decoded from the wire); the result is equal to the input (deepEqual,
 * member order kept). Shared leaves are shared between objects: like every cached object they
 * must never be mutated. Values under `metadata.name`, uids and resourceVersions are not pooled.
 * Both pools are bounded (a full pool is dropped and starts afresh): interning is an
 * optimisation, never a requirement. Depth is bounded by the input (decoded JSON, itself bounded
 * by the line limit); a cycle cannot occur in decoded JSON.
 */
export class Interner {
  private strings = new Map<string, string>();
  private leaves = new Map<string, object>();
  private readonly maxStrings: number;
  private readonly maxLeaves: number;

  constructor(options: InternerOptions = {}) {
    this.maxStrings = options.maxStrings ?? INTERN_MAX_STRINGS;
    this.maxLeaves = options.maxLeaves ?? INTERN_MAX_LEAVES;
  }

  /** intern shares the strings and leaves of `obj` in place (see the class contract); returns obj. */
  intern<T>(obj: T): T {
    if (obj !== null && typeof obj === 'object') this.walk(obj as Record<string, unknown>, true);
    return obj;
  }

  /** size is the number of pooled strings and leaves (for tests and figures). */
  get size(): { strings: number; leaves: number } {
    return { strings: this.strings.size, leaves: this.leaves.size };
  }

  /** string returns the pooled instance of `s`. */
  string(s: string): string {
    if (s.length > INTERN_MAX_STRING) return s;
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size >= this.maxStrings) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  }

  /** walk interns the members of `node` in place; returns true when `node` is a leaf. */
  private walk(node: Record<string, unknown> | unknown[], root = false): boolean {
    let leaf = true;
    let members = 0;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        members++;
        const v = node[i];
        if (typeof v === 'string') node[i] = this.string(v);
        else if (Object.is(v, -0))
          leaf = false; // JSON.stringify cannot tell -0 from 0
        else if (v !== null && typeof v === 'object') {
          leaf = false;
          const child = v as Record<string, unknown>;
          if (this.walk(child)) node[i] = this.leaf(child);
        }
      }
      return leaf && members <= INTERN_MAX_LEAF_KEYS;
    }
    for (const k in node) {
      members++;
      const v = node[k];
      // An own "__proto__" (JSON.parse makes one) must not be assigned: that sets the prototype.
      if (k === '__proto__') leaf = false;
      else if (typeof v === 'string') {
        if (!UNIQUE_KEYS.has(k)) node[k] = this.string(v);
      } else if (Object.is(v, -0)) leaf = false;
      else if (v !== null && typeof v === 'object') {
        leaf = false;
        const child = v as Record<string, unknown>;
        if (root && k === 'metadata') this.walkMetadata(child);
        else if (this.walk(child)) node[k] = this.leaf(child);
      }
    }
    return leaf && members <= INTERN_MAX_LEAF_KEYS;
  }

  /** walkMetadata: like walk, but the object's own name stays out of the pool. */
  private walkMetadata(meta: Record<string, unknown>): void {
    for (const k in meta) {
      const v = meta[k];
      if (k === '__proto__') continue;
      if (typeof v === 'string') {
        if (k !== 'name' && !UNIQUE_KEYS.has(k)) meta[k] = this.string(v);
      } else if (v !== null && typeof v === 'object') {
        const child = v as Record<string, unknown>;
        if (this.walk(child)) meta[k] = this.leaf(child);
      }
    }
  }

  /** leaf returns the pooled instance equal to `node` (a leaf: primitives only). */
  private leaf(node: object): object {
    const key = JSON.stringify(node);
    const hit = this.leaves.get(key);
    if (hit !== undefined) return hit;
    if (this.leaves.size >= this.maxLeaves) this.leaves = new Map();
    this.leaves.set(key, node);
    return node;
  }
}
