/**
 * accessReview: asks the API server whether the current user may do something, with a
 * SelfSubjectAccessReview (what `kubectl auth can-i` does).
 */
import type { ResourceKind } from '../core/kinds';
import { isSuccess, readBody, responseError } from './responses';
import type { Requester } from './transport';

export interface AccessQuery {
  verb: string;
  /** The plural resource name, e.g. `pods`. */
  resource: string;
  /** The API group; '' for core. */
  group: string;
  /** Omitted: across all namespaces (or a cluster-scoped resource). */
  namespace?: string;
}

const REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

/**
 * canI resolves with `status.allowed` of a SelfSubjectAccessReview for `query`. Rejects with an
 * ApiError when the review itself fails (e.g. 403 when the user may not create reviews).
 */
export async function canI(transport: Requester, query: AccessQuery, signal?: AbortSignal): Promise<boolean> {
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: query.verb,
        resource: query.resource,
        group: query.group,
        ...(query.namespace ? { namespace: query.namespace } : {}),
      },
    },
  };
  const res = await transport.request(REVIEW_PATH, {}, { method: 'POST', body, signal });
  if (!isSuccess(res)) throw await responseError(res);
  const review = JSON.parse(await readBody(res)) as { status?: { allowed?: boolean } };
  return review.status?.allowed === true;
}

/**
 * canListAndWatch reports whether the user may both list and watch `kind` in `namespace`: what an
 * informer needs.
 */
export async function canListAndWatch(
  transport: Requester,
  kind: ResourceKind,
  namespace: string | undefined,
  signal?: AbortSignal,
): Promise<boolean> {
  const q = { resource: kind.plural, group: kind.group, namespace };
  const [list, watch] = await Promise.all([
    canI(transport, { ...q, verb: 'list' }, signal),
    canI(transport, { ...q, verb: 'watch' }, signal),
  ]);
  return list && watch;
}
