/**
 * status: builders for metav1.Status bodies, worded like the real kube-apiserver's, and the
 * ApiError that carries one through the request handler.
 */
import type { Status } from '../../src/core/cache/types';

/** statusOf builds a Failure Status. */
export function statusOf(code: number, reason: string, message: string, details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details) s.details = details;
  s.code = code;
  return s;
}

/** ApiError is thrown inside the handler to answer with `status`; `headers` are added to the response. */
export class ApiError extends Error {
  constructor(
    readonly status: Status,
    readonly headers: Record<string, string> = {},
  ) {
    super(status.message);
  }
  get code(): number {
    return this.status.code ?? 500;
  }
}

/** qualified returns `pods` or `deployments.apps`, the resource name used in messages. */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

function details(resource: string, group: string, name?: string): Status['details'] {
  const d: Record<string, unknown> = {};
  if (name !== undefined) d.name = name;
  if (group) d.group = group;
  d.kind = resource;
  return d;
}

export function notFound(resource: string, group: string, name: string): ApiError {
  return new ApiError(
    statusOf(
      404,
      'NotFound',
      `${qualified(resource, group)} "${name}" not found`,
      details(resource, group, name),
    ),
  );
}

export function alreadyExists(resource: string, group: string, name: string): ApiError {
  return new ApiError(
    statusOf(
      409,
      'AlreadyExists',
      `${qualified(resource, group)} "${name}" already exists`,
      details(resource, group, name),
    ),
  );
}

export function conflict(resource: string, group: string, name: string): ApiError {
  return new ApiError(
    statusOf(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details(resource, group, name),
    ),
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(statusOf(400, 'BadRequest', message));
}

/** invalid is a 422 about ListOptions, as the server's query validation returns. */
export function invalidListOptions(field: string, value: string, why: string): ApiError {
  const message = `ListOptions.meta.k8s.io "" is invalid: ${field}: Forbidden: ${why}`;
  return new ApiError(
    statusOf(422, 'Invalid', message, {
      group: 'meta.k8s.io',
      kind: 'ListOptions',
      causes: [{ reason: 'FieldValueForbidden', message: `Forbidden: ${why}`, field, value }],
    }),
  );
}

export function unauthorized(): ApiError {
  return new ApiError(statusOf(401, 'Unauthorized', 'Unauthorized'));
}

/** forbidden words the message as RBAC does, e.g. `pods "x" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "web"`. */
export function forbidden(
  user: string,
  verb: string,
  resource: string,
  group: string,
  namespace: string | undefined,
  name?: string,
): ApiError {
  const what = name !== undefined ? `${qualified(resource, group)} "${name}"` : qualified(resource, group);
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const message = `${what} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`;
  return new ApiError(statusOf(403, 'Forbidden', message, details(resource, group, name)));
}

export function expired(message: string): ApiError {
  return new ApiError(statusOf(410, 'Expired', message));
}

export function methodNotAllowed(): ApiError {
  return new ApiError(
    statusOf(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}),
  );
}

export function pathNotFound(): ApiError {
  return new ApiError(statusOf(404, 'NotFound', 'the server could not find the requested resource', {}));
}

/** tooLargeResourceVersion is the 504 the server returns when asked for a version from the future, with Retry-After. */
export function tooLargeResourceVersion(rv: number, current: number): ApiError {
  return new ApiError(
    statusOf(504, 'Timeout', `Too large resource version: ${rv}, current: ${current}`, {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    }),
    { 'Retry-After': '1' },
  );
}

/** tooOldMessage is the watch cache's wording: `too old resource version: N (M)`. */
export function tooOldMessage(rv: number, compactedRv: number): string {
  return `too old resource version: ${rv} (${compactedRv})`;
}

/** LIST_EXPIRED_MESSAGE is etcd's answer to an exact read at a compacted resourceVersion (410). */
export const LIST_EXPIRED_MESSAGE = 'The resourceVersion for the provided list is too old.';

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';
