import { LAST_APPLIED_ANNOTATION } from './transform';
import { StringInterner } from './stringInterner';
import type { KubeObject, ObjectMeta } from './types';

/**
 * metadataCompact: the form in which a metadata-only informer (Secrets, and any kind listed as
 * PartialObjectMetadata) keeps its objects. Measured on 10,000 cert-manager-like Secrets (bench
 * 14d1), a parsed-then-stripped object held a metadata object with a spilled property array
 * (rest-destructuring leaves slack), and its own copy of every repeated label and annotation
 * value. Here each object is rebuilt at its exact size, and repeated strings are shared.
 */

/** EMPTY_STRING_MAP is the one frozen `{}` that stands for every empty labels/annotations map. */
export const EMPTY_STRING_MAP: Readonly<Record<string, string>> = Object.freeze({});
/** EMPTY_LIST is the one frozen `[]` that stands for every empty finalizers/ownerReferences list. */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/** Metadata fields never kept: written by servers for servers, read by nothing here. */
const DROPPED = new Set(['managedFields']);
/** Shapes (ordered key lists of metadata objects) remembered; more are built the slow way. */
export const MAX_SHAPES = 256;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
/** pick: a plain object of `keys` of `src` (a temporary: stringMap copies it at its exact size). */
const pick = (src: Rec, keys: readonly string[]): Rec =>
  Object.fromEntries(keys.map((k) => [k, src[k]])) as Rec; // an own "__proto__" stays data

/**
 * compactClass builds the class of one kind's compact objects (see MetadataCompactor.classOf):
 * one constructor per kind, so that V8 sizes its instances to their one field.
 */
function compactClass(apiVersion: string, kind: string): new (metadata: unknown) => KubeObject {
  const C = class CompactObject {
    metadata: unknown;
    constructor(metadata: unknown) {
      this.metadata = metadata;
    }
  };
  Object.defineProperties(C.prototype, {
    apiVersion: { value: apiVersion, enumerable: true, writable: true },
    kind: { value: kind, enumerable: true, writable: true },
    toJSON: {
      value(this: { metadata: unknown }) {
        return { apiVersion, kind, metadata: this.metadata };
      },
    },
  });
  return C as unknown as new (metadata: unknown) => KubeObject;
}

/** MetadataCompactorOptions configure a MetadataCompactor. */
export interface MetadataCompactorOptions {
  /** Shared by every kind of one context; default a new StringInterner. */
  interner?: StringInterner;
}

/**
 * MetadataCompactor rebuilds an object as `{ apiVersion, kind, metadata }` for the cache of a
 * metadata-only informer.
 *
 * What is kept: every metadata field but `managedFields`; `annotations` without kubectl's
 * last-applied-configuration (for a Secret it holds the data); nothing outside `metadata`.
 * `apiVersion` and `kind` are those given (the served kind's, not PartialObjectMetadata's), held
 * once per kind by the objects' prototype (see classOf), not by each object.
 * How: metadata, label/annotation maps and owner references are new objects of exactly their
 * keys (no slack); namespace, generateName, label and annotation values, owner references'
 * apiVersion/kind/name and finalizers go through the bounded StringInterner; a label or
 * annotation value equal to the object's name is that name's string; an empty map or list is
 * the shared frozen EMPTY_STRING_MAP / EMPTY_LIST.
 *
 * Contract: never mutates its input; the result shares no mutable object with it. Results are
 * cache objects: nobody may mutate them (empty maps are frozen and throw if written).
 */
export class MetadataCompactor {
  readonly interner: StringInterner;
  /** shapes: ordered key list -> a template object of those keys (JSON.parse sizes it exactly). */
  private readonly shapes = new Map<string, Rec>();
  /** classes: apiVersion + kind -> the class of its compact objects (see classOf). */
  private readonly classes = new Map<string, new (metadata: unknown) => KubeObject>();

  constructor(options: MetadataCompactorOptions = {}) {
    this.interner = options.interner ?? new StringInterner();
  }

  /** shapeCount is the number of remembered metadata shapes (at most MAX_SHAPES). */
  get shapeCount(): number {
    return this.shapes.size;
  }

  /**
   * compact returns the compact copy of `obj` (see the class comment). With `keepAnnotation`,
   * only the annotations it accepts are kept (a kind whose other annotations are read elsewhere,
   * e.g. Secrets: describe reads them from its GET); `annotations` goes when none is left.
   */
  compact<T extends KubeObject>(
    obj: T,
    apiVersion: string,
    kind: string,
    keepAnnotation?: (key: string) => boolean,
  ): T {
    const meta: unknown = obj.metadata;
    const metadata = isRecord(meta) ? this.metadata(meta, keepAnnotation) : meta;
    return new (this.classOf(apiVersion, kind))(metadata) as T;
  }

  /**
   * classOf returns the class of a kind's compact objects: an instance holds `metadata` alone (32
   * bytes, where `{ apiVersion, kind, metadata }` took 48); `apiVersion` and `kind` are
   * enumerable values of its prototype (read as usual, `in` sees them) and `toJSON` writes all
   * three. What differs from a plain object: own keys (Object.keys, spread, structured clone)
   * are `metadata` only. Classes are remembered per apiVersion and kind, at most MAX_SHAPES.
   */
  private classOf(apiVersion: string, kind: string): new (metadata: unknown) => KubeObject {
    const sig = `${apiVersion}\u0000${kind}`;
    let c = this.classes.get(sig);
    if (c === undefined) {
      c = compactClass(apiVersion, kind);
      if (this.classes.size >= MAX_SHAPES) this.classes.clear();
      this.classes.set(sig, c);
    }
    return c;
  }

  private metadata(src: Rec, keepAnnotation: ((key: string) => boolean) | undefined): ObjectMeta {
    let annotations = src.annotations;
    if (keepAnnotation && isRecord(annotations)) {
      const kept = Object.keys(annotations).filter((k) => k !== LAST_APPLIED_ANNOTATION && keepAnnotation(k));
      annotations = kept.length === 0 ? undefined : pick(annotations, kept);
    }
    const keys = Object.keys(src).filter(
      (k) => !DROPPED.has(k) && !(k === 'annotations' && annotations === undefined),
    );
    const out = this.exact(keys);
    const name = typeof src.name === 'string' ? src.name : undefined;
    for (const k of keys) out[k] = this.field(k, k === 'annotations' ? annotations : src[k], name);
    return out as ObjectMeta;
  }

  private field(key: string, v: unknown, name: string | undefined): unknown {
    switch (key) {
      case 'namespace':
      case 'generateName':
        return typeof v === 'string' ? this.interner.intern(v) : v;
      case 'labels':
        return this.stringMap(v, name, undefined);
      case 'annotations':
        return this.stringMap(v, name, LAST_APPLIED_ANNOTATION);
      case 'ownerReferences':
        return Array.isArray(v) ? this.list(v, (r) => this.ownerRef(r)) : v;
      case 'finalizers':
        return Array.isArray(v) ? this.list(v, (s) => this.str(s)) : v;
      default:
        return v;
    }
  }

  /** stringMap copies a labels/annotations map without `drop`, values shared. */
  private stringMap(v: unknown, name: string | undefined, drop: string | undefined): unknown {
    if (!isRecord(v)) return v;
    let out: Rec;
    if (drop !== undefined && Object.prototype.hasOwnProperty.call(v, drop)) {
      const keys = Object.keys(v).filter((k) => k !== drop);
      out = this.exact(keys);
      for (const k of keys) out[k] = v[k];
    } else out = { ...v }; // a spread copy has exactly the source's keys, no slack
    const keys = Object.keys(out);
    if (keys.length === 0) return EMPTY_STRING_MAP;
    for (const k of keys) {
      const s = out[k];
      if (typeof s === 'string') out[k] = s === name ? name : this.interner.intern(s);
    }
    return out;
  }

  private ownerRef(r: unknown): unknown {
    if (!isRecord(r)) return r;
    const out: Rec = { ...r };
    for (const k of ['apiVersion', 'kind', 'name']) if (typeof out[k] === 'string') out[k] = this.str(out[k]);
    return out;
  }

  private list(v: unknown[], each: (x: unknown) => unknown): unknown {
    return v.length === 0 ? EMPTY_LIST : v.map(each);
  }

  private str(v: unknown): unknown {
    return typeof v === 'string' ? this.interner.intern(v) : v;
  }

  /**
   * exact returns a new object with exactly `keys`, in order (values null, to be set): a spread
   * of a JSON.parse'd template, which V8 allocates without the slack of an object grown key by
   * key. Templates are remembered per key list, at most MAX_SHAPES (then forgotten all at once).
   */
  private exact(keys: readonly string[]): Rec {
    const sig = JSON.stringify(keys);
    let template = this.shapes.get(sig);
    if (template === undefined) {
      template = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Rec;
      if (this.shapes.size >= MAX_SHAPES) this.shapes.clear();
      this.shapes.set(sig, template);
    }
    return { ...template };
  }
}
