/**
 * credentials: per-user request credentials obtained from client-node (tokens, token files,
 * client certificates, exec plugins, auth providers), cached and de-duplicated so that N
 * informers starting at once run one exec plugin, and a 401 forces exactly one refresh.
 */
import { createHash } from 'node:crypto';
import type * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigForUser, userEntry, type MergedKubeconfig } from './kubeconfig';

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

export interface CredentialProviderOptions {
  /** The user's name, for messages only. */
  userName: string;
  /** Builds a NEW KubeConfig whose current user is this user (fresh authenticator caches). */
  kubeConfigFactory: () => KubeConfig;
  now?: () => number;
  /** How long a non-exec credential is reused before files are re-read (default 60 s, like client-go). */
  refreshMs?: number;
}

/**
 * CredentialProvider returns the credentials of one user. Concurrent get() calls share one
 * in-flight fetch. Exec credentials are kept until shortly before their expirationTimestamp, or
 * until invalidated when they have none (client-go's rule); other credentials are re-read every
 * `refreshMs`. invalidate() makes the next fetch use a fresh KubeConfig, defeating client-node's
 * own per-instance exec cache. Errors are credential-free and name the user.
 */
export class CredentialProvider implements CredentialSource {
  private readonly userName: string;
  private readonly factory: () => KubeConfig;
  private readonly now: () => number;
  private readonly refreshMs: number;
  private kc: KubeConfig | undefined;
  private cached: { creds: Credentials; refreshAt: number } | undefined;
  private inflight: Promise<Credentials> | undefined;
  private generation = 0;

  constructor(options: CredentialProviderOptions) {
    this.userName = options.userName;
    this.factory = options.kubeConfigFactory;
    this.now = options.now ?? Date.now;
    this.refreshMs = options.refreshMs ?? 60_000;
  }

  get(): Promise<Credentials> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.creds);
    if (!this.inflight) {
      this.inflight = this.fetch().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  invalidate(stale?: Credentials): void {
    if (stale && this.cached && stale.generation !== this.cached.creds.generation) return;
    this.cached = undefined;
    this.kc = undefined;
  }

  private async fetch(): Promise<Credentials> {
    let kc = this.kc;
    try {
      kc ??= this.factory();
      const opts: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(opts);
      const creds = toCredentials(opts, ++this.generation);
      const now = this.now();
      const user = kc.getCurrentUser();
      const isExec = !!user?.exec || !!user?.authProvider?.config?.exec;
      let refreshAt: number;
      if (isExec) {
        const expiry = execExpiry(kc, user?.name ?? '');
        if (expiry === undefined) {
          refreshAt = Number.POSITIVE_INFINITY;
        } else {
          const lifetime = expiry - now;
          refreshAt = now + Math.max(1000, lifetime - Math.min(30_000, lifetime / 5));
        }
        this.kc = undefined; // the next fetch must not get client-node's cached token back
      } else {
        refreshAt = now + this.refreshMs;
        // auth-providers (oidc...) refresh tokens inside their instance: keep it.
        this.kc = user?.authProvider ? kc : undefined;
      }
      this.cached = { creds, refreshAt };
      return creds;
    } catch (err) {
      this.kc = undefined;
      // No `cause`: the original (an exec plugin's output, a JSON parse error) may quote a token.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`cannot get credentials for user "${this.userName}": ${describe(err)}`);
    }
  }
}

function toCredentials(opts: https.RequestOptions, generation: number): Credentials {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  return {
    headers,
    cert: (opts.cert as string | Buffer | undefined) ?? undefined,
    key: (opts.key as string | Buffer | undefined) ?? undefined,
    generation,
  };
}

/**
 * execExpiry reads the expirationTimestamp of the exec credential client-node cached for
 * `userName` in this instance. client-node 1.4 keeps it in a private `tokenCache` of its ExecAuth
 * authenticator; when that shape is not found, the expiry is unknown.
 */
function execExpiry(kc: KubeConfig, userName: string): number | undefined {
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  for (const a of authenticators) {
    const cache = (a as { tokenCache?: Record<string, { status?: { expirationTimestamp?: string } } | null> })
      .tokenCache;
    const entry = cache?.[userName];
    if (entry) {
      const t = Date.parse(entry.status?.expirationTimestamp ?? '');
      return Number.isFinite(t) ? t : undefined;
    }
  }
  return undefined;
}

/** describe gives a short, credential-free description of an auth failure. */
function describe(err: unknown): string {
  // JSON.parse messages quote the input, which may hold a token.
  if (err instanceof SyntaxError) return 'the exec plugin did not print a valid ExecCredential';
  const code = (err as NodeJS.ErrnoException)?.code;
  const message = String((err as Error)?.message ?? err)
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim()
    .replace(/(bearer|basic)\s+\S+/gi, '$1 <redacted>')
    .slice(0, 300);
  return [code && !message?.includes(code) ? code : '', message || 'failed'].filter(Boolean).join(': ');
}

/**
 * CredentialProviders shares one CredentialProvider per user definition across the contexts of
 * one merged kubeconfig: contexts using the same user share its exec plugin runs. A user whose
 * definition changed gets a new provider.
 */
export class CredentialProviders {
  private readonly providers = new Map<string, CredentialProvider>();

  constructor(private readonly options: { now?: () => number; refreshMs?: number } = {}) {}

  /** forUser returns the provider for `userName` ('' for none) as defined in `merged`. */
  forUser(merged: MergedKubeconfig, userName: string): CredentialProvider {
    const entry = userName ? userEntry(merged, userName) : undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([userName, entry ?? null]))
      .digest('hex');
    let p = this.providers.get(key);
    if (!p) {
      p = new CredentialProvider({
        userName,
        kubeConfigFactory: () => kubeConfigForUser(merged, userName),
        now: this.options.now,
        refreshMs: this.options.refreshMs,
      });
      this.providers.set(key, p);
    }
    return p;
  }
}
