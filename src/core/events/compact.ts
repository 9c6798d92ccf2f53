import { stripForCache } from '../cache/transform';
import type { KubeObject } from '../cache/types';
import { validateEvent } from '../validate/event';

/**
 * StringPool interns strings: equal strings come back as one instance. JSON.parse gives every
 * value its own copy, and a cluster's events repeat the same few values (kinds, namespaces,
 * reasons, components, hosts, object names) tens of thousands of times. The pool is bounded:
 * past `max` entries it starts afresh (interning is an optimisation, never a requirement).
 */
export class StringPool {
  private pool = new Map<string, string>();
  /** hits counts the strings that were replaced by a pooled instance. */
  hits = 0;

  constructor(private readonly max = 50_000) {}

  intern<T>(value: T): T {
    if (typeof value !== 'string' || value.length > 256) return value;
    const hit = this.pool.get(value);
    if (hit !== undefined) {
      this.hits++;
      return hit as T;
    }
    if (this.pool.size >= this.max) this.pool = new Map();
    this.pool.set(value, value);
    return value;
  }

  get size(): number {
    return this.pool.size;
  }
}

type Rec = Record<string, unknown>;

const REF_FIELDS = ['kind', 'namespace', 'name', 'apiVersion', 'fieldPath'] as const;
const TOP_FIELDS = [
  'reason',
  'type',
  'action',
  'reportingComponent',
  'reportingController',
  'reportingInstance',
] as const;
const SOURCE_FIELDS = ['component', 'host'] as const;

function internFields(pool: StringPool, obj: unknown, fields: readonly string[]): unknown {
  if (obj === null || typeof obj !== 'object') return obj;
  const copy: Rec = { ...(obj as Rec) };
  for (const f of fields) if (f in copy) copy[f] = pool.intern(copy[f]);
  return copy;
}

/** EventCompactorOptions: where an Event that failed validation is reported. */
export interface EventCompactorOptions {
  /**
   * Called once per invalid Event with its validated key (`namespace/name`) and what was
   * changed (`path: what`); e.g. a logger's warn. Must not throw (a throw is swallowed).
   */
  onInvalid?: (key: string, problems: readonly string[]) => void;
}

/**
 * createEventCompactor returns the event informers' transform: validateEvent (every field Kube
 * Events reads gets its type; a name that is a number becomes its text, so the store's key and
 * the hub's key agree), stripForCache, then the low-variety strings of an Event (core/v1 or
 * events.k8s.io/v1) interned in one pool shared by every context. It never mutates its input;
 * a valid Event keeps the same fields and values. It runs before the informer computes the
 * object's key, so a bad object is cached under the key the views use too.
 */
export function createEventCompactor(
  pool = new StringPool(),
  options: EventCompactorOptions = {},
): <T extends KubeObject>(obj: T) => T {
  return <T extends KubeObject>(obj: T): T => {
    const { object, problems } = validateEvent(obj);
    if (problems.length > 0 && options.onInvalid) {
      const { namespace, name } = object.metadata;
      try {
        options.onInvalid(namespace ? `${namespace}/${name ?? ''}` : (name ?? ''), problems);
      } catch {
        // reporting is best effort; the object is cached either way
      }
    }
    const out = stripForCache(object as T) as T & Rec;
    out.metadata.namespace = pool.intern(out.metadata.namespace);
    for (const f of TOP_FIELDS) if (f in out) (out as Rec)[f] = pool.intern(out[f]);
    for (const ref of ['involvedObject', 'regarding', 'related'] as const) {
      if (ref in out) (out as Rec)[ref] = internFields(pool, out[ref], REF_FIELDS);
    }
    for (const src of ['source', 'deprecatedSource'] as const) {
      if (src in out) (out as Rec)[src] = internFields(pool, out[src], SOURCE_FIELDS);
    }
    return out;
  };
}
