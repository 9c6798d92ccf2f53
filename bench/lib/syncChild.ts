/**
 * syncChild: run in its own process (`node --import tsx bench/lib/syncChild.ts '<json>'`) by
 * scenario 10. One Informer of pods, through the extension's HTTP lister-watcher, syncs from
 * `url` (plain HTTP, any token) by LIST or by watch-list; it prints one JSON line with the
 * object count and the process's peak RSS at sync, then exits.
 */
import { Informer } from '../../src/core/cache/informer';
import { stripForCache } from '../../src/core/cache/transform';
import type { KubeObject } from '../../src/core/cache/types';
import { PODS } from '../../src/core/kinds';
import { createListerWatcher } from '../../src/kube/httpListerWatcher';
import { KubeTransport } from '../../src/kube/transport';

const opts = JSON.parse(process.argv[2] ?? '{}') as { url: string; useWatchList: boolean };
const transport = new KubeTransport({
  cluster: { server: opts.url, rejectUnauthorized: true },
  credentials: { get: async () => ({ headers: {}, generation: 0 }), invalidate: () => {} },
});
const informer = new Informer<KubeObject>({
  name: 'pods',
  listerWatcher: createListerWatcher({ transport, kind: PODS, transform: stripForCache }),
  useWatchList: opts.useWatchList,
});
const t0 = Date.now();
informer.start();
void informer.whenSynced().then(() => {
  const out = {
    objects: informer.store.list().length,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    ms: Date.now() - t0,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  informer.stop();
  transport.dispose();
  process.exit(0);
});
