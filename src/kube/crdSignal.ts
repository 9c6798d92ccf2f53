/**
 * crdSignal: the CrdSignal of one context: a metadata-only informer on
 * `apiextensions.k8s.io/v1 customresourcedefinitions` (names and generations only: a CRD's
 * schema can be megabytes). Any add, update or delete after the initial list says discovery may
 * have changed. A 403 or 401 on it, or a 404 (apiextensions not served), makes it unavailable:
 * the informer stops and ClusterDiscovery re-discovers on a timer instead.
 */
import { Informer } from '../core/cache/informer';
import type { KubeObject } from '../core/cache/types';
import type { CrdSignal } from '../core/discovery/clusterDiscovery';
import type { ResourceKind } from '../core/kinds';
import type { Clock } from '../core/util/clock';
import type { Logger } from '../core/util/logger';
import { createListerWatcher } from './httpListerWatcher';
import {
  METADATA_ACCEPT,
  METADATA_WATCH_ACCEPT,
  metadataOnlyTransform,
  onNotFound,
  withAccept,
} from './metadataOnly';
import type { Requester } from './transport';

export const CRDS: ResourceKind = Object.freeze({
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  group: 'apiextensions.k8s.io',
  version: 'v1',
  namespaced: false,
  shortNames: Object.freeze(['crd', 'crds']),
});

export interface CrdSignalOptions {
  transport: Requester;
  clock?: Clock;
  logger?: Logger;
  name?: string;
}

/** createCrdSignal returns the CrdSignal watching CRDs through `transport`. */
export function createCrdSignal(options: CrdSignalOptions): CrdSignal {
  return ({ changed, unavailable }) => {
    let stopped = false;
    const giveUp = (reason: string) => {
      if (stopped) return;
      stopped = true;
      unavailable(reason);
      // Not from inside the informer's own callback stack.
      queueMicrotask(() => informer.stop());
    };
    const lw = onNotFound(
      createListerWatcher({
        transport: withAccept(options.transport, METADATA_ACCEPT, METADATA_WATCH_ACCEPT),
        kind: CRDS,
        transform: metadataOnlyTransform(CRDS),
      }),
      () => giveUp('CustomResourceDefinitions are not served'),
    );
    const informer: Informer<KubeObject> = new Informer<KubeObject>({
      name: `${options.name ?? 'discovery'} · crds`,
      listerWatcher: lw,
      clock: options.clock,
      logger: options.logger,
    });
    informer.addEventHandler({
      onAdd: (_obj, initial) => (initial || stopped ? undefined : changed()),
      onUpdate: () => (stopped ? undefined : changed()),
      onDelete: () => (stopped ? undefined : changed()),
    });
    informer.onDidChangeStatus((s) => {
      if (s.phase === 'forbidden' || s.phase === 'unauthorized') giveUp(`${s.phase}: ${s.error}`);
    });
    informer.start();
    return {
      dispose: () => {
        stopped = true;
        informer.stop();
      },
    };
  };
}
