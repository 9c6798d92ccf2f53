/**
 * service: a Service's TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S) as kubectl's printService
 * prints them (1.32). kubectl has no STATUS for Services: ours is the type, or `Pending` for a
 * LoadBalancer still waiting for an address.
 */
import type { KubeObject } from '../cache/types';
import { ageOf, formatLabels, int, joinDescription, rec, recs, spec, status, str } from './read';
import type { ResourceSummary } from './types';

/** servicePorts is makePortString: `80/TCP`, `80:30080/TCP` with a node port, comma-joined; `<none>` without ports. */
export function servicePorts(svc: KubeObject): string {
  const ports = recs(spec(svc)['ports']).map((p) => {
    const protocol = str(p['protocol']) ?? 'TCP';
    const nodePort = int(p['nodePort']);
    return nodePort > 0 ? `${int(p['port'])}:${nodePort}/${protocol}` : `${int(p['port'])}/${protocol}`;
  });
  return ports.length > 0 ? ports.join(',') : '<none>';
}

function loadBalancerAddresses(svc: KubeObject): string[] {
  const out = new Set<string>();
  for (const ing of recs(rec(rec(status(svc)['loadBalancer']))['ingress'])) {
    const a = str(ing['ip']) ?? str(ing['hostname']);
    if (a) out.add(a);
  }
  return [...out].sort();
}

/** serviceExternalIP is getServiceExternalIP (wide, so never clipped): `<none>`, `<pending>`, addresses or the external name. */
export function serviceExternalIP(svc: KubeObject): string {
  const sp = spec(svc);
  const externalIPs = Array.isArray(sp['externalIPs']) ? (sp['externalIPs'] as unknown[]).map(String) : [];
  switch (str(sp['type']) ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(svc), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(sp['externalName']) ?? '';
    default:
      return '<unknown>';
  }
}

/** summarizeService renders a Service: description `ClusterIP 10.0.0.1 · 80/TCP`. */
export function summarizeService(svc: KubeObject, now: number): ResourceSummary {
  const sp = spec(svc);
  const type = str(sp['type']) ?? 'ClusterIP';
  const clusterIPs = Array.isArray(sp['clusterIPs']) ? (sp['clusterIPs'] as unknown[]) : [];
  const clusterIP = str(clusterIPs[0]) ?? str(sp['clusterIP']) ?? '<none>';
  const external = serviceExternalIP(svc);
  const ports = servicePorts(svc);
  const pending = external === '<pending>';
  const terminating = !!svc.metadata.deletionTimestamp;
  const address = type === 'ExternalName' ? external : clusterIP;
  return {
    health: terminating || pending ? 'progressing' : 'ok',
    status: terminating ? 'Terminating' : pending ? 'Pending' : type,
    description: joinDescription(`${type} ${address}`, type === 'LoadBalancer' ? external : undefined, ports),
    fields: [
      { label: 'Type', value: type },
      { label: 'Cluster-IP', value: clusterIP },
      { label: 'External-IP', value: external },
      { label: 'Port(s)', value: ports },
      { label: 'Age', value: ageOf(svc, now) },
      { label: 'Selector', value: formatLabels(sp['selector']) },
    ],
  };
}
