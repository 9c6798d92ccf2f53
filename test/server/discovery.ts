/**
 * discovery: the legacy discovery documents (APIVersions, APIGroupList, APIGroup,
 * APIResourceList) and /version, built from the served kinds (store.kinds(): built-in kinds
 * and the custom resources of established CRDs). Aggregated discovery (the v2
 * APIGroupDiscoveryList answered to the same paths when asked for) is in aggregated.ts and
 * reads the same groups, so both always agree.
 */
import type { ServedKind } from './servedKinds';

/** AUTHZ_GROUP is the authorization.k8s.io group, served for access reviews only. */
export const AUTHZ_GROUP = 'authorization.k8s.io';

/** The access reviews of authorization.k8s.io/v1 (create only, cluster-scoped). */
export const REVIEWS: ReadonlyArray<{ plural: string; kind: string }> = [
  { plural: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview' },
  { plural: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview' },
];

/**
 * GROUP_ORDER: the order kube-apiserver lists built-in groups in (by group priority); other
 * groups (custom resources) follow in alphabetical order.
 */
const GROUP_ORDER = [
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

const VERSION_RE = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * compareVersions orders versions as Kubernetes does (preferred first): GA before beta before
 * alpha, higher numbers first; versions that do not look like Kubernetes versions go last,
 * alphabetically.
 */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = VERSION_RE.exec(v);
    if (!m) return undefined;
    const level = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
  return 0;
}

/** groupsOf maps each served group (not the core group) to its versions, preferred first, groups in server order. */
export function groupsOf(kinds: readonly ServedKind[]): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const k of kinds) {
    if (!k.group) continue;
    const versions = byGroup.get(k.group) ?? [];
    if (!versions.includes(k.version)) versions.push(k.version);
    byGroup.set(k.group, versions);
  }
  byGroup.set(AUTHZ_GROUP, ['v1']);
  const order = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  const names = [...byGroup.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return new Map(names.map((g) => [g, byGroup.get(g)!.sort(compareVersions)]));
}

function apiGroup(name: string, versions: string[]): object {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

function resourceEntries(k: ServedKind): object[] {
  const entry: Record<string, unknown> = {
    name: k.plural,
    singularName: k.singular,
    namespaced: k.namespaced,
    kind: k.kind,
    verbs: [...k.verbs],
  };
  if (k.shortNames.length) entry.shortNames = [...k.shortNames];
  if (k.categories.length) entry.categories = [...k.categories];
  const subs = k.subresources.map((s) => ({
    name: `${k.plural}/${s}`,
    singularName: '',
    namespaced: k.namespaced,
    kind: k.kind,
    verbs: ['get', 'patch', 'update'],
  }));
  return [entry, ...subs];
}

/** apiVersions is the body of `/api`. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** apiGroupList is the body of `/apis`. */
export function apiGroupList(kinds: readonly ServedKind[]): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groupsOf(kinds)].map(([name, versions]) => apiGroup(name, versions)),
  };
}

/** apiGroupDoc is the body of `/apis/GROUP`, or undefined for an unknown group. */
export function apiGroupDoc(kinds: readonly ServedKind[], group: string): object | undefined {
  const versions = groupsOf(kinds).get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) } : undefined;
}

/** apiResourceList is the body of `/api/v1` or `/apis/GROUP/VERSION`, or undefined when unknown. */
export function apiResourceList(
  kinds: readonly ServedKind[],
  group: string,
  version: string,
): object | undefined {
  const groupVersion = group ? `${group}/${version}` : version;
  if (group === AUTHZ_GROUP && version === 'v1') {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: REVIEWS.map((r) => ({
        name: r.plural,
        singularName: r.kind.toLowerCase(),
        namespaced: false,
        kind: r.kind,
        verbs: ['create'],
      })),
    };
  }
  const served = kinds.filter((k) => k.group === group && k.version === version);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: served.flatMap(resourceEntries),
  };
}

/** versionInfo is the body of `/version`. */
export function versionInfo(): object {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0+kube-events-test',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
