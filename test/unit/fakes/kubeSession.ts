import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { ContextManager } from '../../../src/core/cluster/contextManager';
import { NAMESPACES, PODS } from '../../../src/core/kinds';
import { CredentialProviders } from '../../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../../src/kube/kubeconfig';
import { createKubeSessionFactory, type KubeSessionFactoryOptions } from '../../../src/kube/sessionFactory';

/**
 * startKubeSession connects context `context` of the kubeconfig file `file` through the real
 * engine (ContextManager + the client-node-free session factory; eager kinds Namespaces and Pods
 * unless `options.kinds` says otherwise) and returns the manager, to dispose, and the session. It
 * does not wait for anything: each test waits for what it needs.
 */
export function startKubeSession(
  file: string,
  options: Partial<KubeSessionFactoryOptions> = {},
  context = 'c',
): { manager: ContextManager<ContextInfo, ClusterSession>; session: ClusterSession } {
  const loaded = loadKubeconfigs([file]);
  const manager = new ContextManager<ContextInfo, ClusterSession>({
    sessionFactory: createKubeSessionFactory({
      config: () => loaded.config,
      credentials: new CredentialProviders(),
      kinds: [NAMESPACES, PODS],
      ...options,
    }),
  });
  manager.reconcile(loaded.contexts);
  manager.connect(context);
  return { manager, session: manager.session(context)! };
}
