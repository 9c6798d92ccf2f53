/**
 * requestInfo: classifies a request path the way the API server's RequestInfoFactory does:
 * discovery and other non-resource paths, or a resource request with group, version,
 * resource, namespace, name, subresource and the Kubernetes verb.
 */

/** ResourceRequest describes a request for an API resource. */
export interface ResourceRequest {
  group: string;
  version: string;
  /** Plural resource name from the URL, e.g. `pods`. */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
}

/** NonResourceRequest describes discovery and other paths outside a resource. */
export interface NonResourceRequest {
  /** The path, e.g. `/apis/apps/v1`; `group`/`version` set for discovery documents. */
  path: string;
  group?: string;
  version?: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isWatch(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === 'true' || w === '1';
}

/** parseRequest returns a ResourceRequest, or a NonResourceRequest for everything else. */
export function parseRequest(
  method: string,
  pathname: string,
  query: URLSearchParams,
): ResourceRequest | NonResourceRequest {
  const parts = pathname
    .split('/')
    .filter((p) => p.length > 0)
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { path: pathname, ...(parts[0] === 'apis' && parts[1] ? { group: parts[1] } : {}) };
  }
  if (rest.length === 0) return { path: pathname, group, version };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  const resource = rest[0]!;
  const name = rest[1];
  const subresource = rest[2];
  let verb: string;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = name === undefined ? (isWatch(query) ? 'watch' : 'list') : 'get';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name === undefined ? 'deletecollection' : 'delete';
      break;
    default:
      verb = method.toLowerCase();
  }
  // For /api/v1/namespaces/NAME the namespace of the request is NAME itself (RBAC sees it so).
  const req: ResourceRequest = { group, version, resource, verb };
  if (namespace !== undefined) req.namespace = namespace;
  if (name !== undefined) req.name = name;
  if (subresource !== undefined) req.subresource = subresource;
  return req;
}

/** isResourceRequest narrows parseRequest's result. */
export function isResourceRequest(r: ResourceRequest | NonResourceRequest): r is ResourceRequest {
  return 'resource' in r;
}
