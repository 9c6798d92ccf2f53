import { isDeletedFinalStateUnknown } from '../../core/cache/deltas';
import type { KubeObject } from '../../core/cache/types';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import type { ResourceKind } from '../../core/kinds';
import { kindId } from '../../core/kinds';
import { DisposableStore, type Disposable } from '../../core/util/disposable';

/** LazySinks receive what forwardLazyKinds sees. */
export interface LazySinks {
  /** A change of a lazy kind's object (never the replay of a fresh cache). */
  object(kind: ResourceKind, type: 'add' | 'update' | 'delete', obj: KubeObject): void;
  /**
   * A lazy kind started, stopped, changed status or gained/lost the scope `namespace` (`kind`;
   * undefined `namespace` with `scope`: the cluster-wide scope), or discovery changed (undefined).
   */
  kind(
    kind: ResourceKind | undefined,
    type?: 'started' | 'stopped' | 'status' | 'scope',
    namespace?: string,
  ): void;
}

/**
 * forwardLazyKinds follows one session's lazy kinds: while a kind runs, its object changes go to
 * `sinks.object`; its lifecycle and discovery changes go to `sinks.kind`. The initial replay of a
 * kind's cache is not forwarded as object changes: the `started`/`status` calls tell readers to
 * read the cache. Disposing stops following.
 */
export function forwardLazyKinds(session: ClusterSession, sinks: LazySinks): Disposable {
  const store = new DisposableStore();
  const handlers = new Map<string, Disposable>();
  const follow = (kind: ResourceKind) => {
    if (handlers.has(kindId(kind))) return;
    handlers.set(
      kindId(kind),
      session.addLazyEventHandler(kind, {
        onAdd: (obj, initial) => (initial ? undefined : sinks.object(kind, 'add', obj)),
        onUpdate: (_old, obj) => sinks.object(kind, 'update', obj),
        onDelete: (obj) =>
          sinks.object(kind, 'delete', isDeletedFinalStateUnknown<KubeObject>(obj) ? obj.obj : obj),
      }),
    );
  };
  store.add(
    session.onDidChangeLazyKind(({ kind, type, namespace }) => {
      if (type === 'started') follow(kind);
      if (type === 'stopped') {
        handlers.get(kindId(kind))?.dispose();
        handlers.delete(kindId(kind));
      }
      sinks.kind(kind, type, namespace);
    }),
  );
  if (session.discovery) store.add(session.discovery.onDidChange(() => sinks.kind(undefined)));
  store.add({
    dispose: () => {
      for (const h of handlers.values()) h.dispose();
      handlers.clear();
    },
  });
  return store;
}
