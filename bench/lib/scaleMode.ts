/**
 * scaleMode: the engine's `scale` mode for scenario 8 (bundled into engineEntry). The extension's
 * Connections connects every context of `contexts` at once (merged kubeconfigs), with the Events
 * view's publisher started first (holding up to `maxEvents` rows), as the extension wires them.
 * Once every context is synced it reports the time since process start, then times, against the
 * full caches: the Clusters tree's getChildren of `namespace`'s Pods node in the first context,
 * and the Events view's filter (core EventListModel + FilteredView, what the webview runs per
 * keystroke) over every row, for a free-text and a Warning-only filter.
 */
import { performance } from 'node:perf_hooks';
import { EVENTS, PODS } from '../../src/core/kinds';
import { EventListModel, FilteredView } from '../../src/core/stream/listModel';
import { emptyFilter, type StreamFilter } from '../../src/core/stream/filter';
import { EventStreamPublisher } from '../../src/core/stream/publisher';
import { nullLogger } from '../../src/core/util/logger';
import { Connections } from '../../src/host/contexts/connections';
import type { KubeconfigService } from '../../src/host/contexts/kubeconfigService';
import { ResourceTreeProvider } from '../../src/host/views/resourceTree';
import type { TreeNode } from '../../src/host/views/nodes';
import { loadKubeconfigs } from '../../src/kube/kubeconfig';

export interface ScaleOptions {
  kubeconfigs: string[];
  contexts: string[];
  /** The namespace (of the first context) whose Pods node is expanded. */
  namespace: string;
  maxEvents: number;
  /** Free text typed into the filter. */
  filterText: string;
  timeoutMs?: number;
}

/** ScaleOut is the mode's one JSON line. */
export interface ScaleOut {
  type: 'scale';
  syncedMs: number;
  pods: number;
  events: number;
  rows: number;
  children: number;
  childrenMs: number[];
  filterTextMs: number[];
  filterWarningsMs: number[];
  filterTextHits: number;
}

const CALLS = 30;

function timed(fn: () => void, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** runScale runs the mode and returns its report. */
export async function runScale(o: ScaleOptions): Promise<ScaleOut> {
  const loaded = loadKubeconfigs(o.kubeconfigs);
  const kubeconfig: Pick<KubeconfigService, 'current' | 'ready' | 'onDidChange'> = {
    current: loaded,
    ready: () => Promise.resolve(loaded),
    onDidChange: () => ({ dispose() {} }),
  };
  const connections = new Connections({
    kubeconfig: kubeconfig as KubeconfigService,
    logger: nullLogger,
    namespaces: () => [],
    autoConnect: () => o.contexts,
  });
  const publisher = new EventStreamPublisher({ feed: connections.hub, maxEvents: o.maxEvents });
  await publisher.start();
  const tree = new ResourceTreeProvider({
    connections,
    namespaces: () => [],
    initiallyExpanded: () => true,
  });
  const synced = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), o.timeoutMs ?? 900_000);
    const check = () => {
      const phases = o.contexts.map((c) => connections.status(c).phase);
      const bad = phases.find((p) => p === 'error' || p === 'forbidden');
      if (bad) reject(new Error(`a context is ${bad}`));
      if (phases.every((p) => p === 'synced')) {
        clearTimeout(timer);
        resolve();
      }
    };
    connections.manager.onDidChangeStatus(check);
  });
  connections.start();
  await synced;
  const syncedMs = performance.now();
  publisher.flush();

  const node = tree.nodes.kind(o.contexts[0]!, o.namespace, PODS);
  let children = 0;
  const childrenMs = timed(() => {
    children = (tree.getChildren(node) as TreeNode[]).length;
  }, CALLS);

  const model = new EventListModel();
  model.reset(publisher.rows());
  const text: StreamFilter = { ...emptyFilter(), text: o.filterText };
  const warnings: StreamFilter = { ...emptyFilter(), warningsOnly: true };
  let hits = 0;
  // A fresh FilteredView per call: no narrowing from the previous result (the first keystroke).
  const filterTextMs = timed(() => {
    hits = new FilteredView(model).compute({ ...text }).length;
  }, CALLS);
  const filterWarningsMs = timed(() => new FilteredView(model).compute({ ...warnings }), CALLS);
  let pods = 0;
  let events = 0;
  for (const c of o.contexts) {
    const s = connections.session(c);
    pods += s?.store(PODS).size ?? 0;
    events += s?.store(EVENTS).size ?? 0;
  }
  return {
    type: 'scale',
    syncedMs,
    pods,
    events,
    rows: model.size,
    children,
    childrenMs,
    filterTextMs,
    filterWarningsMs,
    filterTextHits: hits,
  };
}
