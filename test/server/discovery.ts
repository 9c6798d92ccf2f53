/**
 * discovery: the legacy discovery documents (APIVersions, APIGroupList, APIGroup,
 * APIResourceList) and /version, built from the kinds table. Aggregated discovery is not
 * served: clients (kubectl 1.32 included) fall back to these when the response is plain JSON.
 */
import { ALL_KINDS, type ResourceKind } from '../../src/core/kinds';

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const IN_ALL_CATEGORY = new Set([
  'Pod',
  'Service',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
]);

/** AUTHZ_GROUP is the authorization.k8s.io group, served for access reviews only. */
export const AUTHZ_GROUP = 'authorization.k8s.io';

function groups(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of ALL_KINDS) {
    if (!k.group) continue;
    const versions = out.get(k.group) ?? [];
    if (!versions.includes(k.version)) versions.push(k.version);
    out.set(k.group, versions);
  }
  out.set(AUTHZ_GROUP, ['v1']);
  return out;
}

function apiGroup(name: string, versions: string[]): object {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

function resourceEntry(k: ResourceKind): object {
  const entry: Record<string, unknown> = {
    name: k.plural,
    singularName: k.kind.toLowerCase(),
    namespaced: k.namespaced,
    kind: k.kind,
    verbs: VERBS,
  };
  if (k.shortNames.length) entry.shortNames = [...k.shortNames];
  if (IN_ALL_CATEGORY.has(k.kind)) entry.categories = ['all'];
  return entry;
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
export function apiGroupList(): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups()].map(([name, versions]) => apiGroup(name, versions)),
  };
}

/** apiGroupDoc is the body of `/apis/GROUP`, or undefined for an unknown group. */
export function apiGroupDoc(group: string): object | undefined {
  const versions = groups().get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) } : undefined;
}

/** apiResourceList is the body of `/api/v1` or `/apis/GROUP/VERSION`, or undefined when unknown. */
export function apiResourceList(group: string, version: string): object | undefined {
  const groupVersion = group ? `${group}/${version}` : version;
  if (group === AUTHZ_GROUP && version === 'v1') {
    const review = (plural: string, kind: string) => ({
      name: plural,
      singularName: kind.toLowerCase(),
      namespaced: false,
      kind,
      verbs: ['create'],
    });
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: [
        review('selfsubjectaccessreviews', 'SelfSubjectAccessReview'),
        review('selfsubjectrulesreviews', 'SelfSubjectRulesReview'),
      ],
    };
  }
  const kinds = ALL_KINDS.filter((k) => k.group === group && k.version === version);
  if (kinds.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: kinds.map(resourceEntry) };
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
