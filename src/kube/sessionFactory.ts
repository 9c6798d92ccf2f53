/**
 * sessionFactory: wires a context's kubeconfig entry to a ClusterSession: its cluster TLS, its
 * user's shared credential provider, one keep-alive transport, HTTP ListerWatchers and access
 * reviews. The composition point between src/kube (I/O) and src/core/cluster (logic).
 */
import type { InformerOptions } from '../core/cache/informer';
import type { KubeObject } from '../core/cache/types';
import { ClusterSession } from '../core/cluster/clusterSession';
import type { InformerFactory } from '../core/cluster/sessionInformer';
import type { ResourceKind } from '../core/kinds';
import type { Clock } from '../core/util/clock';
import type { Disposable } from '../core/util/disposable';
import type { Logger } from '../core/util/logger';
import { canListAndWatch } from './accessReview';
import { clusterTlsForContext } from './clusterTls';
import type { CredentialProviders } from './credentials';
import { createListerWatcher } from './httpListerWatcher';
import { Interner } from '../core/cache/intern';
import { MetadataCompactor } from '../core/cache/metadataCompact';
import { stripForCache } from '../core/cache/transform';
import { kubeConfigForContext, type ContextInfo, type MergedKubeconfig } from './kubeconfig';
import type { ReadLimits, TransportLimits } from './limits';
import { ClusterDiscovery } from '../core/discovery/clusterDiscovery';
import { createCrdSignal } from './crdSignal';
import { createDiscoveryClient } from './discoveryClient';
import {
  isSecretKind,
  METADATA_ACCEPT,
  METADATA_WATCH_ACCEPT,
  metadataOnlyTransform,
  onNotFound,
  withAccept,
} from './metadataOnly';
import { createObjectSource } from './objectSource';
import { readSecretSummary } from './secretSummary';
import { KubeTransport } from './transport';

export interface KubeSessionFactoryOptions {
  /** The current merged kubeconfig (read at each session creation). */
  config: () => MergedKubeconfig;
  credentials: CredentialProviders;
  kinds: readonly ResourceKind[];
  /** The namespaces allow-list setting. */
  namespaces?: () => readonly string[];
  informerFactory?: InformerFactory;
  informerOptions?: (kind: ResourceKind) => Omit<InformerOptions<KubeObject>, 'name' | 'listerWatcher'>;
  clock?: Clock;
  logger?: Logger;
  userAgent?: string;
  /** Time bounds of every context's transport (defaults: DEFAULT_TRANSPORT_LIMITS); short in tests. */
  transportLimits?: Partial<TransportLimits>;
  /** Size bounds of every list and watch body (defaults: DEFAULT_READ_LIMITS); small in tests. */
  readLimits?: Partial<ReadLimits>;
  /**
   * API discovery (default on): every listable, watchable kind the server serves becomes a lazy
   * kind of the session. Off: the session knows `kinds` only.
   */
  discovery?: boolean;
  /** Kinds besides Secrets (always) to list and watch as metadata only. */
  metadataOnly?: (kind: ResourceKind) => boolean;
  /** How long a lazy kind keeps running after its last user (default 60 s). */
  lazyIdleMs?: number;
  /** Shares repeated strings and small objects of every decoded object (default: a new Interner). */
  interner?: Interner;
}

function ownAll(...owned: Disposable[]): Disposable {
  return { dispose: () => owned.forEach((d) => d.dispose()) };
}

/**
 * createKubeSessionFactory returns a function building a (not yet started) ClusterSession for a
 * context. The session owns its transport and a lease on its user's credential provider: stopping
 * the session (Disconnect, Refresh, dispose) kills an exec plugin no other context waits for.
 * It throws a credential-free Error when the context's entry cannot be used (missing
 * cluster, unreadable CA file); ContextManager turns that into status `error`.
 */
export function createKubeSessionFactory(
  options: KubeSessionFactoryOptions,
): (context: ContextInfo) => ClusterSession {
  // One interner for every context and kind this factory builds (its pools are bounded).
  const interner = options.interner ?? new Interner();
  return (context) => {
    if (context.error) throw new Error(context.error);
    const merged = options.config();
    const cluster = clusterTlsForContext(merged, context.name);
    const credentials = options.credentials.forUser(merged, context.user, context.cluster);
    const transport = new KubeTransport({
      cluster,
      credentials,
      kubeConfig: cluster.proxyUrl ? kubeConfigForContext(merged, context.name) : undefined,
      userAgent: options.userAgent,
      logger: options.logger,
      limits: options.transportLimits,
    });
    const discovery =
      options.discovery === false
        ? undefined
        : new ClusterDiscovery({
            name: context.name,
            source: createDiscoveryClient({ transport }),
            fallbackKinds: options.kinds,
            crdSignal: createCrdSignal({
              transport,
              clock: options.clock,
              logger: options.logger,
              name: context.name,
            }),
            clock: options.clock,
            logger: options.logger,
          });
    const eager = new Set(options.kinds);
    const metadataOnly = (kind: ResourceKind) =>
      isSecretKind(kind) || (options.metadataOnly?.(kind) ?? false);
    // One per context: its metadata-only kinds share one bounded string interner.
    const compactor = new MetadataCompactor();
    return new ClusterSession({
      contextName: context.name,
      kinds: options.kinds,
      namespaces: options.namespaces?.(),
      defaultNamespace: context.namespace,
      // Strip each object as it arrives (managedFields, last-applied): a list's raw pages are
      // then never held whole, which bounds the initial sync's peak memory near what is kept.
      listerWatcherFactory: (kind, namespace) => {
        const meta = metadataOnly(kind);
        const lw = createListerWatcher({
          transport: meta ? withAccept(transport, METADATA_ACCEPT, METADATA_WATCH_ACCEPT) : transport,
          kind,
          namespace,
          transform: meta ? metadataOnlyTransform(kind, compactor) : stripForCache,
          // Both drop managedFields: list items skip parsing it.
          dropsManagedFields: true,
          // The compactor already shares what a metadata-only object repeats; the interner's
          // walk would only pool each object's labels/annotations once more (measured: +266 B
          // per Secret, its leaf pool's JSON keys and table, bench/lib/metaHeapProbe.ts).
          interner: meta ? undefined : interner,
          limits: options.readLimits,
        });
        // A discovered kind answering 404 may be gone (its CRD deleted): discovery checks again.
        return discovery && !eager.has(kind) ? onNotFound(lw, () => discovery.notFound(kind)) : lw;
      },
      accessReviewer: { canList: (kind, namespace) => canListAndWatch(transport, kind, namespace) },
      informerFactory: options.informerFactory,
      // LIST, not watch-list, for the initial state. Measured (bench 10): a watch-list of 10k
      // pods moved 19.6 MB where the gzipped LIST moved 0.7 MB (watch streams are never
      // compressed), and the client's peak memory was the same (lists are parsed as a stream and
      // stripped as they arrive). For a desktop client on a VPN the bytes decide. Watch-list stays
      // available (`useWatchList`), with a bounded wait and a fallback to LIST when unsupported.
      informerOptions: (kind) => ({ useWatchList: false, ...options.informerOptions?.(kind) }),
      clock: options.clock,
      logger: options.logger,
      owned: ownAll(transport, credentials.acquire()),
      discovery,
      lazyIdleMs: options.lazyIdleMs,
      readSecret: (namespace, name, signal) => readSecretSummary(transport, namespace, name, signal),
      // One object (describe of a lazy kind not running): cached in the kind's form, as its informer would.
      objectSourceFactory: (kind, ref) => {
        const meta = metadataOnly(kind);
        return createObjectSource({
          transport,
          metadataOnly: meta,
          kind,
          ref,
          transform: meta ? metadataOnlyTransform(kind) : stripForCache,
          limits: options.readLimits,
        });
      },
    });
  };
}
