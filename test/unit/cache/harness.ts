import { Informer, type InformerOptions } from '../../../src/core/cache/informer';
import { isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { type InformerStatus } from '../../../src/core/cache/status';
import { type KubeObject } from '../../../src/core/cache/types';
import { FakeClock } from '../fakes/fakeClock';
import { FakeListerWatcher } from '../fakes/fakeListerWatcher';

/** Harness: an informer on a FakeClock and FakeListerWatcher, with a recorded handler. */
export interface Harness {
  clock: FakeClock;
  lw: FakeListerWatcher<KubeObject>;
  informer: Informer<KubeObject>;
  /** One line per handler call: `add ns/name rv initial`, `update ns/name rv->rv`, `delete ns/name rv [tombstone]`. */
  log: string[];
  statuses: InformerStatus[];
}

export function harness(options: Partial<InformerOptions<KubeObject>> = {}): Harness {
  const clock = new FakeClock();
  const lw = new FakeListerWatcher<KubeObject>();
  const informer = new Informer<KubeObject>({
    name: 'test',
    listerWatcher: lw,
    clock,
    random: () => 0.5,
    ...options,
  });
  const log: string[] = [];
  const statuses: InformerStatus[] = [];
  informer.onDidChangeStatus((s) => statuses.push(s));
  informer.addEventHandler({
    onAdd: (o, initial) =>
      log.push(`add ${metaNamespaceKey(o)} ${o.metadata.resourceVersion}${initial ? ' initial' : ''}`),
    onUpdate: (a, b) =>
      log.push(`update ${metaNamespaceKey(b)} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
    onDelete: (o) =>
      log.push(
        isDeletedFinalStateUnknown<KubeObject>(o)
          ? `delete ${o.key} ${o.obj.metadata.resourceVersion} tombstone`
          : `delete ${metaNamespaceKey(o)} ${o.metadata.resourceVersion}`,
      ),
  });
  return { clock, lw, informer, log, statuses };
}

/** storeSnapshot maps key -> resourceVersion of everything cached. */
export function storeSnapshot(informer: Informer<KubeObject>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of informer.store.listKeys().sort())
    out[key] = informer.store.get(key)?.metadata.resourceVersion;
  return out;
}
