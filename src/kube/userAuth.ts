/**
 * userAuth: turns one kubeconfig `user` entry into request credentials, the way kubectl reads
 * it: exec plugin, oidc auth-provider, tokenFile / token-file, token, username/password, client
 * certificate and key (data or file), and the impersonation fields (as, as-uid, as-groups,
 * as-user-extra). Every file is read asynchronously, regular files only, size-capped; tokens are
 * trimmed as kubectl does and checked for characters an HTTP header cannot carry.
 */
import { realClock, type Clock } from '../core/util/clock';
import { CREDENTIAL_FILE_MAX_BYTES, readBoundedFile } from './boundedFile';
import {
  parseExecConfig,
  runExecPlugin,
  type ExecConfig,
  type ExecCredentialStatus,
  type RunExecOptions,
} from './execPlugin';
import { OidcAuth } from './oidc';

/** FetchedCredential is one fetch's result: what to send and until when it may be reused. */
export interface FetchedCredential {
  readonly headers: Readonly<Record<string, string>>;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** 'static' credentials are re-read periodically; the others follow `expiresAt`. */
  readonly source: 'static' | 'exec' | 'oidc';
  readonly expiresAt?: number;
}

export interface UserAuthOptions {
  /** The user's name, for messages. */
  userName: string;
  /** The raw `user` mapping, paths already absolute; undefined for a context without user. */
  user: Record<string, unknown> | undefined;
  /** KUBERNETES_EXEC_INFO's spec.cluster, for a plugin with provideClusterInfo. */
  execCluster?: () => Promise<Record<string, unknown>>;
  clock?: Clock;
  /** Injected for tests; defaults to runExecPlugin. */
  runExec?: (config: ExecConfig, options: RunExecOptions) => Promise<ExecCredentialStatus>;
  /** Extra options for exec runs and OIDC requests (bounds, in tests). */
  execOptions?: Pick<RunExecOptions, 'timeoutMs' | 'maxStdoutBytes' | 'stderrTailBytes'>;
}

/**
 * UserAuth fetches credentials for one user definition. It keeps the state a user's auth needs
 * between fetches (the refreshed OIDC tokens). fetch() rejects with a credential-free Error.
 */
export class UserAuth {
  private readonly user: Record<string, unknown>;
  private readonly clock: Clock;
  private oidc: OidcAuth | undefined;

  constructor(private readonly options: UserAuthOptions) {
    this.user = options.user ?? {};
    this.clock = options.clock ?? realClock;
  }

  /** usesExec: the user runs an exec plugin (so a fetch may take long and is worth cancelling). */
  get usesExec(): boolean {
    return this.user.exec !== undefined && this.user.exec !== null;
  }

  /**
   * fetch builds a fresh credential. `rejected`: the previous one got a 401, so tokens an issuer
   * can renew are renewed even when they look valid.
   */
  async fetch(signal: AbortSignal, rejected = false): Promise<FetchedCredential> {
    const u = this.user;
    const headers: Record<string, string> = impersonationHeaders(u);
    let cert = await dataOrFile(u, 'client-certificate-data', 'client-certificate');
    let key = await dataOrFile(u, 'client-key-data', 'client-key');
    if (!!cert !== !!key) throw new Error('client-certificate and client-key must be given together');
    let source: FetchedCredential['source'] = 'static';
    let expiresAt: number | undefined;
    const provider = u['auth-provider'];
    if (this.usesExec) {
      const config = parseExecConfig(u.exec);
      const cluster = config.provideClusterInfo ? await this.options.execCluster?.() : undefined;
      const run = this.options.runExec ?? runExecPlugin;
      const status = await run(config, { ...this.options.execOptions, cluster, signal, clock: this.clock });
      source = 'exec';
      expiresAt = status.expiresAt;
      if (status.token) headers.Authorization = `Bearer ${headerSafe(status.token, 'the exec plugin token')}`;
      if (status.clientCertificateData && status.clientKeyData) {
        cert = Buffer.from(status.clientCertificateData);
        key = Buffer.from(status.clientKeyData);
      }
    } else if (provider !== undefined && provider !== null) {
      const p = provider as { name?: unknown; config?: unknown };
      if (p.name !== 'oidc') {
        // kubectl 1.26 removed the gcp and azure providers in favour of exec plugins.
        throw new Error(
          `auth-provider ${JSON.stringify(String(p.name).slice(0, 40))} is not supported: use an exec plugin (kubectl dropped it too)`,
        );
      }
      this.oidc ??= new OidcAuth({ config: await oidcConfig(p.config), clock: this.clock });
      const t = await this.oidc.token(signal, rejected);
      source = 'oidc';
      expiresAt = t.expiresAt;
      headers.Authorization = `Bearer ${headerSafe(t.idToken, 'the oidc id-token')}`;
    } else {
      const token = await staticToken(u);
      if (token) headers.Authorization = `Bearer ${token}`;
      else if (typeof u.username === 'string' && u.username !== '') {
        const password = typeof u.password === 'string' ? u.password : '';
        headers.Authorization = `Basic ${Buffer.from(`${u.username}:${password}`).toString('base64')}`;
      }
    }
    return { headers, cert, key, source, expiresAt };
  }
}

/**
 * staticToken is the bearer token of a user without exec or auth-provider: the token file
 * (kubectl's `tokenFile`, client-node's `token-file`) when set, else `token`. Like client-go, the
 * file's content is whitespace-trimmed and an empty file is an error.
 */
async function staticToken(u: Record<string, unknown>): Promise<string | undefined> {
  const file = str(u.tokenFile) ?? str(u['token-file']);
  if (file) {
    let text: string;
    try {
      text = (await readBoundedFile(file, CREDENTIAL_FILE_MAX_BYTES)).toString('utf8');
    } catch (err) {
      throw new Error(`cannot read tokenFile (${fileError(err)})`, { cause: err });
    }
    const token = text.trim();
    if (token === '') throw new Error(`tokenFile ${file} is empty`);
    return headerSafe(token, `the token in ${file}`);
  }
  const token = str(u.token)?.trim();
  return token ? headerSafe(token, 'the token') : undefined;
}

async function dataOrFile(
  u: Record<string, unknown>,
  dataKey: string,
  fileKey: string,
): Promise<Buffer | undefined> {
  const data = str(u[dataKey]);
  if (data) return Buffer.from(data, 'base64');
  const file = str(u[fileKey]);
  if (!file) return undefined;
  try {
    return await readBoundedFile(file, CREDENTIAL_FILE_MAX_BYTES);
  } catch (err) {
    throw new Error(`cannot read ${fileKey} (${fileError(err)})`, { cause: err });
  }
}

async function oidcConfig(raw: unknown): Promise<ConstructorParameters<typeof OidcAuth>[0]['config']> {
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  let ca: Buffer | undefined;
  const caData = str(c['idp-certificate-authority-data']);
  const caFile = str(c['idp-certificate-authority']);
  if (caData) ca = Buffer.from(caData, 'base64');
  else if (caFile) {
    try {
      ca = await readBoundedFile(caFile, CREDENTIAL_FILE_MAX_BYTES);
    } catch (err) {
      throw new Error(`cannot read idp-certificate-authority (${fileError(err)})`, { cause: err });
    }
  }
  return {
    issuer: str(c['idp-issuer-url']),
    clientId: str(c['client-id']),
    clientSecret: str(c['client-secret']),
    idToken: str(c['id-token']),
    refreshToken: str(c['refresh-token']),
    extraScopes: str(c['extra-scopes']),
    ca,
  };
}

/**
 * impersonationHeaders: as -> Impersonate-User, as-uid -> Impersonate-Uid, as-groups ->
 * Impersonate-Group, as-user-extra -> Impersonate-Extra-<key>. Our transport sends one value per
 * header, so more than one group (or more than one value of an extra key) is refused rather than
 * sent wrongly joined.
 */
function impersonationHeaders(u: Record<string, unknown>): Record<string, string> {
  const h: Record<string, string> = {};
  const as = str(u.as);
  if (as) h['Impersonate-User'] = headerSafe(as, 'as');
  const uid = str(u['as-uid']);
  if (uid) h['Impersonate-Uid'] = headerSafe(uid, 'as-uid');
  const groups = u['as-groups'];
  if (Array.isArray(groups) && groups.length > 0) {
    if (groups.length > 1 || typeof groups[0] !== 'string') {
      throw new Error('as-groups: impersonating more than one group is not supported yet');
    }
    h['Impersonate-Group'] = headerSafe(groups[0], 'as-groups');
  }
  const extra = u['as-user-extra'];
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) {
    for (const [k, v] of Object.entries(extra)) {
      const values = Array.isArray(v) ? v : [v];
      if (values.length !== 1 || typeof values[0] !== 'string') {
        throw new Error('as-user-extra: exactly one string value per key is supported');
      }
      h[`Impersonate-Extra-${encodeURIComponent(k)}`] = headerSafe(values[0], 'as-user-extra');
    }
  }
  if (!as && Object.keys(h).length > 0) throw new Error('as-uid, as-groups and as-user-extra need `as`');
  return h;
}

/**
 * headerSafe returns `value` when an HTTP header can carry it (visible ASCII and inner spaces),
 * else throws naming `what`, never quoting the value. Node would otherwise throw
 * ERR_INVALID_CHAR on every request.
 */
function headerSafe(value: string, what: string): string {
  if (!/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value)) {
    throw new Error(`${what} holds characters that cannot be sent in an HTTP header`);
  }
  return value;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** fileError names the file and why; phrased so that redaction (`tokenFile: x`) keeps the path. */
function fileError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.name === 'FileBoundError') return e.message;
  return `${e.path ?? ''} (${e.code ?? 'error'})`.trim();
}
