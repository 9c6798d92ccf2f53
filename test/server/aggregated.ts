/**
 * aggregated: aggregated discovery (apidiscovery.k8s.io/v2), the one-request answer to `/api`
 * and `/apis` that clients ask for with
 * `Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`. `/api` holds
 * the core group (name ""), `/apis` every other group in server order, versions preferred
 * first, resources sorted by name, each with its scope, singular, verbs, short names,
 * categories, subresources and response kind, and `freshness: Current`. Built from the same
 * groups as the legacy documents (discovery.ts), so both agree on what is served.
 */
import { createHash } from 'node:crypto';
import { AUTHZ_GROUP, groupsOf, REVIEWS } from './discovery';
import type { ServedKind } from './servedKinds';

type Rec = Record<string, unknown>;

function resourceDiscovery(k: ServedKind): Rec {
  const gvk = { group: k.group, version: k.version, kind: k.kind };
  const r: Rec = {
    resource: k.plural,
    responseKind: gvk,
    scope: k.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: k.singular,
    verbs: [...k.verbs],
  };
  if (k.shortNames.length) r.shortNames = [...k.shortNames];
  if (k.categories.length) r.categories = [...k.categories];
  if (k.subresources.length) {
    r.subresources = k.subresources.map((s) => ({
      subresource: s,
      responseKind: gvk,
      verbs: ['get', 'patch', 'update'],
    }));
  }
  return r;
}

function reviewsDiscovery(): Rec[] {
  return REVIEWS.map((r) => ({
    resource: r.plural,
    responseKind: { group: AUTHZ_GROUP, version: 'v1', kind: r.kind },
    scope: 'Cluster',
    singularResource: r.kind.toLowerCase(),
    verbs: ['create'],
  }));
}

function versionDiscovery(kinds: readonly ServedKind[], group: string, version: string): Rec {
  const resources =
    group === AUTHZ_GROUP
      ? reviewsDiscovery()
      : kinds
          .filter((k) => k.group === group && k.version === version)
          .sort((a, b) => a.plural.localeCompare(b.plural))
          .map(resourceDiscovery);
  return { version, resources, freshness: 'Current' };
}

function groupDiscovery(kinds: readonly ServedKind[], name: string, versions: string[]): Rec {
  const metadata: Rec = { creationTimestamp: null };
  if (name) metadata.name = name;
  return { metadata, versions: versions.map((v) => versionDiscovery(kinds, name, v)) };
}

function list(items: Rec[]): Rec {
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** aggregatedApi is the v2 body of `/api`: the core group alone. */
export function aggregatedApi(kinds: readonly ServedKind[]): Rec {
  return list([groupDiscovery(kinds, '', ['v1'])]);
}

/** aggregatedApis is the v2 body of `/apis`: every named group, in server order. */
export function aggregatedApis(kinds: readonly ServedKind[]): Rec {
  return list([...groupsOf(kinds)].map(([name, versions]) => groupDiscovery(kinds, name, versions)));
}

/** etagOf is the ETag the server sends with a discovery document (a hash of its bytes, quoted). */
export function etagOf(body: string): string {
  return `"${createHash('sha512').update(body).digest('hex').slice(0, 64).toUpperCase()}"`;
}
