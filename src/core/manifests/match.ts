/**
 * match: finds the live object a manifest entry defines in one context, its status summary and
 * the live Warning groups on it and its descendants (Deployment <- ReplicaSet <- Pod).
 */
import type { KubeObject } from '../cache/types';
import { normalizeEvent, type KubeEvent } from '../events/model';
import { MuteMatcher } from '../notify/rules';
import type { Owned } from '../resources/ownership';
import { summarize, type ResourceSummary } from '../resources/summary';
import type { ManifestEntry } from './types';
import { groupWarnings, type TargetEvents, type WarningGroup } from './warningGroups';

/**
 * LiveCaches is what the matcher reads from one context's caches. Every call reads the cache
 * (no I/O) and returns shared objects: callers MUST NOT mutate them.
 */
export interface LiveCaches {
  /** The context's name (for muted contexts/namespaces and messages). */
  readonly context: string;
  /** The context's default namespace (its kubeconfig `namespace`, else `default`). */
  readonly defaultNamespace: string;
  /** kindInfo: whether the context caches `kind`, and whether it is namespaced. */
  kindInfo(kind: string): { namespaced: boolean } | undefined;
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** descendants of the object with `uid` (ownerReferences, breadth first, bounded). */
  descendants(uid: string): Owned[];
  /** eventsFor returns the cached Event objects about the object with `uid`. */
  eventsFor(uid: string): readonly KubeObject[];
  /** list returns the cached objects of `kind` in `namespace` (every namespace when undefined). */
  list(kind: string, namespace: string | undefined): readonly KubeObject[];
}

/** MatchOptions: the time, the window of live Warnings and the user's mute lists. */
export interface MatchOptions {
  now: number;
  /** A Warning counts while its last seen is within this many ms. Default one hour. */
  windowMs?: number;
  mutedReasons?: readonly string[];
  mutedNamespaces?: readonly string[];
  mutedContexts?: readonly string[];
  /** Events kept (latest first) for hovers. Default 5. */
  maxRecentEvents?: number;
}

/** Match is what the matcher found for an entry. */
export type Match =
  | {
      readonly state: 'found';
      readonly context: string;
      readonly namespace: string | undefined;
      /** The live object's name: the entry's, or the one its labels matched (templates). */
      readonly name: string;
      /** How it was found: by name, or (a template) by its literal tracked labels. */
      readonly by: 'name' | 'labels';
      readonly obj: KubeObject;
      readonly summary: ResourceSummary;
      readonly warnings: readonly WarningGroup[];
      /** The latest events on the object and its descendants, newest first. */
      readonly recent: readonly KubeEvent[];
      readonly descendantCount: number;
    }
  | { readonly state: 'not-found'; readonly context: string; readonly namespace: string | undefined }
  /** The kind is not cached in this context, or the entry is a template whose name is an expression. */
  | {
      readonly state: 'unknown';
      readonly context: string;
      readonly why: 'kind-not-watched' | 'template';
    };

/** MAX_LABEL_CANDIDATES bounds the objects a template's labels are compared with. */
export const MAX_LABEL_CANDIDATES = 10_000;

/**
 * byLabels finds the one live object of a template entry whose name is an expression, by the
 * entry's literal tracked labels (`helm.sh/chart: web-0.1.0`; templated values are ignored).
 * None, or more than one, is undefined: a guess between two releases would mislead.
 */
function byLabels(
  entry: ManifestEntry,
  caches: LiveCaches,
  namespace: string | undefined,
): KubeObject | undefined {
  const wanted = Object.entries(entry.labels).filter(([, v]) => v !== '' && !v.includes('{{'));
  if (wanted.length === 0) return undefined;
  const hits: KubeObject[] = [];
  for (const o of caches.list(entry.kind, namespace).slice(0, MAX_LABEL_CANDIDATES)) {
    const labels = o.metadata.labels ?? {};
    if (wanted.every(([k, v]) => labels[k] === v)) hits.push(o);
    if (hits.length > 1) return undefined;
  }
  return hits[0];
}

/** entryNamespace is where the entry's object lives in `caches`' context (undefined: cluster-scoped). */
export function entryNamespace(
  entry: ManifestEntry,
  caches: Pick<LiveCaches, 'kindInfo' | 'defaultNamespace'>,
): string | undefined {
  const info = caches.kindInfo(entry.kind);
  if (info && !info.namespaced) return undefined;
  return entry.namespace ?? caches.defaultNamespace;
}

/**
 * matchEntry looks the entry up in `caches`: by kind, namespace (the document's, else the
 * context's default) and name. A template entry whose name is an expression (`{{ … }}`) is
 * matched, best effort, by its literal tracked labels (byLabels), else `unknown`. For a found object it summarises the status (summarize()) and groups the live
 * Warnings on it and every descendant (groupWarnings), honouring the mute lists.
 */
export function matchEntry(entry: ManifestEntry, caches: LiveCaches, options: MatchOptions): Match {
  const context = caches.context;
  const info = caches.kindInfo(entry.kind);
  if (!info) return { state: 'unknown', context, why: entry.template ? 'template' : 'kind-not-watched' };
  const namespace = info.namespaced ? (entry.namespace ?? caches.defaultNamespace) : undefined;
  const templated = entry.name.includes('{{');
  const obj = templated ? byLabels(entry, caches, namespace) : caches.get(entry.kind, namespace, entry.name);
  if (!obj && templated) return { state: 'unknown', context, why: 'template' };
  if (!obj) return { state: 'not-found', context, namespace };
  const name = obj.metadata.name ?? entry.name;
  const uid = obj.metadata.uid;
  const targets: TargetEvents[] = [];
  const self = { kind: entry.kind, namespace: namespace ?? '', name, uid: uid ?? '' };
  const all: KubeEvent[] = [];
  let descendantCount = 0;
  if (uid) {
    const own = caches.eventsFor(uid).map(normalizeEvent);
    all.push(...own);
    targets.push({ object: self, self: true, events: own });
    const below = caches.descendants(uid);
    descendantCount = below.length;
    for (const d of below) {
      const duid = d.obj.metadata.uid;
      if (!duid) continue;
      const events = caches.eventsFor(duid).map(normalizeEvent);
      if (events.length === 0) continue;
      all.push(...events);
      const o = {
        kind: d.kind,
        namespace: d.obj.metadata.namespace ?? '',
        name: d.obj.metadata.name ?? '',
        uid: duid,
      };
      targets.push({ object: o, self: false, events });
    }
  }
  const mute = new MuteMatcher({
    enabled: true,
    mutedReasons: options.mutedReasons ?? [],
    mutedNamespaces: options.mutedNamespaces ?? [],
    mutedContexts: options.mutedContexts ?? [],
  });
  const warnings = groupWarnings(targets, {
    now: options.now,
    windowMs: options.windowMs ?? 3_600_000,
    context,
    mute,
    name,
  });
  const recent = all
    .sort((a, b) => (b.lastSeen ?? -Infinity) - (a.lastSeen ?? -Infinity))
    .slice(0, options.maxRecentEvents ?? 5);
  return {
    state: 'found',
    context,
    namespace,
    name,
    by: templated ? 'labels' : 'name',
    obj,
    summary: summarize(entry.kind, obj, options.now),
    warnings,
    recent,
    descendantCount,
  };
}
