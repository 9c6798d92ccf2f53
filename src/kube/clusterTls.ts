/**
 * clusterTls: the server address and cluster-side TLS settings of a context (CA, SNI name,
 * insecure-skip-tls-verify, proxy-url, disable-compression), and the keep-alive agent built from them. One agent per
 * context (per client certificate) lets lists and watches reuse connections instead of paying a
 * TLS handshake per request.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { clientNode } from './clientNode';
import { kubeConfigForContext, type MergedKubeconfig } from './kubeconfig';

/** rawCluster is the cluster entry of `contextName` in the merged kubeconfig's own shape. */
function rawCluster(merged: MergedKubeconfig, contextName: string): Record<string, unknown> | undefined {
  const ctx = merged.contexts.find((c) => c.name === contextName)?.context as
    Record<string, unknown> | undefined;
  const entry = merged.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
}
import { DEFAULT_TRANSPORT_LIMITS } from './limits';

/** ClusterTls is the cluster half of a connection's settings. */
export interface ClusterTls {
  /** The server URL, without a trailing slash; may carry a path prefix. */
  readonly server: string;
  readonly ca?: Buffer;
  readonly servername?: string;
  /** false only when the cluster sets insecure-skip-tls-verify. */
  readonly rejectUnauthorized: boolean;
  readonly proxyUrl?: string;
  /** The cluster sets disable-compression: responses are not asked for gzipped (kubectl's rule). */
  readonly disableCompression?: boolean;
}

/** ClientTls is the user half: a client certificate and key, when the user has them. */
export interface ClientTls {
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
}

/**
 * clusterTlsForContext reads the cluster of `contextName` (CA file or data). Throws a
 * credential-free Error when the context, its cluster or its CA file is missing.
 */
export function clusterTlsForContext(merged: MergedKubeconfig, contextName: string): ClusterTls {
  const kc = kubeConfigForContext(merged, contextName);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new Error(`context "${contextName}": the cluster has no server`);
  let ca: Buffer | undefined;
  try {
    ca = clientNode().bufferFromFileOrString(cluster.caFile, cluster.caData) ?? undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(
      `context "${contextName}": cannot read certificate-authority ${cluster.caFile} (${e.code ?? e.message})`,
      { cause: err },
    );
  }
  return {
    server: cluster.server.replace(/\/+$/, ''),
    ca,
    servername: cluster.tlsServerName || undefined,
    rejectUnauthorized: !cluster.skipTLSVerify,
    proxyUrl: cluster.proxyUrl || undefined,
    // client-node's Cluster has no such field: read the raw entry, as kubectl does.
    disableCompression: rawCluster(merged, contextName)?.['disable-compression'] === true || undefined,
  };
}

/** tlsFingerprint identifies the client TLS material, to rebuild an agent when it changes. */
export function tlsFingerprint(client: ClientTls): string {
  if (!client.cert && !client.key) return '';
  return createHash('sha256')
    .update(String(client.cert ?? ''))
    .update('\0')
    .update(String(client.key ?? ''))
    .digest('hex');
}

/**
 * KEEP_ALIVE: connection reuse, and TCP keep-alive probes after 30 s idle on every socket (new
 * sockets get SO_KEEPALIVE from `keepAliveInitialDelay`, pooled ones from `keepAliveMsecs`), as
 * client-go's dialer does: how a watch on a dead peer is noticed, since a quiet watch is normal.
 */
const KEEP_ALIVE = {
  keepAlive: true,
  keepAliveMsecs: DEFAULT_TRANSPORT_LIMITS.keepAliveDelayMs,
  keepAliveInitialDelay: DEFAULT_TRANSPORT_LIMITS.keepAliveDelayMs,
};

/**
 * createAgent builds a keep-alive agent for a cluster and client certificate. With a proxy-url,
 * client-node's own agent factory is used (it handles http, https and socks proxies); it needs
 * the context's KubeConfig, passed as `kubeConfig`.
 */
export function createAgent(cluster: ClusterTls, client: ClientTls, kubeConfig?: KubeConfig): http.Agent {
  const options: https.AgentOptions & { keepAliveInitialDelay: number } = {
    ...KEEP_ALIVE,
    ca: cluster.ca,
    cert: client.cert,
    key: client.key,
    servername: cluster.servername,
    rejectUnauthorized: cluster.rejectUnauthorized,
  };
  if (cluster.proxyUrl) {
    const factory = (
      kubeConfig as unknown as { createAgent?: (c: unknown, o: unknown) => http.Agent } | undefined
    )?.createAgent;
    if (!kubeConfig || typeof factory !== 'function') {
      throw new Error('proxy-url is set but no proxy agent is available');
    }
    return factory.call(kubeConfig, kubeConfig.getCurrentCluster(), options);
  }
  return cluster.server.startsWith('http:') ? new http.Agent({ ...KEEP_ALIVE }) : new https.Agent(options);
}
