/**
 * clusters: in-process Kubernetes test API servers (test/server) for the real-VS Code tests, one
 * per kubeconfig context, each with a kubeconfig file that the extension reads through the
 * `kubeEvents.kubeconfig` setting. stop() stops every server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startTestServer, type TestServer } from '../../server/index';

/** Cluster is one server and the kubeconfig file of its context. */
export interface Cluster {
  readonly contextName: string;
  readonly server: TestServer;
  readonly kubeconfigPath: string;
}

/** Clusters is the set started by startClusters, in the order the names were given. */
export interface Clusters {
  readonly list: readonly Cluster[];
  /** byContext returns the cluster of `contextName`; it throws for an unknown name. */
  byContext(contextName: string): Cluster;
  /** kubeconfigPaths is the value for the `kubeEvents.kubeconfig` setting. */
  readonly kubeconfigPaths: string[];
  stop(): Promise<void>;
}

/** ClustersOptions configure startClusters. */
export interface ClustersOptions {
  /** Folder for the kubeconfig files (created if missing). */
  dir: string;
  /** One context (and server) per name. */
  contextNames: string[];
  /** The user every kubeconfig authenticates as; it is granted everything (default `admin`). */
  user?: string;
}

/** startClusters starts one TLS test server per context name and writes its kubeconfig. */
export async function startClusters(o: ClustersOptions): Promise<Clusters> {
  mkdirSync(o.dir, { recursive: true });
  const user = o.user ?? 'admin';
  const list: Cluster[] = [];
  try {
    for (const contextName of o.contextNames) {
      const server = await startTestServer({ tls: true });
      list.push({ contextName, server, kubeconfigPath: path.join(o.dir, `${contextName}.kubeconfig`) });
      server.grantAll(user);
      writeFileSync(list.at(-1)!.kubeconfigPath, server.kubeconfig({ user, contextName }), { mode: 0o600 });
    }
  } catch (err) {
    await Promise.all(list.map((c) => c.server.stop()));
    throw err;
  }
  return {
    list,
    kubeconfigPaths: list.map((c) => c.kubeconfigPath),
    byContext(contextName) {
      const found = list.find((c) => c.contextName === contextName);
      if (!found) throw new Error(`no cluster for context ${contextName}`);
      return found;
    },
    stop: async () => {
      await Promise.all(list.map((c) => c.server.stop()));
    },
  };
}
