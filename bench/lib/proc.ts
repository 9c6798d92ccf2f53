/**
 * proc: runs measured child processes. Every client (kubectl, the bundled engine) runs in its
 * own process under /usr/bin/time, so wall time and peak RSS are measured the same way for
 * both. Children talk to the test server in this process: never block the event loop here
 * while one runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** STDERR_KEEP: how much of a child's stderr is kept (the tail), so a chatty child cannot grow the bench. */
const STDERR_KEEP = 16_384;

const TIME = '/usr/bin/time';

/** ensureTime installs GNU time (apt) when missing and we are root; false when unavailable. */
export function ensureTime(): boolean {
  if (fs.existsSync(TIME)) return true;
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('apt-get', ['install', '-y', 'time'], { stdio: 'ignore', timeout: 120_000 });
  } catch {
    return false;
  }
  return fs.existsSync(TIME);
}

/** ProcResult is one finished child: wall time seen from here, peak RSS and CPU from time(1). */
export interface ProcResult {
  wallMs: number;
  maxRssKiB: number;
  /** User + system CPU of the child, ms (time(1)'s %U + %S; 10 ms resolution); NaN without time(1). */
  cpuMs: number;
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** 'ignore' sends stdout to /dev/null (as `> /dev/null`); 'pipe' captures it. */
  stdout?: 'ignore' | 'pipe';
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** measure runs `cmd args` to completion under time(1). Rejects on a non-zero exit or a timeout. */
export function measure(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<ProcResult> {
  const timeFile = path.join(
    os.tmpdir(),
    `kube-events-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const useTime = fs.existsSync(TIME);
  const argv = useTime ? ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(useTime ? TIME : cmd, argv, {
      stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-STDERR_KEEP)));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      let maxRssKiB = NaN;
      let cpuMs = NaN;
      if (useTime) {
        try {
          const parts = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ');
          maxRssKiB = Number(parts[1]);
          cpuMs = (Number(parts[2]) + Number(parts[3])) * 1000;
          fs.rmSync(timeFile, { force: true });
        } catch {
          // time(1) writes nothing when the child was killed.
        }
      }
      if (code !== 0) {
        reject(
          new Error(`${cmd} exited ${code ?? signal}: ${stderr.slice(-1500)} ${stdout.slice(-500)}`.trim()),
        );
        return;
      }
      resolve({ wallMs, maxRssKiB, cpuMs, code: code ?? 0, stdout, stderr });
    });
  });
}

/** lastJson parses the last line of a child's stdout that is a JSON object. */
export function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    if (l.startsWith('{')) return JSON.parse(l) as T;
  }
  throw new Error(`no JSON line in child output: ${stdout.slice(-500)}`);
}

/** LiveChild is a long-running child that reports JSON lines; see `waitFor`. */
export interface LiveChild {
  readonly process: ChildProcess;
  readonly messages: Record<string, unknown>[];
  waitFor(pred: (m: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
  stderr(): string;
  /** send writes `m` to the child's standard input as one JSON line. */
  send(m: unknown): void;
}

/** startLive spawns a child whose stdout is one JSON object per line; `onMessage` sees each as it arrives. */
export function startLive(
  cmd: string,
  args: readonly string[],
  onMessage?: (m: Record<string, unknown>) => void,
): LiveChild {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.on('error', () => {}); // a child that exited: nothing left to tell it
  const messages: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  let err = '';
  let exited = false;
  child.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const m = JSON.parse(line) as Record<string, unknown>;
      messages.push(m);
      onMessage?.(m);
    }
    for (const w of [...waiters]) w();
  });
  child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-STDERR_KEEP)));
  const closed = new Promise<void>((resolve) =>
    child.on('close', () => {
      exited = true;
      for (const w of [...waiters]) w();
      resolve();
    }),
  );
  return {
    process: child,
    messages,
    stderr: () => err,
    send: (m) => {
      if (!exited) child.stdin!.write(`${JSON.stringify(m)}\n`);
    },
    waitFor(pred, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = messages.find(pred);
          if (m) {
            done();
            resolve(m);
          } else if (exited) {
            done();
            reject(new Error(`child exited before the expected message: ${err.slice(-1500)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for the child: ${err.slice(-1500)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await closed;
      clearTimeout(t);
    },
  };
}
