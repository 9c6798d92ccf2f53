/**
 * kubeconfig: loads one or more kubeconfig files with kubectl's merge rules, and builds a
 * dedicated client-node KubeConfig per context. The loader parses and merges itself (client-node's
 * `loadFromDefault` throws on a missing file or a duplicate name, and lets the last file's
 * current-context win), with bounds (see readKubeconfigs); client-node is only used, per
 * context, for the cluster's TLS settings and proxy agent (user auth: credentials.ts).
 */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { KUBECONFIG_MAX_BYTES, readBoundedFile, readBoundedFileSync } from './boundedFile';
import { clientNode } from './clientNode';
import { displayServer } from './displayServer';
import { inlineCaFiles } from './kubeconfigCa';
import { KubeconfigSyntaxError, parseKubeconfigYaml } from './kubeconfigYaml';

/** RawNamed is one `clusters[]`, `users[]` or `contexts[]` entry of a kubeconfig file. */
export interface RawNamed {
  name: string;
  [key: string]: unknown;
}

/** MergedKubeconfig is the merged raw kubeconfig, in the files' own (YAML) shape, paths absolute. */
export interface MergedKubeconfig {
  clusters: RawNamed[];
  users: RawNamed[];
  contexts: RawNamed[];
  currentContext?: string;
}

/** AuthKind is how a context's user authenticates. */
export type AuthKind = 'token' | 'tokenFile' | 'cert' | 'exec' | 'oidc' | 'authProvider' | 'basic' | 'none';

/** ContextInfo summarises one context for the views and the session layer. Never holds credentials. */
export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  /** The cluster's server URL for display: userinfo (`user:password@`) removed. */
  server?: string;
  hasExec: boolean;
  authKind: AuthKind;
  /** A hash of the context's own, cluster and user entries: changes when any of them changes. */
  fingerprint: string;
  /** Why this context cannot be used (missing cluster, no server...); others still work. */
  error?: string;
}

/**
 * KubeconfigLoadError is a file that could not be read or parsed. `message` names the file and
 * never quotes its content; a YAML syntax error also gives its 1-based `line` and `column` and
 * the parser's `reason`, for a view that points at the spot.
 */
export interface KubeconfigLoadError {
  path: string;
  message: string;
  line?: number;
  column?: number;
  reason?: string;
}

export interface LoadedKubeconfigs {
  contexts: ContextInfo[];
  currentContext?: string;
  errors: KubeconfigLoadError[];
  config: MergedKubeconfig;
}

/** ReadFile reads a file as UTF-8; it throws an ENOENT error for a missing file. */
export type ReadFile = (path: string) => string;
/** ReadFileAsync is ReadFile's asynchronous form. */
export type ReadFileAsync = (path: string) => Promise<string>;

const defaultReadFile: ReadFile = (p) => readBoundedFileSync(p, KUBECONFIG_MAX_BYTES).toString('utf8');
const defaultReadFileAsync: ReadFileAsync = async (p) =>
  (await readBoundedFile(p, KUBECONFIG_MAX_BYTES)).toString('utf8');

/**
 * kubeconfigPaths returns the files to load: the setting when non-empty, else `KUBECONFIG`
 * split on the platform's path delimiter (empty entries dropped), else `~/.kube/config`.
 */
export function kubeconfigPaths(
  setting: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string[] {
  const expand = (p: string) => (p === '~' || p.startsWith('~/') ? path.join(home, p.slice(1)) : p);
  const fromSetting = (setting ?? []).filter((p) => p.trim() !== '');
  if (fromSetting.length > 0) return fromSetting.map(expand);
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter((p) => p !== '');
  if (fromEnv.length > 0) return fromEnv.map(expand);
  return [path.join(home, '.kube', 'config')];
}

/**
 * readKubeconfigs reads and merges `paths` the way kubectl does: a missing file is skipped; the
 * first definition of a cluster, user or context name wins; current-context comes from the first
 * file that sets it; relative file paths resolve against the directory of the file naming them.
 * Files are read asynchronously, only when they are regular files of at most 4 MiB, and parsed
 * with a node budget (see kubeconfigYaml). A file that cannot be read or parsed becomes an entry
 * in `errors` (naming the file, with the line and column of a syntax error, never quoting its
 * content) and the other files still load. Never rejects.
 */
export async function readKubeconfigs(
  paths: readonly string[],
  readFile: ReadFileAsync = defaultReadFileAsync,
): Promise<LoadedKubeconfigs> {
  const texts = await Promise.all(
    paths.map(async (file) => {
      try {
        return { file, text: await readFile(file) };
      } catch (err) {
        return { file, err };
      }
    }),
  );
  const merged = mergeFiles(texts);
  const caErrors = await inlineCaFiles(merged.config);
  return summarize(merged, caErrors);
}

/**
 * loadKubeconfigs is readKubeconfigs for synchronous callers (tests, benches), with the same
 * bounds; the extension reads asynchronously. Never throws.
 */
export function loadKubeconfigs(
  paths: readonly string[],
  readFile: ReadFile = defaultReadFile,
): LoadedKubeconfigs {
  const files = paths.map((file) => {
    try {
      return { file, text: readFile(file) };
    } catch (err) {
      return { file, err };
    }
  });
  return summarize(mergeFiles(files), new Map());
}

interface Merged {
  config: MergedKubeconfig;
  errors: KubeconfigLoadError[];
}

function summarize(
  { config, errors }: Merged,
  clusterErrors: ReadonlyMap<string, string>,
): LoadedKubeconfigs {
  return {
    contexts: config.contexts.map((c) => contextInfo(config, c, clusterErrors)),
    currentContext: config.currentContext,
    errors,
    config,
  };
}

function mergeFiles(files: readonly { file: string; text?: string; err?: unknown }[]): Merged {
  const config: MergedKubeconfig = { clusters: [], users: [], contexts: [] };
  const errors: KubeconfigLoadError[] = [];
  const seen = { clusters: new Set<string>(), users: new Set<string>(), contexts: new Set<string>() };
  for (const { file, text, err } of files) {
    if (text === undefined) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      const detail =
        code === 'ENOTREG' || code === 'EFBIG'
          ? (err as Error).message
          : `cannot read ${file}: ${code ?? (err as Error).message}`;
      errors.push({ path: file, message: detail });
      continue;
    }
    let parsed: ParsedFile;
    try {
      parsed = parseFile(text, path.dirname(path.resolve(file)));
    } catch (e) {
      const syntax = e instanceof KubeconfigSyntaxError ? e : undefined;
      errors.push({
        path: file,
        message: `${file}: ${(e as Error).message}`,
        line: syntax?.line,
        column: syntax?.column,
        reason: syntax?.reason ?? (e as Error).message,
      });
      continue;
    }
    for (const section of ['clusters', 'users', 'contexts'] as const) {
      for (const entry of parsed[section]) {
        if (seen[section].has(entry.name)) continue;
        seen[section].add(entry.name);
        config[section].push(entry);
      }
    }
    if (config.currentContext === undefined && parsed.currentContext) {
      config.currentContext = parsed.currentContext;
    }
  }
  return { config, errors };
}

interface ParsedFile {
  clusters: RawNamed[];
  users: RawNamed[];
  contexts: RawNamed[];
  currentContext?: string;
}

function parseFile(text: string, dir: string): ParsedFile {
  if (text.trim() === '') return { clusters: [], users: [], contexts: [] };
  const doc = parseKubeconfigYaml(text);
  if (doc === null || doc === undefined) return { clusters: [], users: [], contexts: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a kubeconfig (expected a mapping)');
  const obj = doc as Record<string, unknown>;
  const current = obj['current-context'];
  if (current !== undefined && current !== null && typeof current !== 'string') {
    throw new Error('current-context must be a string');
  }
  return {
    clusters: namedList(obj, 'clusters', 'cluster').map((c) => resolveCluster(c, dir)),
    users: namedList(obj, 'users', 'user').map((u) => resolveUser(u, dir)),
    contexts: namedList(obj, 'contexts', 'context'),
    currentContext: current || undefined,
  };
}

function namedList(obj: Record<string, unknown>, section: string, inner: string): RawNamed[] {
  const list = obj[section];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error(`${section} must be a list`);
  return list.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new Error(`${section}[${i}] must be a mapping`);
    }
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') throw new Error(`${section}[${i}].name is missing`);
    const body = e[inner];
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
      throw new Error(`${section}[${i}] (${e.name}): ${inner} must be a mapping`);
    }
    return { ...e, name: e.name, [inner]: { ...((body as object | null) ?? {}) } };
  });
}

function absolute(dir: string, p: unknown): unknown {
  return typeof p === 'string' && p !== '' && !path.isAbsolute(p) ? path.join(dir, p) : p;
}

function resolveCluster(entry: RawNamed, dir: string): RawNamed {
  const c = entry.cluster as Record<string, unknown>;
  if ('certificate-authority' in c) c['certificate-authority'] = absolute(dir, c['certificate-authority']);
  return entry;
}

function resolveUser(entry: RawNamed, dir: string): RawNamed {
  const u = entry.user as Record<string, unknown>;
  // tokenFile is kubectl's key; token-file is what client-node reads: both are honoured.
  for (const key of ['client-certificate', 'client-key', 'tokenFile', 'token-file']) {
    if (key in u) u[key] = absolute(dir, u[key]);
  }
  const exec = u.exec;
  if (exec && typeof exec === 'object' && !Array.isArray(exec)) {
    const cmd = (exec as Record<string, unknown>).command;
    // kubectl: a relative command containing a path separator is relative to the file.
    if (typeof cmd === 'string' && !path.isAbsolute(cmd) && /[\\/]/.test(cmd)) {
      u.exec = { ...exec, command: path.join(dir, cmd) };
    }
  }
  return entry;
}

function find(list: RawNamed[], name: unknown): RawNamed | undefined {
  return typeof name === 'string' ? list.find((e) => e.name === name) : undefined;
}

function authKindOf(user: Record<string, unknown>): AuthKind {
  if (user.exec) return 'exec';
  const provider = user['auth-provider'] as { name?: string } | undefined;
  if (provider) return provider.name === 'oidc' ? 'oidc' : 'authProvider';
  if (user.token) return 'token';
  if (user.tokenFile || user['token-file']) return 'tokenFile';
  if (user['client-certificate'] || user['client-certificate-data']) return 'cert';
  if (user.username) return 'basic';
  return 'none';
}

function contextInfo(
  config: MergedKubeconfig,
  entry: RawNamed,
  clusterErrors: ReadonlyMap<string, string>,
): ContextInfo {
  const ctx = (entry.context ?? {}) as Record<string, unknown>;
  const clusterName = typeof ctx.cluster === 'string' ? ctx.cluster : '';
  const userName = typeof ctx.user === 'string' ? ctx.user : '';
  const cluster = find(config.clusters, clusterName);
  const user = find(config.users, userName);
  const userBody = (user?.user ?? {}) as Record<string, unknown>;
  const server = (cluster?.cluster as Record<string, unknown> | undefined)?.server;
  let error: string | undefined;
  if (!clusterName) error = `context "${entry.name}" names no cluster`;
  else if (!cluster)
    error = `context "${entry.name}" refers to cluster "${clusterName}", which is not defined`;
  else if (typeof server !== 'string' || server === '') error = `cluster "${clusterName}" has no server`;
  else if (userName && !user)
    error = `context "${entry.name}" refers to user "${userName}", which is not defined`;
  else if (clusterErrors.has(clusterName)) error = clusterErrors.get(clusterName);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([entry, cluster ?? null, user ?? null]))
    .digest('hex')
    .slice(0, 16);
  return {
    name: entry.name,
    cluster: clusterName,
    user: userName,
    namespace: typeof ctx.namespace === 'string' && ctx.namespace ? ctx.namespace : undefined,
    server: typeof server === 'string' ? displayServer(server) : undefined,
    hasExec: !!userBody.exec,
    authKind: authKindOf(userBody),
    fingerprint,
    error,
  };
}

/**
 * kubeConfigForContext returns a NEW client-node KubeConfig holding only `contextName`, its
 * cluster and its user's name (not its auth: that is credentials.ts's, and client-node would read
 * its files synchronously), with current-context set. It serves a proxy-url's agent only (it loads
 * client-node; the TLS settings are clusterTls.ts's). Each call builds a fresh instance; a shared instance's context is never switched.
 * Throws a credential-free Error when the context or its cluster is missing, or when client-node
 * rejects the entries (e.g. an unreadable certificate-authority file).
 */
export function kubeConfigForContext(merged: MergedKubeconfig, contextName: string): KubeConfig {
  const ctx = find(merged.contexts, contextName);
  if (!ctx) throw new Error(`context "${contextName}" is not defined in the kubeconfig`);
  const body = (ctx.context ?? {}) as Record<string, unknown>;
  const cluster = find(merged.clusters, body.cluster);
  if (!cluster) throw new Error(`context "${contextName}" refers to an undefined cluster`);
  const user = find(merged.users, body.user);
  // The user's auth is credentials.ts's: client-node must not read its files (synchronously).
  return buildKubeConfig(cluster, user && { name: user.name, user: {} }, ctx, `context "${contextName}"`);
}

function buildKubeConfig(
  cluster: RawNamed,
  user: RawNamed | undefined,
  ctx: RawNamed,
  label: string,
): KubeConfig {
  const subset = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [cluster],
    users: user ? [user] : [],
    contexts: [ctx],
    'current-context': ctx.name,
  };
  const kc = new (clientNode().KubeConfig)();
  try {
    // JSON is YAML: client-node parses the entries with its own rules (server, token-file...).
    kc.loadFromString(JSON.stringify(subset));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const detail = e.code ? `${e.code}${e.path ? ` ${e.path}` : ''}` : firstLine(err);
    throw new Error(`${label}: invalid kubeconfig entry (${detail})`, { cause: err });
  }
  return kc;
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err)
    .split('\n')[0]
    .slice(0, 200);
}

/** userEntry returns the raw entry of a user, for keying caches by its definition. */
export function userEntry(merged: MergedKubeconfig, userName: string): RawNamed | undefined {
  return find(merged.users, userName);
}
