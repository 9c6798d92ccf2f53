/**
 * service: `kubectl describe service` (describeService), with the Endpoints line computed from
 * the cached Endpoints object or EndpointSlice of the Service.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import { formatLabels, printAnnotationsMultiline, printLabelsMultiline, writeNameNamespace } from './format';
import { has, int, num, rec, recs, str, strings, type Rec } from './fields';
import { DescribeWriter, LEVEL_0 } from './printer';

interface Slice {
  ports: Rec[];
  endpoints: { address: string; ready: boolean }[];
}

/** slicesOf reads an EndpointSlice, or an Endpoints object as the slice it mirrors to. */
function slicesOf(o: KubeObject | undefined): Slice[] {
  if (!o) return [];
  if (o.kind === 'EndpointSlice' || has(o.endpoints) || has(o.addressType)) {
    return [
      {
        ports: recs(o.ports),
        endpoints: recs(o.endpoints).map((e) => ({
          address: strings(e.addresses)[0] ?? '',
          ready: rec(e.conditions).ready !== false,
        })),
      },
    ];
  }
  return recs(o.subsets).map((s) => ({
    ports: recs(s.ports),
    endpoints: [
      ...recs(s.addresses).map((a) => ({ address: str(a.ip), ready: true })),
      ...recs(s.notReadyAddresses).map((a) => ({ address: str(a.ip), ready: false })),
    ],
  }));
}

/**
 * formatEndpoints is kubectl's formatEndpointSlices for one service port: up to three ready
 * `ip:port` entries, then "+ N more...".
 */
function formatEndpoints(slices: Slice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const shown: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const visit = (address: string, ready: boolean, port: number | undefined) => {
    if (shown.length === max) more = true;
    if (!ready) return;
    if (!more)
      shown.push(
        port === undefined ? address : `${address.includes(':') ? `[${address}]` : address}:${port}`,
      );
    count++;
  };
  for (const s of slices) {
    if (s.ports.length === 0) {
      for (const e of s.endpoints) visit(e.address, e.ready, undefined);
      continue;
    }
    for (const p of s.ports) {
      if (str(p.name) !== portName) continue;
      for (const e of s.endpoints) visit(e.address, e.ready, num(p.port));
    }
  }
  const text = shown.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

function ingressText(ingress: Rec[]): string {
  return ingress
    .map((i) => (str(i.ip) ? `${str(i.ip)}${str(i.ipMode) ? ` (${str(i.ipMode)})` : ''}` : str(i.hostname)))
    .join(', ');
}

/** describeService renders a Service as `kubectl describe service` does. */
export function describeService(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${str(spec.type)}\n`);
  if (typeof spec.ipFamilyPolicy === 'string')
    w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  const families = strings(spec.ipFamilies);
  w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${str(spec.clusterIP)}\n`);
  const ips = strings(spec.clusterIPs);
  w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  const external = strings(spec.externalIPs);
  if (external.length > 0) w.write(LEVEL_0, `External IPs:\t${external.join(',')}\n`);
  if (str(spec.loadBalancerIP)) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName)) w.write(LEVEL_0, `External Name:\t${str(spec.externalName)}\n`);
  const ingress = recs(rec(status.loadBalancer).ingress);
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressText(ingress)}\n`);
  const slices = slicesOf(ctx.related.endpointsFor?.(str(meta.namespace), str(meta.name)));
  for (const p of recs(spec.ports)) {
    const name = str(p.name) || '<unset>';
    const proto = str(p.protocol);
    w.write(LEVEL_0, `Port:\t${name}\t${num(p.port)}/${proto}\n`);
    const target = typeof p.targetPort === 'string' ? p.targetPort : String(num(p.targetPort));
    w.write(LEVEL_0, `TargetPort:\t${target}/${proto}\n`);
    if (num(p.nodePort) !== 0) w.write(LEVEL_0, `NodePort:\t${name}\t${num(p.nodePort)}/${proto}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(slices, str(p.name))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy)) {
    w.write(LEVEL_0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  }
  if (typeof spec.internalTrafficPolicy === 'string') {
    w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  }
  if (int(spec.healthCheckNodePort))
    w.write(LEVEL_0, `HealthCheck NodePort:\t${int(spec.healthCheckNodePort)}\n`);
  const ranges = strings(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
  if (str(spec.trafficDistribution))
    w.write(LEVEL_0, `Traffic Distribution:\t${str(spec.trafficDistribution)}\n`);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** endpointsText is exported for tests: the Endpoints text of one port name. */
export function endpointsText(endpoints: KubeObject | undefined, portName: string): string {
  return formatEndpoints(slicesOf(endpoints), portName);
}
