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
import { CREDENTIAL_FILE_MAX_BYTES, readBoundedFileSync } from './boundedFile';
import type { MergedKubeconfig } from './kubeconfig';
import { DEFAULT_TRANSPORT_LIMITS } from './limits';

/** rawCluster is the cluster entry of `contextName` in the merged kubeconfig's own shape. */
function rawCluster(merged: MergedKubeconfig, contextName: string): Record<string, unknown> | undefined {
  const ctx = merged.contexts.find((c) => c.name === contextName)?.context as
    Record<string, unknown> | undefined;
  const entry = merged.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
}

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
 * clusterTlsForContext reads the cluster of `contextName` (CA file or data) from the merged
 * kubeconfig itself, field by field as client-go reads it, so that connecting never loads
 * client-node (only a proxy-url needs it, for its agent: see createAgent). Throws a
 * credential-free Error when the context, its cluster, its server or its CA is missing or
 * malformed.
 */
export function clusterTlsForContext(merged: MergedKubeconfig, contextName: string): ClusterTls {
  const ctx = merged.contexts.find((c) => c.name === contextName);
  if (!ctx) throw new Error(`context "${contextName}" is not defined in the kubeconfig`);
  const cluster = rawCluster(merged, contextName);
  if (!cluster) throw new Error(`context "${contextName}" refers to an undefined cluster`);
  const field = (key: string): string | undefined => {
    const v = cluster[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string')
      throw new Error(`context "${contextName}": the cluster's ${key} is not a string`);
    return v;
  };
  const server = field('server');
  if (!server) throw new Error(`context "${contextName}": the cluster has no server`);
  const caFile = field('certificate-authority');
  const caData = field('certificate-authority-data');
  let ca: Buffer | undefined;
  if (caFile) {
    // The extension inlines CA files when it loads the kubeconfig (kubeconfigCa.ts); tests and
    // benches may not, so the file is read here, with the same bound.
    try {
      ca = readBoundedFileSync(caFile, CREDENTIAL_FILE_MAX_BYTES);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.name === 'FileBoundError' ? e.message : `${caFile} (${e.code ?? e.message})`;
      throw new Error(`context "${contextName}": cannot read certificate-authority ${why}`, { cause: err });
    }
  } else if (caData) {
    ca = Buffer.from(caData, 'base64');
  }
  return {
    server: server.replace(/\/+$/, ''),
    ca,
    servername: field('tls-server-name'),
    // client-go: only a true boolean skips verification.
    rejectUnauthorized: cluster['insecure-skip-tls-verify'] !== true,
    proxyUrl: field('proxy-url'),
    disableCompression: cluster['disable-compression'] === true || undefined,
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
