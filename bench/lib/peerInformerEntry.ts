/**
 * peerInformerEntry: @kubernetes/client-node's `makeInformer` (the version in package.json) for
 * pods and events, as an extension author would write it, bundled like the engine and run in
 * its own process by scenario 15. Both informers start in parallel; "synced" is when both
 * `start()` promises resolved (client-node's ListWatch resolves once its LIST is cached and its
 * watch is open). It prints one JSON line with the objects each informer keeps, then exits:
 *
 *   node peer.js '{"kubeconfig":"…","context":"…","limit":0}'
 *
 * `limit` > 0 passes `{ limit }` to the list functions: the server then pages, and ListWatch,
 * which never follows `continue`, keeps the first page only.
 */
import { performance } from 'node:perf_hooks';
import { CoreV1Api, KubeConfig, makeInformer, type KubernetesObject } from '@kubernetes/client-node';

const loadedMs = performance.now();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const loadedCpuMs = cpuMs();

interface Options {
  kubeconfig: string;
  context: string;
  limit: number;
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
  const deadline = setTimeout(() => {
    process.stderr.write('client-node: not synced within 10 minutes\n');
    process.exit(2);
  }, 600_000);
  const kc = new KubeConfig();
  kc.loadFromFile(opts.kubeconfig);
  kc.setCurrentContext(opts.context);
  const core = kc.makeApiClient(CoreV1Api);
  const page = opts.limit > 0 ? { limit: opts.limit } : {};
  const informers = [
    makeInformer<KubernetesObject>(kc, '/api/v1/pods', () => core.listPodForAllNamespaces(page)),
    makeInformer<KubernetesObject>(kc, '/api/v1/events', () => core.listEventForAllNamespaces(page)),
  ];
  const errors: string[] = [];
  for (const inf of informers) inf.on('error', (err: unknown) => errors.push(String(err)));
  await Promise.all(informers.map((inf) => inf.start()));
  clearTimeout(deadline);
  const syncedMs = performance.now();
  const syncedCpuMs = cpuMs();
  if (errors.length > 0) throw new Error(errors.join('; ').slice(0, 2000));
  process.stdout.write(
    JSON.stringify({
      type: 'synced',
      loadedMs,
      syncedMs,
      loadedCpuMs,
      syncedCpuMs,
      counts: informers.map((inf) => inf.list().length),
    }) + '\n',
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`client-node: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
