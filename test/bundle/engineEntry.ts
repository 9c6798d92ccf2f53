// engineEntry: bundled with the extension's esbuild settings and run under each supported Node
// (20 for VS Code 1.100, 24 for the newest), it proves that the bundled engine — our kubeconfig
// reader, transport, informers and sessions — loads and syncs from a real API server.
// Usage: node engine.js KUBECONFIG_PATH CONTEXT; prints one JSON line and exits 0 when synced.
import { ContextManager } from '../../src/core/cluster/contextManager';
import type { ClusterSession } from '../../src/core/cluster/clusterSession';
import { EVENTS, NAMESPACES, PODS } from '../../src/core/kinds';
import { CredentialProviders } from '../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../src/kube/sessionFactory';

const [file, context] = process.argv.slice(2);
const loaded = loadKubeconfigs([file!]);
const manager = new ContextManager<ContextInfo, ClusterSession>({
  sessionFactory: createKubeSessionFactory({
    config: () => loaded.config,
    credentials: new CredentialProviders(),
    kinds: [NAMESPACES, PODS, EVENTS],
  }),
});
manager.reconcile(loaded.contexts);
manager.connect(context!);
const deadline = setTimeout(() => {
  console.log(JSON.stringify({ ok: false, status: manager.status(context!) }));
  manager.dispose();
  process.exit(1);
}, 20_000);
manager.onDidChangeStatus(({ status }) => {
  if (status.phase !== 'synced') return;
  const session = manager.session(context!)!;
  console.log(
    JSON.stringify({
      ok: true,
      node: process.version,
      pods: session.store(PODS).size,
      events: session.store(EVENTS).size,
    }),
  );
  clearTimeout(deadline);
  manager.dispose();
});
