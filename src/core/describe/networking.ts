/**
 * networking: `kubectl describe` for Ingress (describeIngressV1, backends resolved against the
 * cached Service and its endpoints), NetworkPolicy (describeNetworkPolicy), EndpointSlice
 * (describeEndpointSliceV1) and Endpoints (describeEndpoints).
 */

import type { KubeObject } from '../cache/types';
import { parseTime } from '../events/model';
import type { Ctx } from './context';
import { describeEvents } from './events';
import {
  byString,
  printAnnotationsMultiline,
  printLabelsMultiline,
  stringOrNone,
  writeNameNamespace,
} from './format';
import { has, int, intOrString, num, rec, recs, str, strings, type Rec } from './fields';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './printer';
import { formatLabelSelector } from './selector';
import { endpointsText } from './service';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * goTimeString is Go's `time.Time.String()` of a metav1.Time in the printing zone:
 * "2006-01-02 15:04:05 -0700 MST". The zone abbreviation is "UTC" at offset 0; elsewhere the
 * numeric form Go uses for zones without an abbreviation ("+01", "+0530"), as the host's tz
 * names are not known here.
 */
export function goTimeString(v: unknown, offsetMinutes: (ms: number) => number): string {
  const ms = parseTime(v);
  if (ms === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  const off = offsetMinutes(ms);
  const d = new Date(ms + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = pad2(Math.floor(abs / 60));
  const mm = pad2(abs % 60);
  const name = off === 0 ? 'UTC' : `${sign}${hh}${abs % 60 === 0 ? '' : mm}`;
  return (
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${sign}${hh}${mm} ${name}`
  );
}

/** loadBalancerAddress is ingressLoadBalancerStatusStringerV1 (wide): sorted unique IPs/hostnames. */
function loadBalancerAddress(status: Rec): string {
  const set = new Set<string>();
  for (const i of recs(rec(status.loadBalancer).ingress)) {
    if (str(i.ip)) set.add(str(i.ip));
    else if (str(i.hostname)) set.add(str(i.hostname));
  }
  return [...set].sort(byString).join(',');
}

/**
 * describeBackend is describeBackendV1: `service:port (endpoints)` or the resource reference.
 * The port name is resolved against the cached Service; a Service known to be absent prints
 * kubectl's not-found error in place of the endpoints.
 */
function describeBackend(ns: string, backend: Rec, ctx: Ctx): string {
  if (has(backend.service)) {
    const svc = rec(backend.service);
    const port = rec(svc.port);
    const number = num(port.number);
    const sb = `${str(svc.name)}:${number !== 0 ? number : str(port.name)}`;
    const service = ctx.related.serviceFor?.(ns, str(svc.name));
    if (service === null) return `${sb} (<error: services "${str(svc.name)}" not found>)`;
    let spName = '';
    for (const sp of recs(rec(service?.spec).ports)) {
      if (number !== 0 && number === num(sp.port)) spName = str(sp.name);
      else if (str(port.name) && str(port.name) === str(sp.name)) spName = str(sp.name);
    }
    return `${sb} (${endpointsText(ctx.related.endpointsFor?.(ns, str(svc.name)), spName)})`;
  }
  if (has(backend.resource)) {
    const r = rec(backend.resource);
    const group = typeof r.apiGroup === 'string' ? r.apiGroup : '<none>';
    return `APIGroup: ${group}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
  }
  return '';
}

/** describeIngress renders an Ingress as `kubectl describe ingress` does. */
export function describeIngress(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const ns = str(meta.namespace);
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Address:\t${loadBalancerAddress(rec(obj.status))}\n`);
  w.write(
    LEVEL_0,
    `Ingress Class:\t${typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>'}\n`,
  );
  const def = has(spec.defaultBackend) ? describeBackend(ns, rec(spec.defaultBackend), ctx) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${def}\n`);
  const tls = recs(spec.tls);
  if (tls.length > 0) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of tls) {
      const hosts = strings(t.hosts).join(',');
      w.write(
        LEVEL_1,
        str(t.secretName) ? `${str(t.secretName)} terminates ${hosts}\n` : `SNI routes ${hosts}\n`,
      );
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of recs(spec.rules)) {
    if (!has(rule.http)) continue;
    count++;
    w.write(LEVEL_1, `${str(rule.host) || '*'}\t\n`);
    for (const p of recs(rec(rule.http).paths)) {
      w.write(LEVEL_2, `\t${str(p.path)} \t${describeBackend(ns, rec(p.backend), ctx)}\n`);
    }
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** peers prints the From/To entries of one NetworkPolicy rule. */
function peers(w: DescribeWriter, title: 'From' | 'To', list: Rec[], indent: string): void {
  for (const peer of list) {
    w.write(LEVEL_0, `${indent}${title}:\n`);
    if (has(peer.podSelector) && has(peer.namespaceSelector)) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (has(peer.podSelector)) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (has(peer.namespaceSelector)) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (has(peer.ipBlock)) {
      const block = rec(peer.ipBlock);
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${str(block.cidr)}\n`);
      w.write(LEVEL_2, `${indent}Except: ${strings(block.except).join(', ')}\n`);
    }
  }
}

/** rules is printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo. */
function rules(w: DescribeWriter, direction: 'ingress' | 'egress', list: Rec[]): void {
  const indent = '    ';
  const [peerField, title, isolated, any] =
    direction === 'ingress'
      ? (['from', 'From', 'ingress', 'From: <any> (traffic not restricted by source)'] as const)
      : (['to', 'To', 'egress', 'To: <any> (traffic not restricted by destination)'] as const);
  if (list.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${isolated} connectivity)\n`);
    return;
  }
  list.forEach((rule, i) => {
    const ports = recs(rule.ports);
    if (ports.length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) {
      const proto = typeof p.protocol === 'string' ? p.protocol : 'TCP';
      const end = int(p.endPort);
      if (end === undefined) w.write(LEVEL_0, `${indent}To Port: ${intOrString(p.port)}/${proto}\n`);
      else w.write(LEVEL_0, `${indent}To Port Range: ${intOrString(p.port)}-${end}/${proto}\n`);
    }
    const list2 = recs(rule[peerField]);
    if (list2.length === 0) w.write(LEVEL_0, `${indent}${any}\n`);
    else peers(w, title, list2, indent);
    if (i !== list.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

/**
 * describeNetworkPolicy renders a NetworkPolicy as `kubectl describe networkpolicy` does, plus
 * its Events (kubectl prints none).
 */
export function describeNetworkPolicy(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  writeNameNamespace(w, meta);
  w.write(LEVEL_0, `Created on:\t${goTimeString(meta.creationTimestamp, ctx.utcOffsetMinutes)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const sel = rec(spec.podSelector);
  if (Object.keys(rec(sel.matchLabels)).length === 0 && recs(sel.matchExpressions).length === 0)
    w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(LEVEL_2, `${formatLabelSelector(sel)}\n`);
  const types = strings(spec.policyTypes);
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    rules(w, 'ingress', recs(spec.ingress));
  } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    rules(w, 'egress', recs(spec.egress));
  } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
  w.write(LEVEL_1, `Policy Types: ${stringOrNone(types.join(', '))}\n`);
  w.flush();
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

const unsetOr = (v: unknown) => (typeof v === 'string' ? v : '<unset>');

/** describeEndpointSlice renders a discovery.k8s.io/v1 EndpointSlice as kubectl does. */
export function describeEndpointSlice(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `AddressType:\t${str(obj.addressType)}\n`);
  const ports = recs(obj.ports);
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) {
      const port = int(p.port);
      w.write(
        LEVEL_1,
        `${str(p.name) || '<unset>'}\t${port === undefined ? '<unset>' : port}\t${str(p.protocol)}\n`,
      );
    }
  }
  const endpoints = recs(obj.endpoints);
  if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${strings(e.addresses).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      const ready = rec(e.conditions).ready;
      w.write(LEVEL_3, `Ready:\t${typeof ready === 'boolean' ? String(ready) : '<unset>'}\n`);
      w.write(LEVEL_2, `Hostname:\t${unsetOr(e.hostname)}\n`);
      if (has(e.targetRef))
        w.write(LEVEL_2, `TargetRef:\t${str(rec(e.targetRef).kind)}/${str(rec(e.targetRef).name)}\n`);
      w.write(LEVEL_2, `NodeName:\t${unsetOr(e.nodeName)}\n`);
      w.write(LEVEL_2, `Zone:\t${unsetOr(e.zone)}\n`);
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** describeEndpoints renders a core/v1 Endpoints as `kubectl describe endpoints` does. */
export function describeEndpoints(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const subset of recs(obj.subsets)) {
    const ips = (v: unknown) =>
      recs(v)
        .map((a) => str(a.ip))
        .join(',') || '<none>';
    w.write(LEVEL_1, `Addresses:\t${ips(subset.addresses)}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${ips(subset.notReadyAddresses)}\n`);
    const ports = recs(subset.ports);
    if (ports.length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ports)
        w.write(LEVEL_2, `${str(p.name) || '<unset>'}\t${num(p.port)}\t${str(p.protocol)}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
