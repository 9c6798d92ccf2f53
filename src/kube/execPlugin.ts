/**
 * execPlugin: runs a kubeconfig user's exec credential plugin (client.authentication.k8s.io) the
 * way kubectl does, with bounds kubectl does not have: a timeout, a cap on stdout, a kept tail of
 * stderr, and a kill of the plugin's whole process group on timeout, overflow or abort. Its
 * failures are credential-free Errors; the plugin's output is never quoted except a redacted
 * tail of its stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { realClock, type Clock } from '../core/util/clock';
import { redactSecrets } from './redactSecrets';

/**
 * EXEC_TIMEOUT_MS bounds one plugin run. kubectl has no timeout; 60 s leaves room for a browser
 * login (kubelogin, aws sso) while still ending a plugin that hangs.
 */
export const EXEC_TIMEOUT_MS = 60_000;
/** EXEC_MAX_STDOUT_BYTES caps what a plugin may print (an ExecCredential is a few KB). */
export const EXEC_MAX_STDOUT_BYTES = 1024 * 1024;
/** EXEC_STDERR_TAIL_BYTES is how much of the end of stderr is kept for the error message. */
export const EXEC_STDERR_TAIL_BYTES = 64 * 1024;

const API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** ExecConfig is a kubeconfig `user.exec`, validated. */
export interface ExecConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: readonly { name: string; value: string }[];
  readonly apiVersion: string;
  readonly installHint?: string;
  readonly provideClusterInfo: boolean;
  readonly interactiveMode: 'Never' | 'IfAvailable' | 'Always';
}

/** ExecCredentialStatus is what a plugin returned: a token and/or a client certificate. */
export interface ExecCredentialStatus {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Milliseconds since the epoch; undefined when the plugin gave none (kept until a 401). */
  readonly expiresAt?: number;
}

export interface RunExecOptions {
  /** The `spec.cluster` of KUBERNETES_EXEC_INFO, when the plugin asked (provideClusterInfo). */
  cluster?: Record<string, unknown>;
  signal?: AbortSignal;
  clock?: Clock;
  timeoutMs?: number;
  maxStdoutBytes?: number;
  stderrTailBytes?: number;
  /** The environment the plugin's own `env` is added to (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * parseExecConfig validates a kubeconfig `exec` mapping. Throws a credential-free Error naming
 * the bad field.
 */
export function parseExecConfig(raw: unknown): ExecConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error('exec must be a mapping');
  const e = raw as Record<string, unknown>;
  if (typeof e.command !== 'string' || e.command === '') throw new Error('exec.command is missing');
  if (typeof e.apiVersion !== 'string' || !API_VERSIONS.includes(e.apiVersion)) {
    throw new Error(`exec.apiVersion must be one of ${API_VERSIONS.join(', ')}`);
  }
  const args = e.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
    throw new Error('exec.args must be a list of strings');
  }
  const env = e.env ?? [];
  if (
    !Array.isArray(env) ||
    !env.every(
      (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as { name?: unknown }).name === 'string' &&
        typeof (v as { value?: unknown }).value === 'string',
    )
  ) {
    throw new Error('exec.env must be a list of {name, value} strings');
  }
  const mode = e.interactiveMode ?? 'IfAvailable';
  if (mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always') {
    throw new Error('exec.interactiveMode must be Never, IfAvailable or Always');
  }
  return {
    command: e.command,
    args: args as string[],
    env: (env as { name: string; value: string }[]).map(({ name, value }) => ({ name, value })),
    apiVersion: e.apiVersion,
    installHint: typeof e.installHint === 'string' ? e.installHint : undefined,
    provideClusterInfo: e.provideClusterInfo === true,
    interactiveMode: mode,
  };
}

/**
 * runExecPlugin runs `config` once and returns the credential it printed. Rejects (never throws
 * synchronously) when the plugin cannot start, exits non-zero, runs past `timeoutMs`, prints
 * more than `maxStdoutBytes`, prints something that is not a valid ExecCredential of its
 * apiVersion, or when `signal` aborts; the plugin's process group is killed in every case where
 * it may still run. No stdin: Kube Events has no terminal, so interactiveMode Always fails.
 */
export function runExecPlugin(
  config: ExecConfig,
  options: RunExecOptions = {},
): Promise<ExecCredentialStatus> {
  const clock = options.clock ?? realClock;
  const timeoutMs = options.timeoutMs ?? EXEC_TIMEOUT_MS;
  const maxStdout = options.maxStdoutBytes ?? EXEC_MAX_STDOUT_BYTES;
  const tailBytes = options.stderrTailBytes ?? EXEC_STDERR_TAIL_BYTES;
  const name = JSON.stringify(config.command);
  if (config.interactiveMode === 'Always') {
    return Promise.reject(new Error(`exec plugin ${name} needs a terminal (interactiveMode: Always)`));
  }
  if (options.signal?.aborted) return Promise.reject(new Error(`exec plugin ${name} cancelled`));
  const info = {
    apiVersion: config.apiVersion,
    kind: 'ExecCredential',
    spec: {
      interactive: false,
      ...(config.provideClusterInfo && options.cluster ? { cluster: options.cluster } : {}),
    },
  };
  const env: NodeJS.ProcessEnv = { ...(options.baseEnv ?? process.env) };
  for (const { name: k, value } of config.env) env[k] = value;
  env.KUBERNETES_EXEC_INFO = JSON.stringify(info);

  return new Promise<ExecCredentialStatus>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(config.command, [...config.args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a kill reaches the plugin's children too (POSIX).
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (err) {
      reject(
        new Error(`exec plugin ${name} cannot start: ${(err as NodeJS.ErrnoException).code ?? 'error'}`),
      );
      return;
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | undefined, value?: ExecCredentialStatus) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        killGroup(child);
        // A grandchild that left the group may hold the pipes open: stop reading them.
        child.stdout?.destroy();
        child.stderr?.destroy();
        reject(err);
      } else resolve(value!);
    };
    const timer = clock.setTimeout(
      () => finish(new Error(`exec plugin ${name} did not finish within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    const onAbort = () => finish(new Error(`exec plugin ${name} cancelled`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (settled) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        finish(new Error(`exec plugin ${name} printed more than ${Math.round(maxStdout / 1024)} KiB`));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > tailBytes) stderr = stderr.subarray(stderr.length - tailBytes);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        const hint = config.installHint ? `\n${redactSecrets(config.installHint).slice(0, 2000)}` : '';
        finish(new Error(`exec plugin ${name} not found${hint}`));
      } else finish(new Error(`exec plugin ${name} failed to run: ${err.code ?? 'error'}`));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      if (code !== 0) {
        const how = code === null ? `was killed (${signal})` : `exited with code ${code}`;
        finish(new Error(`exec plugin ${name} ${how}${stderrTail(stderr)}`));
        return;
      }
      try {
        finish(undefined, decodeExecCredential(Buffer.concat(stdout).toString('utf8'), config.apiVersion));
      } catch (err) {
        finish(new Error(`exec plugin ${name}: ${(err as Error).message}`));
      }
    });
  });
}

/** killGroup ends the plugin and, on POSIX, every process of its group. */
function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** stderrTail is the last lines of a plugin's stderr, redacted, for an error message. */
function stderrTail(stderr: Buffer): string {
  const text = redactSecrets(stderr.toString('utf8'))
    .replace(/[^\P{C}\n\t]/gu, '')
    .trim();
  if (text === '') return '';
  const tail = text.length > 500 ? `…${text.slice(-500)}` : text;
  return `: ${tail}`;
}

/**
 * decodeExecCredential validates a plugin's stdout. Its messages never quote the output (which
 * holds the token).
 */
export function decodeExecCredential(text: string, apiVersion: string): ExecCredentialStatus {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('did not print a valid ExecCredential (not JSON)');
  }
  const d = doc as { apiVersion?: unknown; kind?: unknown; status?: unknown };
  if (typeof doc !== 'object' || doc === null || d.kind !== 'ExecCredential') {
    throw new Error('did not print an ExecCredential');
  }
  if (d.apiVersion !== apiVersion) {
    throw new Error(`printed apiVersion ${String(d.apiVersion).slice(0, 80)}, configured ${apiVersion}`);
  }
  const s = d.status as Record<string, unknown> | undefined;
  if (typeof s !== 'object' || s === null) throw new Error('printed an ExecCredential without status');
  const str = (k: string) => (typeof s[k] === 'string' && s[k] !== '' ? s[k] : undefined);
  const token = str('token');
  const cert = str('clientCertificateData');
  const key = str('clientKeyData');
  if (!token && !(cert && key)) {
    throw new Error('printed no token and no client certificate and key');
  }
  if (!!cert !== !!key)
    throw new Error('printed a client certificate without its key, or a key without its certificate');
  let expiresAt: number | undefined;
  if (s.expirationTimestamp !== undefined && s.expirationTimestamp !== null) {
    expiresAt = typeof s.expirationTimestamp === 'string' ? Date.parse(s.expirationTimestamp) : NaN;
    if (!Number.isFinite(expiresAt)) throw new Error('printed an invalid expirationTimestamp');
  }
  return { token, clientCertificateData: cert, clientKeyData: key, expiresAt };
}
