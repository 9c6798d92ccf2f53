/**
 * peakEntry: the program scenarios 16 (peak RSS of the initial sync) and 4c (heap per pod)
 * bundle like the engine (bench/lib/engine.ts, minified CJS) and run in their own process with
 * --expose-gc. It connects one context with the pods and events informers exactly as the
 * extension configures them (Connections: the extension's indexers, the shared event
 * compactor), syncs, and prints one JSON line:
 *
 *   { before, after, rssBefore, rssAfter, peakRssKiB, syncMs, pods, events, pages }
 *
 * `before`/`after` are heapUsed after three global.gc() before connecting and after sync;
 * `peakRssKiB` is process.resourceUsage().maxRSS read at "synced" (before any forced GC).
 *
 * `paginated: true` makes the first LIST a quorum read (resourceVersion "" instead of "0"), which
 * the API server (and the test server) answers from etcd in pages of `limit`, as a server
 * without a watch cache does; otherwise the watch cache answers the first LIST whole, ignoring
 * `limit` (one huge page).
 */
import * as v8 from 'node:v8';
import {
  INVOLVED_UID_INDEX,
  involvedUidIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../../src/core/cache/indexers';
import type { InformerOptions } from '../../src/core/cache/informer';
import type { KubeObject, ListerWatcher } from '../../src/core/cache/types';
import type { ClusterSession } from '../../src/core/cluster/clusterSession';
import { ContextManager } from '../../src/core/cluster/contextManager';
import { defaultInformerFactory } from '../../src/core/cluster/sessionInformer';
import { createEventCompactor } from '../../src/core/events/compact';
import { EVENTS, PODS } from '../../src/core/kinds';
import { UID_INDEX, uidIndexFunc } from '../../src/core/resources/ownership';
import { CredentialProviders } from '../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../src/kube/sessionFactory';

interface Options {
  kubeconfig: string;
  context: string;
  paginated: boolean;
  /** Sample process.memoryUsage() every 10 ms during the sync and report the sample at peak RSS. */
  trace?: boolean;
}

const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  if (!gc) throw new Error('peakEntry needs node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

let pages = 0;

/** quorumFirstList turns a LIST at "0" into a quorum read at "", which the server pages. */
function quorumFirstList<T extends KubeObject>(lw: ListerWatcher<T>): ListerWatcher<T> {
  return {
    list: (o, signal) => {
      pages++;
      return lw.list(o.resourceVersion === '0' ? { ...o, resourceVersion: '' } : o, signal);
    },
    watch: (o, signal) => lw.watch(o, signal),
  };
}

function countPages<T extends KubeObject>(lw: ListerWatcher<T>): ListerWatcher<T> {
  return {
    list: (o, signal) => {
      pages++;
      return lw.list(o, signal);
    },
    watch: (o, signal) => lw.watch(o, signal),
  };
}

async function main(): Promise<void> {
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  const compactEvent = createEventCompactor();
  const manager = new ContextManager<ContextInfo, ClusterSession>({
    sessionFactory: createKubeSessionFactory({
      config: () => loaded.config,
      credentials: new CredentialProviders(),
      kinds: [PODS, EVENTS],
      discovery: false,
      informerOptions: (kind): Omit<InformerOptions<KubeObject>, 'name' | 'listerWatcher'> =>
        kind === EVENTS
          ? { indexers: { [INVOLVED_UID_INDEX]: involvedUidIndexFunc }, transform: compactEvent }
          : { indexers: { [OWNER_UID_INDEX]: ownerUidIndexFunc, [UID_INDEX]: uidIndexFunc } },
      informerFactory: (o) =>
        defaultInformerFactory({
          ...o,
          listerWatcher: opts.paginated ? quorumFirstList(o.listerWatcher) : countPages(o.listerWatcher),
        }),
    }),
  });
  manager.reconcile(loaded.contexts);
  const before = heapAfterGc();
  const rssBefore = process.memoryUsage().rss;
  const synced = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), 600_000);
    manager.onDidChangeStatus(({ name, status }) => {
      if (name !== opts.context) return;
      if (status.phase === 'synced') {
        clearTimeout(timer);
        resolve();
      } else if (status.phase === 'error' || status.phase === 'forbidden') {
        clearTimeout(timer);
        reject(new Error(`context ${status.phase}: ${status.reason}`));
      }
    });
  });
  let atPeak: (NodeJS.MemoryUsage & { spaces?: Record<string, number> }) | undefined;
  const sampler = opts.trace
    ? setInterval(() => {
        const m = process.memoryUsage();
        if (atPeak && m.rss <= atPeak.rss) return;
        const spaces: Record<string, number> = {};
        for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = s.space_size;
        atPeak = { ...m, spaces };
      }, 10)
    : undefined;
  const t0 = performance.now();
  manager.connect(opts.context);
  await synced;
  if (sampler) clearInterval(sampler);
  const syncMs = performance.now() - t0;
  const peakRssKiB = process.resourceUsage().maxRSS;
  const after = heapAfterGc();
  const session = manager.session(opts.context)!;
  process.stdout.write(
    JSON.stringify({
      before,
      after,
      rssBefore,
      rssAfter: process.memoryUsage().rss,
      peakRssKiB,
      syncMs,
      pods: session.store(PODS).size,
      events: session.store(EVENTS).size,
      pages,
      ...(atPeak ? { atPeak } : {}),
    }) + '\n',
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
