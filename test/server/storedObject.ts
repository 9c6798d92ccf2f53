/**
 * storedObject: one immutable version of a stored object, with its JSON cached per apiVersion
 * so each version is serialized at most once per view however many watches and lists send it.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { toEventsV1 } from './eventConvert';

/**
 * StoredObject is a version of an object as stored (events in core/v1 form). `obj` must never
 * be mutated: it is shared by the current state, the history and every snapshot.
 */
export class StoredObject {
  private readonly jsonByApiVersion = new Map<string, string>();

  constructor(
    readonly key: string,
    readonly obj: KubeObject,
    readonly rv: number,
  ) {}

  /** json returns the object serialized as served at `apiVersion` (cached). */
  json(apiVersion: string): string {
    let s = this.jsonByApiVersion.get(apiVersion);
    if (s === undefined) {
      s = JSON.stringify(this.view(apiVersion));
      this.jsonByApiVersion.set(apiVersion, s);
    }
    return s;
  }

  /**
   * itemJson returns the object as a LIST item at `apiVersion`: without `apiVersion` and `kind`,
   * which the real server sends only on the list itself. Not cached (a list is sent once).
   */
  itemJson(apiVersion: string): string {
    const json = this.json(apiVersion);
    const av = JSON.stringify(apiVersion);
    const kind = JSON.stringify(this.obj.kind);
    for (const head of [`{"apiVersion":${av},"kind":${kind}`, `{"kind":${kind},"apiVersion":${av}`]) {
      if (json.startsWith(head)) return json[head.length] === ',' ? '{' + json.slice(head.length + 1) : '{}';
    }
    const { apiVersion: _a, kind: _k, ...rest } = this.view(apiVersion);
    return JSON.stringify(rest);
  }

  /** view returns the object as served at `apiVersion`; shares structure with `obj`: do not mutate. */
  view(apiVersion: string): KubeObject {
    if (apiVersion === this.obj.apiVersion) return this.obj;
    if (apiVersion === 'events.k8s.io/v1' && this.obj.kind === 'Event') return toEventsV1(this.obj);
    // Custom resources: the versions of one group share a keyspace, converted with the CRD's
    // `None` strategy (only apiVersion changes), as the real server does without a webhook.
    const groupOf = (av: string) => (av.includes('/') ? av.slice(0, av.indexOf('/')) : '');
    if (groupOf(apiVersion) && groupOf(apiVersion) === groupOf(this.obj.apiVersion ?? '')) {
      return { ...this.obj, apiVersion };
    }
    throw new Error(`no conversion of ${this.obj.apiVersion} ${this.obj.kind} to ${apiVersion}`);
  }

  /** copy returns a fresh, mutable deep copy of the object as served at `apiVersion`. */
  copy(apiVersion: string): KubeObject {
    return JSON.parse(this.json(apiVersion)) as KubeObject;
  }

  /** withResourceVersion returns this object's content stamped with another resourceVersion (for DELETED). */
  withResourceVersion(rv: number): StoredObject {
    const obj = { ...this.obj, metadata: { ...this.obj.metadata, resourceVersion: String(rv) } };
    return new StoredObject(this.key, obj, rv);
  }
}
