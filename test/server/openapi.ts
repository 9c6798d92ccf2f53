/**
 * openapi: a minimal OpenAPI v3 surface, just enough for kubectl's field-validation check.
 * kubectl create/replace ask `/openapi/v3` whether each kind's PATCH accepts the
 * `fieldValidation` query parameter; when it does, validation is left to the server (this
 * one accepts everything) instead of downloading schemas. `/openapi/v2` stays a 404.
 */
import type { ResourceKind } from '../../src/core/kinds';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** openapiV3Root is the body of `/openapi/v3`: one entry per group/version. */
export function openapiV3Root(kinds: readonly ResourceKind[]): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const k of kinds) {
    const p = gvPath(k.group, k.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=kube-events-test` };
  }
  return { paths };
}

/** openapiV3GroupVersion is the body of `/openapi/v3/api/v1` etc., or undefined if unknown. */
export function openapiV3GroupVersion(served: readonly ResourceKind[], path: string): object | undefined {
  const kinds = served.filter((k) => gvPath(k.group, k.version) === path);
  if (kinds.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const k of kinds) {
    const base = `/${path}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patch${k.kind}`,
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: k.group, version: k.version, kind: k.kind },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}
