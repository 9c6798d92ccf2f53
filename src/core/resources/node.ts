/**
 * node: a Node's STATUS and ROLES as kubectl's printNode prints them (1.32), and our Health.
 */
import type { KubeObject } from '../cache/types';
import { ageOf, condition, joinDescription, rec, recs, spec, status, str } from './read';
import type { Health, ResourceSummary } from './types';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';
const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

/**
 * nodeStatus is printNode's STATUS: `Ready` when the Ready condition is True, `NotReady` when
 * it is False or Unknown, `Unknown` without one; `,SchedulingDisabled` when cordoned.
 */
export function nodeStatus(node: KubeObject): string {
  const ready = condition(status(node)['conditions'], 'Ready');
  const parts = [ready === undefined ? 'Unknown' : ready['status'] === 'True' ? 'Ready' : 'NotReady'];
  if (spec(node)['unschedulable'] === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** nodeRoles is printNode's ROLES: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted, unique. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === ROLE_LABEL && v) roles.add(v);
  }
  return [...roles].sort();
}

function address(node: KubeObject, type: string): string {
  return str(recs(status(node)['addresses']).find((a) => a['type'] === type)?.['address']) ?? '<none>';
}

/**
 * summarizeNode renders a Node: description `Ready · v1.32.0 · 40d`. Health: NotReady error,
 * no Ready condition unknown, cordoned (SchedulingDisabled) or under a pressure condition
 * warning, else ok.
 */
export function summarizeNode(node: KubeObject, now: number): ResourceSummary {
  const s = nodeStatus(node);
  const st = status(node);
  const info = rec(st['nodeInfo']);
  const version = str(info['kubeletVersion']);
  const pressures = PRESSURES.filter((t) => condition(st['conditions'], t)?.['status'] === 'True');
  const taints = recs(spec(node)['taints']);
  let health: Health;
  if (s.startsWith('NotReady')) health = 'error';
  else if (s.startsWith('Unknown')) health = 'unknown';
  else if (s.includes('SchedulingDisabled') || pressures.length > 0) health = 'warning';
  else health = 'ok';
  const age = ageOf(node, now);
  const roles = nodeRoles(node);
  const fields = [
    { label: 'Status', value: s },
    { label: 'Roles', value: roles.length > 0 ? roles.join(',') : '<none>' },
    { label: 'Age', value: age },
    { label: 'Version', value: version ?? '' },
    { label: 'Internal-IP', value: address(node, 'InternalIP') },
    { label: 'External-IP', value: address(node, 'ExternalIP') },
    { label: 'OS-Image', value: str(info['osImage']) ?? '<unknown>' },
    { label: 'Kernel-Version', value: str(info['kernelVersion']) ?? '<unknown>' },
    { label: 'Container-Runtime', value: str(info['containerRuntimeVersion']) ?? '<unknown>' },
  ];
  if (pressures.length > 0) fields.push({ label: 'Conditions', value: pressures.join(',') });
  if (taints.length > 0) {
    const text = taints.map(
      (t) =>
        `${String(t['key'] ?? '')}${t['value'] ? `=${String(t['value'])}` : ''}:${String(t['effect'] ?? '')}`,
    );
    fields.push({ label: 'Taints', value: text.join(', ') });
  }
  return {
    health,
    status: s,
    description: joinDescription(s, version, age === '<unknown>' ? undefined : age),
    fields,
  };
}
