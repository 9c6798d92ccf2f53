import * as vscode from 'vscode';
import type { KubeObject } from '../../core/cache/types';
import { isDeletedFinalStateUnknown } from '../../core/cache/deltas';
import { metaNamespaceKey } from '../../core/cache/store';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import type { ContextEvent } from '../../core/events/hub';
import type { PodsByNodeIndex } from '../../core/explain/podsByNode';
import type { LeaseHolder } from '../../core/explain/revisionLeases';
import type { Explanation } from '../../core/explain/types';
import { EVENTS, PODS } from '../../core/kinds';
import type { Disposable } from '../../core/util/disposable';
import { WATCHED_KINDS, type Connections } from '../contexts/connections';
import { explainModule } from './explainModule';

interface PerContext {
  session: ClusterSession;
  pods: PodsByNodeIndex;
  subscription: Disposable;
}

/**
 * ExplainService explains Warning events from the caches. On a context's first explanation it
 * builds a PodsByNodeIndex from the pod informer (its handler replays the cached pods, then
 * follows every change), so FailedScheduling reads each node's usage without scanning pods; the
 * ExplainCache holds only the kinds whose informer has synced (an unsynced kind is "not
 * watched": the explainer then claims nothing about it): the eager kinds, and the lazy ones
 * (HPAs, PVCs, the involved custom resource…) while they run (see sessionStores). Nothing is loaded or indexed for a
 * context until an event of it is explained; a context's index goes with its session. A caller
 * that shows the explanation passes its `holder`: a Warning on a StatefulSet's or DaemonSet's
 * pod then keeps the context's ControllerRevision informer running through it (see
 * holdRevisionsFor), and the explanation gains its rollout once that informer has synced.
 */
export class ExplainService implements Disposable {
  private readonly contexts = new Map<string, PerContext>();
  private readonly subscription: Disposable;

  constructor(
    private readonly connections: Connections,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = connections.manager.onDidChangeSession(({ name }) => this.drop(name));
  }

  private tracked(name: string): PerContext | undefined {
    const session = this.connections.session(name);
    if (!session) return undefined;
    const known = this.contexts.get(name);
    if (known?.session === session) return known;
    this.drop(name);
    const { PodsByNodeIndex } = explainModule();
    const pods = new PodsByNodeIndex();
    const subscription = session.addEventHandler(PODS, {
      onAdd: (pod) => pods.set(pod),
      onUpdate: (_old, pod) => pods.set(pod),
      onDelete: (pod) =>
        pods.delete(metaNamespaceKey(isDeletedFinalStateUnknown<KubeObject>(pod) ? pod.obj : pod)),
    });
    const entry = { session, pods, subscription };
    this.contexts.set(name, entry);
    return entry;
  }

  private drop(name: string): void {
    this.contexts.get(name)?.subscription.dispose();
    this.contexts.delete(name);
  }

  /**
   * explain explains `event` in the UI's language (vscode.l10n), or undefined when its context is
   * not connected. With `holder`, the lazy informers the explanation reads are acquired through it
   * (none without).
   */
  explain(event: ContextEvent, holder?: LeaseHolder): Explanation | undefined {
    const c = this.tracked(event.context);
    if (!c) return undefined;
    const m = explainModule();
    // The eager kinds, the running lazy kinds the explainers read, and the involved object's
    // kind while it runs (a custom resource's conditions): read only, no informer is started.
    const stores = m.sessionStores(
      c.session,
      WATCHED_KINDS.filter((k) => k !== EVENTS),
      event.involved,
    );
    const cache = new m.StoresExplainCache({ stores, events: c.session.store(EVENTS), podsByNode: c.pods });
    if (holder) m.holdRevisionsFor(event, cache, c.session, holder);
    return m.explain(event, cache, this.now(), { l10n: vscode.l10n });
  }

  /** render is the document text explaining `event` (or why it cannot be explained); `holder` as for explain. */
  render(event: ContextEvent, holder?: LeaseHolder): string {
    const x = this.explain(event, holder);
    if (!x) {
      return (
        vscode.l10n.t(
          'Context {0} is not connected: connect it from the Clusters view to explain its events.',
          event.context,
        ) + '\n'
      );
    }
    return explainModule().renderExplanation(x, event, this.now(), vscode.l10n);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const name of [...this.contexts.keys()]) this.drop(name);
  }
}
