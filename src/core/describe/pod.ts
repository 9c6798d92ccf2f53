/**
 * pod: `kubectl describe pod` (describePod).
 */

import type { KubeObject } from '../cache/types';
import {
  describeContainers,
  describeResources,
  describeTopologySpreadConstraints,
  podEnvResolver,
} from './containers';
import type { Ctx } from './context';
import { describeEvents } from './events';
import {
  controllerOf,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  since,
  writeNameNamespace,
} from './format';
import { has, isSet, int, num, rec, recs, str, type Rec } from './fields';
import { addInto, compare, resourceList, type ResourceList } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './printer';
import { describeVolumes } from './volumes';

/** podQOS is qos.GetPodQOS: status.qosClass, else computed as ComputePodQOS does. */
export function podQOS(pod: Rec): string {
  const given = str(rec(pod.status).qosClass);
  if (given) return given;
  const spec = rec(pod.spec);
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let guaranteed = true;
  for (const c of [...recs(spec.containers), ...recs(spec.initContainers)]) {
    const res = rec(c.resources);
    const positive = (m: unknown) =>
      new Map([...resourceList(m)].filter(([k, q]) => (k === 'cpu' || k === 'memory') && q.nanos > 0n));
    addInto(requests, positive(res.requests));
    const lim = positive(res.limits);
    addInto(limits, lim);
    if (!lim.has('cpu') || !lim.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  for (const [k, q] of requests) if (!limits.has(k) || compare(limits.get(k)!, q) !== 0) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** describePod renders a Pod as `kubectl describe pod` does. */
export function describePod(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const time = ctx.time;
  writeNameNamespace(w, meta);
  if (int(spec.priority) !== undefined) w.write(LEVEL_0, `Priority:\t${int(spec.priority)}\n`);
  if (str(spec.priorityClassName)) w.write(LEVEL_0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.runtimeClassName)) w.write(LEVEL_0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
  if (str(spec.serviceAccountName)) w.write(LEVEL_0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  const node = str(spec.nodeName);
  w.write(LEVEL_0, node ? `Node:\t${node}/${str(status.hostIP)}\n` : 'Node:\t<none>\n');
  if (isSet(status.startTime)) w.write(LEVEL_0, `Start Time:\t${time(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const phase = str(status.phase);
  if (isSet(meta.deletionTimestamp) && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, ctx.now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${num(meta.deletionGracePeriodSeconds)}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  if (str(status.reason)) w.write(LEVEL_0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message)) w.write(LEVEL_0, `Message:\t${str(status.message)}\n`);
  const seccomp = rec(rec(spec.securityContext).seccompProfile);
  if (has(rec(spec.securityContext).seccompProfile)) {
    w.write(LEVEL_0, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (str(seccomp.type) === 'Localhost')
      w.write(LEVEL_0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
  w.write(LEVEL_0, `IP:\t${str(status.podIP)}\n`);
  const ips = recs(status.podIPs);
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${str(ip.ip)}\n`);
  }
  const controller = controllerOf(meta);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (str(status.nominatedNodeName))
    w.write(LEVEL_0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (has(spec.resources)) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, spec.resources, LEVEL_1);
  }
  const resolve = podEnvResolver(obj);
  const init = recs(spec.initContainers);
  if (init.length > 0) {
    describeContainers(w, 'Init Containers', init, recs(status.initContainerStatuses), resolve, '', time);
  }
  describeContainers(
    w,
    'Containers',
    recs(spec.containers),
    recs(status.containerStatuses),
    resolve,
    '',
    time,
  );
  const ephemeral = recs(spec.ephemeralContainers);
  if (ephemeral.length > 0) {
    describeContainers(
      w,
      'Ephemeral Containers',
      ephemeral,
      recs(status.ephemeralContainerStatuses),
      resolve,
      '',
      time,
    );
  }
  const conditions = recs(status.conditions);
  const gates = recs(spec.readinessGates);
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = conditions.find((x) => str(x.type) === str(g.conditionType));
      w.write(LEVEL_1, `${str(g.conditionType)} \t${c ? str(c.status) : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(obj)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
