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
import { Builder, describeStep, eventsStep, involvedRef, kubectlStep, namesList, plural } from './text';
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

const STAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^failed to ensure load balancer: /, 'creating or updating'],
  [/^failed to delete load balancer: /, 'deleting'],
  [/^failed to check if load balancer exists before cleanup: /, 'checking before deleting'],
  [/^failed to add load balancer cleanup finalizer: /, 'adding the cleanup finalizer to'],
  [/^failed to remove load balancer cleanup finalizer: /, 'removing the cleanup finalizer from'],
  [/^failed to update load balancer status: /, 'writing the status of'],
];

interface Category {
  id: string;
  test: RegExp;
  cause: string;
  /** The next step it suggests, on the Service `t`. */
  step?: (t: Ref) => NextStep;
}

const yamlStep = (title: string) => (t: Ref) =>
  kubectlStep(title, `kubectl get service ${t.name} -n ${t.namespace} -o yaml`);

/** CATEGORIES classify the cloud's error by its words, most specific first. */
const CATEGORIES: readonly Category[] = [
  {
    id: 'quota',
    test: /quota|limit ?exceeded|LimitExceeded|TooManyLoadBalancers|exceeds? (the )?(maximum|limit)/i,
    cause: "the cloud account's load balancer (or address) quota is exhausted",
    step: () =>
      kubectlStep(
        'List the Services of type LoadBalancer (each holds one)',
        'kubectl get services -A -o wide',
      ),
  },
  {
    id: 'permission',
    test: /AccessDenied|UnauthorizedOperation|AuthorizationFailed|Forbidden|not authorized|permission|\b403\b/i,
    cause: "the cloud controller's credentials may not manage load balancers",
  },
  {
    id: 'subnet',
    test: /subnet/i,
    cause: 'the cloud found no subnet to place the load balancer in',
    // On AWS the subnets need the kubernetes.io/role/elb (or internal-elb) tag, or the Service
    // names them in an annotation.
    step: yamlStep("Check the Service's load balancer annotations (subnets, internal)"),
  },
  {
    id: 'nodes',
    test: /no (available |ready |eligible )?(nodes|hosts|instances)|no available nodes/i,
    cause: 'no node can back the load balancer',
    step: () =>
      kubectlStep('List the nodes and their exclusion label', `kubectl get nodes -L ${EXCLUDE_LABEL}`),
  },
  {
    id: 'address',
    test: /(loadBalancerIP|static IP|public IP|IP address|address)[^.]{0,120}(not found|in use|not available|not reserved|invalid|already)/i,
    cause: 'the requested load balancer address cannot be used',
    step: yamlStep('Check spec.loadBalancerIP and the address annotations'),
  },
  {
    id: 'protocol',
    test: /protocol/i,
    cause: "the cloud's load balancer does not support the Service's port protocols",
  },
];

/** explainLoadBalancer explains one load balancer Warning on a Service. */
export function explainLoadBalancer(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  b.step(describeStep(target)).step(eventsStep(target));
  const svc = e.involved.kind === 'Service' ? cache.get('Service', target.namespace, target.name) : undefined;
  if (svc) serviceFacts(b, svc, target);
  else b.lower('partial');
  const nodes = cache.watches('Node') ? nodeFacts(b, cache) : undefined;
  if (!nodes) b.lower('partial');

  if (e.reason === 'UnAvailableLoadBalancer') {
    if (nodes && nodes.eligible > 0)
      b.fact(`${plural(nodes.eligible, 'node')} qualify now: the condition may have passed`).lower('partial');
    return b.build(`No node can back the load balancer of Service ${target.name}`);
  }

  const msg = e.message.slice(0, 4096);
  let err = msg;
  let stage = 'syncing';
  if (e.reason === 'SyncLoadBalancerFailed') {
    const m = /^Error syncing load balancer: ([\s\S]*)$/.exec(msg);
    if (!m) return unparsed(b, target, msg);
    err = m[1]!;
    if (/^service status returned by EnsureLoadBalancer is nil/.test(err))
      return b.build(
        `The cloud provider returned no status for the load balancer of Service ${target.name} (a cloud provider bug)`,
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
    stage = 'updating the nodes of';
    const hosts = m[1]!.split(/\s+/).filter(Boolean);
    b.fact(`The controller sent ${plural(hosts.length, 'node')} to the cloud: ${namesList(hosts) || 'none'}`);
    err = m[2]!;
  }
  if (err) b.fact(`The cloud provider answered: ${err}`);
  const category = CATEGORIES.find((c) => c.test.test(err));
  if (category?.step) b.step(category.step(target));
  if (!category) b.lower('partial');
  if (category?.id === 'nodes' && nodes && nodes.eligible > 0)
    b.fact(`${plural(nodes.eligible, 'node')} qualify now: the condition may have passed`).lower('partial');
  const why = category ? category.cause : 'the cloud provider returned an error (quoted below)';
  return b.build(`Failed ${stage} the cloud load balancer of Service ${target.name}: ${why}`);
}

function unparsed(b: Builder, target: Ref, msg: string): Explanation {
  if (msg) b.fact(`Message: ${msg}`);
  return b
    .lower('partial')
    .build(`The service controller could not sync the load balancer of Service ${target.name}`);
}

function serviceFacts(b: Builder, svc: KubeObject, target: Ref): void {
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
    `Service ${target.name} is type ${type}${ports.length ? `, ports ${ports.join(', ')}` : ''}`,
    target,
  );
  if (type !== 'LoadBalancer') {
    b.fact(`It is no longer type LoadBalancer: the warning is about an earlier spec`, target).lower(
      'partial',
    );
    return;
  }
  const lbClass = str(spec['loadBalancerClass']);
  if (lbClass) b.fact(`spec.loadBalancerClass is ${lbClass}: another controller provisions it`, target);
  const ingress = recs(rec(rec(svc['status'])['loadBalancer'])['ingress']);
  if (ingress.length === 0) b.fact('status.loadBalancer is empty: no external address yet (pending)', target);
  else {
    const addrs = ingress.slice(0, 3).map((i) => str(i['ip']) ?? str(i['hostname']) ?? '?');
    b.fact(`status.loadBalancer has ${addrs.join(', ')} now: the load balancer exists since`, target).lower(
      'partial',
    );
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
  const parts = [`${ready} Ready`];
  if (excluded) parts.push(`${excluded} labelled ${EXCLUDE_LABEL}`);
  if (deleting) parts.push(`${deleting} tainted ${TO_BE_DELETED_TAINT}`);
  if (noProvider) parts.push(`${noProvider} without spec.providerID`);
  b.fact(`${plural(all.length, 'node')}: ${parts.join(', ')}; ${eligible} qualify as load balancer backends`);
  return { total: all.length, eligible };
}
