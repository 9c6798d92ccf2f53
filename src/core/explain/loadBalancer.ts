/**
 * loadBalancer: explains the service controller's (cloud-controller-manager,
 * k8s.io/cloud-provider controllers/service) Warnings on a Service of type LoadBalancer:
 * - `SyncLoadBalancerFailed`: "Error syncing load balancer: <err>", where <err> is one of
 *   "failed to ensure load balancer: <cloud error>", "failed to delete load balancer: …",
 *   "failed to check if load balancer exists before cleanup: …", "failed to add/remove load
 *   balancer cleanup finalizer: …", "failed to update load balancer status: …" or
 *   "service status returned by EnsureLoadBalancer is nil";
 * - `UpdateLoadBalancerFailed`: "Error updating load balancer with new hosts [n1 n2]: <cloud error>";
 * - `UnAvailableLoadBalancer`: "There are no available nodes for LoadBalancer".
 * The cloud's own error is classified by its words only (quota, permission, subnet, nodes, IP,
 * protocol); anything else is quoted, not interpreted. The evidence comes from the cached
 * Service (type, ports, status.loadBalancer) and the cached Nodes the controller would send to
 * the cloud (its node predicates since StableLoadBalancerNodeSet, GA in 1.30: not being deleted,
 * not excluded by label, not tainted for deletion by the cluster autoscaler, with a
 * spec.providerID; readiness is reported, not required).
 */
import type { KubeObject } from '../cache/types';
import { condition, rec, recs, str } from '../resources/read';
import { englishL10n, type Localizer } from '../util/l10n';
import { Builder, describeStep, eventsStep, involvedRef, kubectlStep, namesList, nodeCount } from './text';
import type { ExplainCache, ExplainEvent, Explanation, NextStep, Ref } from './types';

/** LOAD_BALANCER_REASONS are the reasons this file explains. */
export const LOAD_BALANCER_REASONS = new Set([
  'SyncLoadBalancerFailed',
  'UpdateLoadBalancerFailed',
  'UnAvailableLoadBalancer',
]);

const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';
const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
/** Nodes read to count the load balancer's candidates (the cache holds them all; bounded anyway). */
const MAX_NODES = 10_000;

/** Stage renders the cause for one stage of the sync: Service `svc` failed there because `why`. */
type Stage = (l10n: Localizer, svc: string, why: string) => string;

const SYNCING: Stage = (l10n, svc, why) =>
  l10n.t('Failed syncing the cloud load balancer of Service {0}: {1}', svc, why);

const STAGES: ReadonlyArray<readonly [RegExp, Stage]> = [
  [
    /^failed to ensure load balancer: /,
    (l10n, svc, why) =>
      l10n.t('Failed creating or updating the cloud load balancer of Service {0}: {1}', svc, why),
  ],
  [
    /^failed to delete load balancer: /,
    (l10n, svc, why) => l10n.t('Failed deleting the cloud load balancer of Service {0}: {1}', svc, why),
  ],
  [
    /^failed to check if load balancer exists before cleanup: /,
    (l10n, svc, why) =>
      l10n.t('Failed checking before deleting the cloud load balancer of Service {0}: {1}', svc, why),
  ],
  [
    /^failed to add load balancer cleanup finalizer: /,
    (l10n, svc, why) =>
      l10n.t('Failed adding the cleanup finalizer to the cloud load balancer of Service {0}: {1}', svc, why),
  ],
  [
    /^failed to remove load balancer cleanup finalizer: /,
    (l10n, svc, why) =>
      l10n.t(
        'Failed removing the cleanup finalizer from the cloud load balancer of Service {0}: {1}',
        svc,
        why,
      ),
  ],
  [
    /^failed to update load balancer status: /,
    (l10n, svc, why) =>
      l10n.t('Failed writing the status of the cloud load balancer of Service {0}: {1}', svc, why),
  ],
];

const UPDATING_NODES: Stage = (l10n, svc, why) =>
  l10n.t('Failed updating the nodes of the cloud load balancer of Service {0}: {1}', svc, why);

interface Category {
  id: string;
  test: RegExp;
  cause: (l10n: Localizer) => string;
  /** The next step it suggests, on the Service `t`. */
  step?: (t: Ref, l10n: Localizer) => NextStep;
}

const yamlStep = (title: (l10n: Localizer) => string) => (t: Ref, l10n: Localizer) =>
  kubectlStep(title(l10n), `kubectl get service ${t.name} -n ${t.namespace} -o yaml`);

/** CATEGORIES classify the cloud's error by its words, most specific first. */
const CATEGORIES: readonly Category[] = [
  {
    id: 'quota',
    test: /quota|limit ?exceeded|LimitExceeded|TooManyLoadBalancers|exceeds? (the )?(maximum|limit)/i,
    cause: (l10n) => l10n.t("the cloud account's load balancer (or address) quota is exhausted"),
    step: (_t, l10n) =>
      kubectlStep(
        l10n.t('List the Services of type LoadBalancer (each holds one)'),
        'kubectl get services -A -o wide',
      ),
  },
  {
    id: 'permission',
    test: /AccessDenied|UnauthorizedOperation|AuthorizationFailed|Forbidden|not authorized|permission|\b403\b/i,
    cause: (l10n) => l10n.t("the cloud controller's credentials may not manage load balancers"),
  },
  {
    id: 'subnet',
    test: /subnet/i,
    cause: (l10n) => l10n.t('the cloud found no subnet to place the load balancer in'),
    // On AWS the subnets need the kubernetes.io/role/elb (or internal-elb) tag, or the Service
    // names them in an annotation.
    step: yamlStep((l10n) => l10n.t("Check the Service's load balancer annotations (subnets, internal)")),
  },
  {
    id: 'nodes',
    test: /no (available |ready |eligible )?(nodes|hosts|instances)|no available nodes/i,
    cause: (l10n) => l10n.t('no node can back the load balancer'),
    step: (_t, l10n) =>
      kubectlStep(
        l10n.t('List the nodes and their exclusion label'),
        `kubectl get nodes -L ${EXCLUDE_LABEL}`,
      ),
  },
  {
    id: 'address',
    test: /(loadBalancerIP|static IP|public IP|IP address|address)[^.]{0,120}(not found|in use|not available|not reserved|invalid|already)/i,
    cause: (l10n) => l10n.t('the requested load balancer address cannot be used'),
    step: yamlStep((l10n) => l10n.t('Check spec.loadBalancerIP and the address annotations')),
  },
  {
    id: 'protocol',
    test: /protocol/i,
    cause: (l10n) => l10n.t("the cloud's load balancer does not support the Service's port protocols"),
  },
];

/** explainLoadBalancer explains one load balancer Warning on a Service. */
export function explainLoadBalancer(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const target = involvedRef(e);
  b.step(describeStep(target, l10n)).step(eventsStep(target, l10n));
  const svc = e.involved.kind === 'Service' ? cache.get('Service', target.namespace, target.name) : undefined;
  if (svc) serviceFacts(b, svc, target);
  else b.lower('partial');
  const nodes = cache.watches('Node') ? nodeFacts(b, cache) : undefined;
  if (!nodes) b.lower('partial');

  if (e.reason === 'UnAvailableLoadBalancer') {
    if (nodes && nodes.eligible > 0) b.fact(qualifyNow(nodes.eligible, l10n)).lower('partial');
    return b.build(l10n.t('No node can back the load balancer of Service {0}', target.name));
  }

  const msg = e.message.slice(0, 4096);
  let err = msg;
  let stage = SYNCING;
  if (e.reason === 'SyncLoadBalancerFailed') {
    const m = /^Error syncing load balancer: ([\s\S]*)$/.exec(msg);
    if (!m) return unparsed(b, target, msg);
    err = m[1]!;
    if (/^service status returned by EnsureLoadBalancer is nil/.test(err))
      return b.build(
        l10n.t(
          'The cloud provider returned no status for the load balancer of Service {0} (a cloud provider bug)',
          target.name,
        ),
      );
    for (const [re, what] of STAGES) {
      if (re.test(err)) {
        stage = what;
        err = err.replace(re, '');
        break;
      }
    }
  } else {
    const m = /^Error updating load balancer with new hosts \[([^\]]{0,2048})\]: ([\s\S]*)$/.exec(msg);
    if (!m) return unparsed(b, target, msg);
    stage = UPDATING_NODES;
    const hosts = m[1]!.split(/\s+/).filter(Boolean);
    b.fact(
      l10n.t(
        'The controller sent {0} to the cloud: {1}',
        nodeCount(hosts.length, l10n),
        namesList(hosts, l10n) || l10n.t('none'),
      ),
    );
    err = m[2]!;
  }
  if (err) b.fact(l10n.t('The cloud provider answered: {0}', err));
  const category = CATEGORIES.find((c) => c.test.test(err));
  if (category?.step) b.step(category.step(target, l10n));
  if (!category) b.lower('partial');
  if (category?.id === 'nodes' && nodes && nodes.eligible > 0)
    b.fact(qualifyNow(nodes.eligible, l10n)).lower('partial');
  const why = category ? category.cause(l10n) : l10n.t('the cloud provider returned an error (quoted below)');
  return b.build(stage(l10n, target.name, why));
}

function qualifyNow(eligible: number, l10n: Localizer): string {
  return l10n.t('{0} qualify now: the condition may have passed', nodeCount(eligible, l10n));
}

function unparsed(b: Builder, target: Ref, msg: string): Explanation {
  const { l10n } = b;
  if (msg) b.fact(l10n.t('Message: {0}', msg));
  return b
    .lower('partial')
    .build(l10n.t('The service controller could not sync the load balancer of Service {0}', target.name));
}

function serviceFacts(b: Builder, svc: KubeObject, target: Ref): void {
  const { l10n } = b;
  const spec = rec(svc['spec']);
  const type = str(spec['type']) ?? 'ClusterIP';
  const ports = recs(spec['ports'])
    .slice(0, 8)
    .map((p) => {
      const name = str(p['name']);
      const node = typeof p['nodePort'] === 'number' ? ` (nodePort ${p['nodePort']})` : '';
      return `${name ? `${name} ` : ''}${String(p['port'] ?? '?')}/${str(p['protocol']) ?? 'TCP'}${node}`;
    });
  b.fact(
    ports.length
      ? l10n.t('Service {0} is type {1}, ports {2}', target.name, type, ports.join(', '))
      : l10n.t('Service {0} is type {1}', target.name, type),
    target,
  );
  if (type !== 'LoadBalancer') {
    b.fact(l10n.t('It is no longer type LoadBalancer: the warning is about an earlier spec'), target).lower(
      'partial',
    );
    return;
  }
  const lbClass = str(spec['loadBalancerClass']);
  if (lbClass)
    b.fact(l10n.t('spec.loadBalancerClass is {0}: another controller provisions it', lbClass), target);
  const ingress = recs(rec(rec(svc['status'])['loadBalancer'])['ingress']);
  if (ingress.length === 0)
    b.fact(l10n.t('status.loadBalancer is empty: no external address yet (pending)'), target);
  else {
    const addrs = ingress.slice(0, 3).map((i) => str(i['ip']) ?? str(i['hostname']) ?? '?');
    b.fact(
      l10n.t('status.loadBalancer has {0} now: the load balancer exists since', addrs.join(', ')),
      target,
    ).lower('partial');
  }
}

/** nodeFacts counts the nodes the service controller would give the cloud (its predicates). */
function nodeFacts(b: Builder, cache: ExplainCache) {
  const all = cache.list('Node').slice(0, MAX_NODES);
  let ready = 0;
  let excluded = 0;
  let deleting = 0;
  let noProvider = 0;
  let eligible = 0;
  for (const n of all) {
    const isReady = condition(rec(n['status'])['conditions'], 'Ready')?.['status'] === 'True';
    const isExcluded = Object.prototype.hasOwnProperty.call(rec(n.metadata.labels), EXCLUDE_LABEL);
    const isDeleting = recs(rec(n['spec'])['taints']).some((t) => t['key'] === TO_BE_DELETED_TAINT);
    const hasProvider = !!str(rec(n['spec'])['providerID']);
    if (isReady) ready++;
    if (isExcluded) excluded++;
    if (isDeleting) deleting++;
    if (!hasProvider) noProvider++;
    if (!n.metadata.deletionTimestamp && !isExcluded && !isDeleting && hasProvider) eligible++;
  }
  const { l10n } = b;
  const parts = [l10n.t('{0} Ready', ready)];
  if (excluded) parts.push(l10n.t('{0} labelled {1}', excluded, EXCLUDE_LABEL));
  if (deleting) parts.push(l10n.t('{0} tainted {1}', deleting, TO_BE_DELETED_TAINT));
  if (noProvider) parts.push(l10n.t('{0} without spec.providerID', noProvider));
  b.fact(
    l10n.t(
      '{0}: {1}; {2} qualify as load balancer backends',
      nodeCount(all.length, l10n),
      parts.join(', '),
      eligible,
    ),
  );
  return { total: all.length, eligible };
}
