/**
 * kubectlWatch: `kubectl get events -A -w -o json` as the stream baseline of scenario 3. kubectl
 * prints each watched object as pretty-printed JSON, one after another; JsonObjectSplitter cuts
 * that stream into objects as the bytes arrive, so the time each event reached this process is
 * known to the chunk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { BenchCluster } from './cluster';
import { KUBECTL } from './kubectl';

/** MAX_OBJECT_CHARS bounds one object of the stream (an event is ~1–2 KB as kubectl prints it). */
export const MAX_OBJECT_CHARS = 1 << 20;

/**
 * JsonObjectSplitter takes a stream of concatenated JSON objects (whitespace between them) in
 * arbitrary chunks and returns each complete top-level object's text once its closing brace has
 * arrived. Strings (with escapes) may hold braces. Text outside objects is skipped. An object
 * longer than `maxChars` throws: the stream is not what kubectl prints.
 */
export class JsonObjectSplitter {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  /** Where the scan of `buf` resumes. */
  private pos = 0;

  constructor(private readonly maxChars = MAX_OBJECT_CHARS) {}

  push(chunk: string): string[] {
    this.buf += chunk;
    const out: string[] = [];
    for (; this.pos < this.buf.length; this.pos++) {
      const ch = this.buf[this.pos];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"' && this.depth > 0) this.inString = true;
      else if (ch === '{') {
        if (this.depth++ === 0) this.start = this.pos;
      } else if (ch === '}' && this.depth > 0 && --this.depth === 0) {
        out.push(this.buf.slice(this.start, this.pos + 1));
        this.buf = this.buf.slice(this.pos + 1);
        this.pos = -1;
        this.start = -1;
      }
    }
    if (this.depth === 0) {
      this.buf = '';
      this.pos = 0;
    } else if (this.start > 0) {
      this.buf = this.buf.slice(this.start);
      this.pos -= this.start;
      this.start = 0;
    }
    if (this.buf.length > this.maxChars)
      throw new Error(`a JSON object longer than ${this.maxChars} characters`);
    return out;
  }
}

/** KubectlWatch is a running `kubectl get events -A -w -o json`. */
export interface KubectlWatch {
  readonly process: ChildProcess;
  /** When each event (by `namespace/name`) was first printed complete, epoch ms. */
  readonly seen: Map<string, number>;
  /** Objects printed in all (repeats included). */
  printed(): number;
  /** waitFor resolves once `key` has been printed (rejects after `timeoutMs` or on exit). */
  waitFor(key: string, timeoutMs: number): Promise<void>;
  /** exitedAt: when kubectl exited on its own (epoch ms), undefined while it runs. */
  exitedAt(): number | undefined;
  /** stderr: the last 4,000 characters kubectl wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** watchEvents starts kubectl watching every event of the cluster, as a user would in a terminal. */
export function watchEvents(c: BenchCluster, tmp: string): KubectlWatch {
  const child = spawn(
    KUBECTL,
    [
      '--kubeconfig',
      c.kubeconfig,
      '--cache-dir',
      path.join(tmp, 'kubectl-cache'),
      'get',
      'events',
      '-A',
      '-w',
      '-o',
      'json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const seen = new Map<string, number>();
  const split = new JsonObjectSplitter();
  const waiters = new Set<() => void>();
  let printed = 0;
  let err = '';
  let exited = false;
  let exitedAt: number | undefined;
  let stopping = false;
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    const at = Date.now();
    for (const text of split.push(d)) {
      printed++;
      const o = JSON.parse(text) as { metadata?: { namespace?: string; name?: string } };
      const key = `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
      if (!seen.has(key)) seen.set(key, at);
    }
    for (const w of [...waiters]) w();
  });
  child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-4000)));
  const closed = new Promise<void>((resolve) =>
    child.on('close', () => {
      exited = true;
      exitedAt ??= Date.now();
      for (const w of [...waiters]) w();
      resolve();
    }),
  );
  return {
    process: child,
    seen,
    printed: () => printed,
    exitedAt: () => (stopping ? undefined : exitedAt),
    stderr: () => err,
    waitFor(key, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = () => {
          if (seen.has(key)) {
            done();
            resolve();
          } else if (exited) {
            done();
            reject(new Error(`kubectl -w exited: ${err}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`kubectl -w did not print ${key} within ${timeoutMs} ms: ${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!exited) stopping = true;
      if (!exited) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await closed;
      clearTimeout(t);
    },
  };
}
