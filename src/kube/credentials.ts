/**
 * credentials: per-user request credentials (see userAuth for how a user entry is read), cached
 * and de-duplicated so that N informers starting at once run one exec plugin, a 401 forces
 * exactly one refresh, and a plugin nobody waits for any more (Disconnect, dispose) is killed.
 */
import { createHash } from 'node:crypto';
import { realClock, type Clock } from '../core/util/clock';
import type { Disposable } from '../core/util/disposable';
import { CREDENTIAL_FILE_MAX_BYTES, readBoundedFile } from './boundedFile';
import type { RawNamed, MergedKubeconfig } from './kubeconfig';
import { userEntry } from './kubeconfig';
import { redactSecrets } from './redactSecrets';
import { UserAuth, type FetchedCredential, type UserAuthOptions } from './userAuth';

/**
 * Credentials are what one request needs from the user: headers (Authorization,
 * Impersonate-User) and client TLS material. `generation` identifies this credential so a 401 on
 * it invalidates it once. Never log or stringify a Credentials.
 */
export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly generation: number;
}

/** CredentialSource is what a transport needs: a current credential, and a way to reject one. */
export interface CredentialSource {
  get(): Promise<Credentials>;
  /** invalidate drops `stale` (or the current credential): the next get() fetches a fresh one. */
  invalidate(stale?: Credentials): void;
}

/** CredentialFetcher is the part of UserAuth a provider uses. */
export interface CredentialFetcher {
  fetch(signal: AbortSignal, rejected: boolean): Promise<FetchedCredential>;
}

export interface CredentialProviderOptions {
  /** The user's name, for messages only. */
  userName: string;
  auth: CredentialFetcher;
  clock?: Clock;
  /** How long a static credential is reused before files are re-read (default 60 s, like client-go). */
  refreshMs?: number;
  /** Called once when the last lease is released (see acquire). */
  onIdle?: () => void;
}

/**
 * CredentialProvider returns the credentials of one user. Concurrent get() calls share one
 * in-flight fetch. Exec credentials are kept until shortly before their expirationTimestamp, or
 * until invalidated when they have none (client-go's rule); OIDC id-tokens until 10 s before
 * their `exp`; static ones are re-read every `refreshMs`. Users of the provider hold a lease
 * (acquire); when the last lease is released, or on dispose(), an in-flight fetch is aborted (an
 * exec plugin killed) and the cache dropped. Errors are credential-free and name the user.
 */
export class CredentialProvider implements CredentialSource, Disposable {
  private readonly userName: string;
  private readonly auth: CredentialFetcher;
  private readonly clock: Clock;
  private readonly refreshMs: number;
  private cached: { creds: Credentials; refreshAt: number } | undefined;
  private inflight: { promise: Promise<Credentials>; controller: AbortController } | undefined;
  private rejected = false;
  private generation = 0;
  private leases = 0;
  private disposed = false;

  constructor(private readonly options: CredentialProviderOptions) {
    this.userName = options.userName;
    this.auth = options.auth;
    this.clock = options.clock ?? realClock;
    this.refreshMs = options.refreshMs ?? 60_000;
  }

  get(): Promise<Credentials> {
    if (this.disposed) return Promise.reject(new Error(`credentials for user "${this.userName}": disposed`));
    if (this.cached && this.clock.now() < this.cached.refreshAt) return Promise.resolve(this.cached.creds);
    if (!this.inflight) {
      const controller = new AbortController();
      const promise = this.fetch(controller.signal).finally(() => {
        if (this.inflight?.controller === controller) this.inflight = undefined;
      });
      this.inflight = { promise, controller };
    }
    return this.inflight.promise;
  }

  invalidate(stale?: Credentials): void {
    if (stale && this.cached && stale.generation !== this.cached.creds.generation) return;
    if (stale && !this.cached) return;
    this.cached = undefined;
    this.rejected = true;
  }

  /**
   * acquire registers one user of this provider (a connected context). Releasing the last lease
   * cancels an in-flight fetch and forgets the cached credential, so connecting again (Refresh)
   * runs the exec plugin again.
   */
  acquire(): Disposable {
    this.leases++;
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        if (--this.leases === 0) {
          this.cancel();
          this.cached = undefined;
          this.options.onIdle?.();
        }
      },
    };
  }

  /** dispose cancels an in-flight fetch (killing an exec plugin); later get() calls reject. */
  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.cached = undefined;
  }

  private cancel(): void {
    const inflight = this.inflight;
    this.inflight = undefined;
    inflight?.controller.abort();
  }

  private async fetch(signal: AbortSignal): Promise<Credentials> {
    const rejected = this.rejected;
    let fetched: FetchedCredential;
    try {
      fetched = await this.auth.fetch(signal, rejected);
    } catch (err) {
      // No `cause`: the original may quote a token.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`cannot get credentials for user "${this.userName}": ${describe(err)}`);
    }
    if (signal.aborted) throw new Error(`credentials for user "${this.userName}": cancelled`);
    this.rejected = false;
    const creds: Credentials = {
      headers: fetched.headers,
      cert: fetched.cert,
      key: fetched.key,
      generation: ++this.generation,
    };
    this.cached = { creds, refreshAt: this.refreshAt(fetched) };
    return creds;
  }

  private refreshAt(f: FetchedCredential): number {
    const now = this.clock.now();
    if (f.source === 'static') return now + this.refreshMs;
    if (f.expiresAt === undefined)
      return f.source === 'exec' ? Number.POSITIVE_INFINITY : now + this.refreshMs;
    if (f.source === 'oidc') return f.expiresAt - 10_000;
    const lifetime = f.expiresAt - now;
    return now + Math.max(1000, lifetime - Math.min(30_000, lifetime / 5));
  }
}

/** describe gives a short, credential-free, single-line description of an auth failure. */
function describe(err: unknown): string {
  const message = String((err as Error)?.message ?? err);
  return (
    redactSecrets(message)
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 800) || 'failed'
  );
}

export interface CredentialProvidersOptions {
  clock?: Clock;
  refreshMs?: number;
  /** Bounds for exec plugin runs (tests). */
  execOptions?: UserAuthOptions['execOptions'];
}

/**
 * CredentialProviders shares one CredentialProvider per user definition across the contexts of
 * one merged kubeconfig: contexts using the same user share its exec plugin runs (per cluster
 * too, when the plugin asks for cluster info). A user whose definition changed gets a new
 * provider; a provider whose last lease is released is dropped.
 */
export class CredentialProviders implements Disposable {
  private readonly providers = new Map<string, CredentialProvider>();

  constructor(private readonly options: CredentialProvidersOptions = {}) {}

  /**
   * forUser returns the provider for `userName` ('' for none) as defined in `merged`;
   * `clusterName` is the context's cluster, used when the user's exec plugin wants cluster info.
   */
  forUser(merged: MergedKubeconfig, userName: string, clusterName?: string): CredentialProvider {
    const entry = userName ? userEntry(merged, userName) : undefined;
    const user = entry?.user as Record<string, unknown> | undefined;
    const exec = user?.exec as { provideClusterInfo?: unknown } | undefined;
    const cluster =
      exec?.provideClusterInfo === true ? merged.clusters.find((c) => c.name === clusterName) : undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([userName, entry ?? null, cluster ?? null]))
      .digest('hex');
    let p = this.providers.get(key);
    if (!p) {
      const provider: CredentialProvider = new CredentialProvider({
        userName,
        auth: new UserAuth({
          userName,
          user,
          clock: this.options.clock,
          execCluster: cluster ? () => execClusterInfo(cluster) : undefined,
          execOptions: this.options.execOptions,
        }),
        clock: this.options.clock,
        refreshMs: this.options.refreshMs,
        onIdle: () => {
          if (this.providers.get(key) === provider) this.providers.delete(key);
        },
      });
      p = provider;
      this.providers.set(key, p);
    }
    return p;
  }

  /** dispose cancels every provider's in-flight fetch (killing exec plugins). */
  dispose(): void {
    for (const p of this.providers.values()) p.dispose();
    this.providers.clear();
  }
}

/**
 * execClusterInfo is KUBERNETES_EXEC_INFO's spec.cluster for a cluster entry (client-go's
 * Cluster type): the CA file, when given as a file, is read and passed as data.
 */
async function execClusterInfo(entry: RawNamed): Promise<Record<string, unknown>> {
  const c = (entry.cluster ?? {}) as Record<string, unknown>;
  let caData =
    typeof c['certificate-authority-data'] === 'string' ? c['certificate-authority-data'] : undefined;
  const caFile = c['certificate-authority'];
  if (!caData && typeof caFile === 'string' && caFile !== '') {
    caData = (await readBoundedFile(caFile, CREDENTIAL_FILE_MAX_BYTES)).toString('base64');
  }
  const extensions = Array.isArray(c.extensions)
    ? (c.extensions as { name?: unknown; extension?: unknown }[])
    : [];
  const config = extensions.find((e) => e?.name === 'client.authentication.k8s.io/exec')?.extension;
  const info: Record<string, unknown> = { server: c.server };
  if (c['tls-server-name']) info['tls-server-name'] = c['tls-server-name'];
  if (c['insecure-skip-tls-verify'] === true) info['insecure-skip-tls-verify'] = true;
  if (caData) info['certificate-authority-data'] = caData;
  if (c['proxy-url']) info['proxy-url'] = c['proxy-url'];
  if (c['disable-compression'] === true) info['disable-compression'] = true;
  if (config !== undefined) info.config = config;
  return info;
}
