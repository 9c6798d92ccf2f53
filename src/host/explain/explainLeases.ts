import type { ContextEvent } from '../../core/events/hub';
import type { ResourceKind } from '../../core/kinds';
import type { Disposable } from '../../core/util/disposable';
import { relatedResources } from '../../core/explain/watchKinds';
import type { Connections } from '../contexts/connections';

/**
 * leaseExplainKinds keeps watched, until the returned lease is disposed, the kinds explaining
 * `event` reads: its involved object's kind and the reason's related lazy kinds
 * (core/explain/watchKinds), resolved through the context's discovery. The explanation panel
 * holds it while it shows `event`; once they sync, their objects' changes refresh the panel.
 * Eager kinds are not leased (always watched); a disconnected context or an unknown kind leases
 * nothing. Each kind is leased in the involved object's namespace only (a cluster-scoped kind,
 * or an event about a cluster-scoped object, leases cluster-wide): the explainers read objects of
 * that namespace, and sessionStores reads that scope. A lazy kind keeps running for its idle
 * delay after the last lease.
 */
export function leaseExplainKinds(connections: Connections, event: ContextEvent): Disposable {
  const session = connections.session(event.context);
  if (!session) return { dispose() {} };
  const kinds = new Set<ResourceKind>();
  const involved = connections.resolveKind(event.context, event.involved.kind, event.involved.apiVersion);
  if (involved && involved.plural !== 'events') kinds.add(involved);
  for (const [group, plural] of relatedResources(event.reason)) {
    const k = session.discovery?.byResource(group, plural);
    if (k) kinds.add(k);
  }
  const namespace = event.involved.namespace || undefined;
  const leases = [...kinds].map((k) => session.acquire(k, namespace));
  return { dispose: () => leases.forEach((l) => l.dispose()) };
}
