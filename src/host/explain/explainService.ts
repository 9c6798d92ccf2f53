import type { KubeObject } from '../../core/cache/types';
import type { ReadonlyIndexer } from '../../core/cache/store';
import { isDeletedFinalStateUnknown } from '../../core/cache/deltas';
import { metaNamespaceKey } from '../../core/cache/store';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import type { ContextEvent } from '../../core/events/hub';
import { explain } from '../../core/explain/explain';
import { PodsByNodeIndex } from '../../core/explain/podsByNode';
import { renderExplanation } from '../../core/explain/render';
import { StoresExplainCache } from '../../core/explain/storesCache';
import type { Explanation } from '../../core/explain/types';
import { EVENTS, PODS } from '../../core/kinds';
import type { Disposable } from '../../core/util/disposable';
import { WATCHED_KINDS, type Connections } from '../contexts/connections';

interface PerContext {
  session: ClusterSession;
  pods: PodsByNodeIndex;
  subscription: Disposable;
}

/**
 * ExplainService explains Warning events from the caches: per connected context it keeps a
 * PodsByNodeIndex fed by the pod informer's handlers (so FailedScheduling reads each node's
 * usage without scanning pods) and answers with an ExplainCache over the kinds whose informer
 * has synced (an unsynced kind is "not watched": the explainer then claims nothing about it).
 */
export class ExplainService implements Disposable {
  private readonly contexts = new Map<string, PerContext>();
  private readonly subscription: Disposable;

  constructor(
    connections: Connections,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = connections.manager.onDidChangeSession(({ name, session }) => {
      this.drop(name);
      if (session) this.track(name, session);
    });
    for (const c of connections.contexts()) {
      const session = connections.session(c.name);
      if (session) this.track(c.name, session);
    }
  }

  private track(name: string, session: ClusterSession): void {
    const pods = new PodsByNodeIndex();
    const subscription = session.addEventHandler(PODS, {
      onAdd: (pod) => pods.set(pod),
      onUpdate: (_old, pod) => pods.set(pod),
      onDelete: (pod) =>
        pods.delete(metaNamespaceKey(isDeletedFinalStateUnknown<KubeObject>(pod) ? pod.obj : pod)),
    });
    this.contexts.set(name, { session, pods, subscription });
  }

  private drop(name: string): void {
    this.contexts.get(name)?.subscription.dispose();
    this.contexts.delete(name);
  }

  /** explain explains `event`, or undefined when its context is not connected. */
  explain(event: ContextEvent): Explanation | undefined {
    const c = this.contexts.get(event.context);
    if (!c) return undefined;
    const stores = new Map<string, ReadonlyIndexer<KubeObject>>();
    for (const kind of WATCHED_KINDS) {
      if (kind === EVENTS) continue;
      if (c.session.kindStatus(kind).phase === 'synced') stores.set(kind.kind, c.session.store(kind));
    }
    const cache = new StoresExplainCache({ stores, events: c.session.store(EVENTS), podsByNode: c.pods });
    return explain(event, cache, this.now());
  }

  /** render is the document text explaining `event` (or why it cannot be explained). */
  render(event: ContextEvent): string {
    const x = this.explain(event);
    if (!x)
      return `Context ${event.context} is not connected: connect it from the Clusters view to explain its events.\n`;
    return renderExplanation(x, event, this.now());
  }

  dispose(): void {
    this.subscription.dispose();
    for (const name of [...this.contexts.keys()]) this.drop(name);
  }
}
