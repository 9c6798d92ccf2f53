/**
 * catalog: what an API server serves, read from its discovery documents: aggregated discovery
 * (`apidiscovery.k8s.io/v2` APIGroupDiscoveryList, one document for /api and one for /apis) or
 * the legacy documents (APIGroupList from /apis, APIResourceList per group version). Every
 * document is untrusted: shapes are checked field by field, strings and counts are bounded, and
 * what does not fit is skipped, never thrown, so one odd group cannot hide the others.
 */
import type { ResourceKind } from '../kinds';

/** DiscoveredKind is a ResourceKind as the server describes it. */
export interface DiscoveredKind extends ResourceKind {
  readonly verbs: readonly string[];
  readonly categories: readonly string[];
  /** Subresources, e.g. `status`, `scale`, `log`. */
  readonly subresources: readonly string[];
  /** The group's preferred version (the first listed): the one to show and watch. */
  readonly preferred: boolean;
}

/** DISCOVERY_LIMITS bound what one document may make us keep. */
export const DISCOVERY_LIMITS = {
  groups: 1000,
  versionsPerGroup: 20,
  resourcesPerVersion: 1000,
  namesPerList: 64,
  nameLength: 253,
} as const;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** name returns `v` when it is a plausible API name (bounded, printable ASCII, no slash). */
function name(v: unknown, allowEmpty = false): string | undefined {
  if (typeof v !== 'string' || v.length > DISCOVERY_LIMITS.nameLength) return undefined;
  if (v === '') return allowEmpty ? v : undefined;
  return /^[A-Za-z0-9][A-Za-z0-9.\-_]*$/.test(v) ? v : undefined;
}

function names(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v.slice(0, DISCOVERY_LIMITS.namesPerList)) {
    const n = name(x);
    if (n !== undefined && !out.includes(n)) out.push(n);
  }
  return out;
}

function list(v: unknown, max: number): unknown[] {
  return Array.isArray(v) ? v.slice(0, max) : [];
}

function freeze(k: DiscoveredKind): DiscoveredKind {
  return Object.freeze({
    ...k,
    shortNames: Object.freeze([...k.shortNames]),
    verbs: Object.freeze([...k.verbs]),
    categories: Object.freeze([...k.categories]),
    subresources: Object.freeze([...k.subresources]),
  });
}

/**
 * parseAggregated reads an APIGroupDiscoveryList (from /api or /apis with the aggregated Accept
 * header). Versions come in the server's preference order, so the first version of a group is
 * its preferred one. Returns undefined when the document is not an APIGroupDiscoveryList (the
 * server ignored the Accept header: fall back to the legacy documents).
 */
export function parseAggregated(doc: unknown): DiscoveredKind[] | undefined {
  if (!isRec(doc) || doc.kind !== 'APIGroupDiscoveryList' || !Array.isArray(doc.items)) return undefined;
  const out: DiscoveredKind[] = [];
  for (const item of list(doc.items, DISCOVERY_LIMITS.groups)) {
    if (!isRec(item) || !isRec(item.metadata)) continue;
    // The core group's entry (from /api) has no name: kube-apiserver omits the empty string.
    const group = item.metadata.name === undefined ? '' : name(item.metadata.name, true);
    if (group === undefined) continue;
    let first = true;
    for (const v of list(item.versions, DISCOVERY_LIMITS.versionsPerGroup)) {
      if (!isRec(v)) continue;
      const version = name(v.version);
      if (version === undefined) continue;
      const preferred = first;
      first = false;
      for (const r of list(v.resources, DISCOVERY_LIMITS.resourcesPerVersion)) {
        if (!isRec(r)) continue;
        const plural = name(r.resource);
        const rk = isRec(r.responseKind) ? name(r.responseKind.kind) : undefined;
        if (plural === undefined || rk === undefined) continue;
        if (r.scope !== 'Namespaced' && r.scope !== 'Cluster') continue;
        const subresources: string[] = [];
        for (const s of list(r.subresources, DISCOVERY_LIMITS.namesPerList)) {
          const sn = isRec(s) ? name(s.subresource) : undefined;
          if (sn !== undefined) subresources.push(sn);
        }
        out.push(
          freeze({
            kind: rk,
            plural,
            group,
            version,
            namespaced: r.scope === 'Namespaced',
            shortNames: names(r.shortNames),
            verbs: names(r.verbs),
            categories: names(r.categories),
            subresources,
            preferred,
          }),
        );
      }
    }
  }
  return out;
}

/** LegacyGroupVersion is one group version named by /api (APIVersions) or /apis (APIGroupList). */
export interface LegacyGroupVersion {
  group: string;
  version: string;
  preferred: boolean;
}

/**
 * parseLegacyIndex reads /api's APIVersions or /apis's APIGroupList into the group versions to
 * fetch, preferred version first per group. Unknown shapes give [].
 */
export function parseLegacyIndex(doc: unknown): LegacyGroupVersion[] {
  if (!isRec(doc)) return [];
  if (doc.kind === 'APIVersions') {
    return names(doc.versions).map((version, i) => ({ group: '', version, preferred: i === 0 }));
  }
  if (doc.kind !== 'APIGroupList') return [];
  const out: LegacyGroupVersion[] = [];
  for (const g of list(doc.groups, DISCOVERY_LIMITS.groups)) {
    if (!isRec(g)) continue;
    const group = name(g.name);
    if (group === undefined) continue;
    const preferredVersion = isRec(g.preferredVersion) ? name(g.preferredVersion.version) : undefined;
    const versions: string[] = [];
    for (const v of list(g.versions, DISCOVERY_LIMITS.versionsPerGroup)) {
      const version = isRec(v) ? name(v.version) : undefined;
      if (version !== undefined && !versions.includes(version)) versions.push(version);
    }
    const pref =
      preferredVersion !== undefined && versions.includes(preferredVersion) ? preferredVersion : versions[0];
    for (const version of versions) out.push({ group, version, preferred: version === pref });
  }
  return out;
}

/** parseLegacyResources reads one APIResourceList (`/api/v1`, `/apis/GROUP/VERSION`). */
export function parseLegacyResources(doc: unknown, gv: LegacyGroupVersion): DiscoveredKind[] {
  if (!isRec(doc) || doc.kind !== 'APIResourceList') return [];
  const subresources = new Map<string, string[]>();
  const top: Rec[] = [];
  for (const r of list(doc.resources, DISCOVERY_LIMITS.resourcesPerVersion)) {
    if (!isRec(r) || typeof r.name !== 'string') continue;
    const slash = r.name.indexOf('/');
    if (slash < 0) top.push(r);
    else {
      const parent = name(r.name.slice(0, slash));
      const sub = name(r.name.slice(slash + 1));
      if (parent !== undefined && sub !== undefined)
        subresources.set(parent, [...(subresources.get(parent) ?? []), sub]);
    }
  }
  const out: DiscoveredKind[] = [];
  for (const r of top) {
    const plural = name(r.name);
    const kind = name(r.kind);
    if (plural === undefined || kind === undefined || typeof r.namespaced !== 'boolean') continue;
    out.push(
      freeze({
        kind,
        plural,
        group: gv.group,
        version: gv.version,
        namespaced: r.namespaced,
        shortNames: names(r.shortNames),
        verbs: names(r.verbs),
        categories: names(r.categories),
        subresources: (subresources.get(plural) ?? []).slice(0, DISCOVERY_LIMITS.namesPerList),
        preferred: gv.preferred,
      }),
    );
  }
  return out;
}

/**
 * watchableKinds keeps the kinds a tree can show: preferred version, `list` and `watch` verbs,
 * one entry per group and resource (the first seen wins).
 */
export function watchableKinds(kinds: readonly DiscoveredKind[]): DiscoveredKind[] {
  const seen = new Set<string>();
  const out: DiscoveredKind[] = [];
  for (const k of kinds) {
    if (!k.preferred || !k.verbs.includes('list') || !k.verbs.includes('watch')) continue;
    const id = `${k.group}/${k.plural}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(k);
  }
  return out;
}
