/**
 * reviews: authorization.k8s.io/v1 SelfSubjectAccessReview and SelfSubjectRulesReview,
 * answered from the test server's RBAC rules for the calling user.
 */
import type { UserInfo } from './auth';
import type { ServerContext } from './context';
import { badRequest } from './status';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/version',
  '/healthz',
  '/livez',
  '/readyz',
  '/openapi/*',
];

/** selfSubjectAccessReview fills `status.allowed` for a review body. */
export function selfSubjectAccessReview(ctx: ServerContext, user: UserInfo, body: Rec): Rec {
  const spec: Rec = body?.spec ?? {};
  let allowed: boolean;
  if (spec.resourceAttributes) {
    const a: Rec = spec.resourceAttributes;
    const resource = String(a.resource ?? '');
    let namespace: string | undefined = a.namespace ? String(a.namespace) : undefined;
    if (resource === 'namespaces' && a.name) namespace = String(a.name);
    allowed = !ctx.authorize || ctx.rbac.allowed(user, { verb: String(a.verb ?? ''), resource, namespace });
  } else if (spec.nonResourceAttributes) {
    allowed = true;
  } else {
    throw badRequest(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  }
  const status: Rec = { allowed };
  if (allowed) status.reason = ctx.authorize ? 'RBAC: allowed by test server rule' : 'authorization disabled';
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}

/** selfSubjectRulesReview lists the rules that apply to the user in `spec.namespace`. */
export function selfSubjectRulesReview(ctx: ServerContext, user: UserInfo, body: Rec): Rec {
  const spec: Rec = body?.spec ?? {};
  const namespace = spec.namespace ? String(spec.namespace) : undefined;
  const rules = ctx.authorize
    ? ctx.rbac.rulesFor(user, namespace)
    : [{ verbs: '*' as const, resources: '*' as const }];
  const resourceRules = [
    {
      verbs: ['create'],
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    },
    ...rules.map((r) => ({
      verbs: r.verbs === '*' ? ['*'] : r.verbs,
      apiGroups: ['*'],
      resources: r.resources === '*' ? ['*'] : r.resources,
    })),
  ];
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: {
      resourceRules,
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: DISCOVERY_URLS }],
      incomplete: false,
    },
  };
}
