/**
 * logLimiter: the output channel's budget. Every context gets a few lines at once and then one
 * line a minute; what does not fit is counted and summed up in one line when the budget allows,
 * so a flapping connection (a transition and a retry warning per kind every few seconds) writes
 * about a line a minute instead of hundreds. No vscode import: unit-tested under plain Node.
 */
import { type Clock, realClock, type TimerHandle } from '../core/util/clock';
import type { Logger } from '../core/util/logger';

/** LogLimiterOptions configure a LogLimiter. */
export interface LogLimiterOptions {
  /** Where the lines that pass go. */
  sink: Logger;
  clock?: Clock;
  /** Lines a quiet key may write at once (default 3). */
  burst?: number;
  /** One more line is allowed every `intervalMs` (default 60 s). */
  intervalMs?: number;
  /** Keys tracked at once (default 256); past that the least recently used one is dropped. */
  maxKeys?: number;
}

type Level = 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };

/** SUMMARY_SAMPLE_CHARS bounds the last held-back line quoted in a summary. */
const SUMMARY_SAMPLE_CHARS = 300;

interface Bucket {
  /** Lines it may write now (fractional while refilling). */
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  /** Lines held back since the last line written. */
  held: number;
  heldSince: number;
  worst: Level;
  last: string;
  timer: TimerHandle | undefined;
}

/**
 * keyOf names whose budget a line spends: the text before the first ": " or " · " (the context
 * name, as Connections, the sessions and the informers prefix their lines), else "" (one shared
 * budget for lines about no context). A context name holding ": " or " · " splits early: its
 * lines still share one budget, only a shorter-named one.
 */
export function keyOf(message: string): string {
  const a = message.indexOf(': ');
  const b = message.indexOf(' · ');
  const cut = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  return cut < 0 ? '' : message.slice(0, cut);
}

/**
 * LogLimiter is a Logger that passes each info, warn and error line on to `sink` while its key
 * (`keyOf`) has budget: a token bucket of `burst` lines, refilled by one every `intervalMs`.
 * A line without budget is held back (counted, the worst level and the last text kept); when
 * the next token arrives a single summary line goes out at that worst level ("prod: 42 more
 * lines in the last 3 min (at most 1 a minute); the last: …"), spending it. So a key writes at
 * most `burst` + one line per `intervalMs`, whatever comes in. Debug lines pass unlimited: the
 * log channel hides them unless the user asks for debug. `dispose()` writes the pending
 * summaries and stops every timer.
 */
export class LogLimiter implements Logger {
  private readonly clock: Clock;
  private readonly burst: number;
  private readonly intervalMs: number;
  private readonly maxKeys: number;
  private readonly buckets = new Map<string, Bucket>();
  private disposed = false;

  constructor(private readonly options: LogLimiterOptions) {
    this.clock = options.clock ?? realClock;
    this.burst = Math.max(1, options.burst ?? 3);
    this.intervalMs = Math.max(1, options.intervalMs ?? 60_000);
    this.maxKeys = Math.max(1, options.maxKeys ?? 256);
  }

  debug(message: string): void {
    this.options.sink.debug(message);
  }

  info(message: string): void {
    this.line('info', message);
  }

  warn(message: string): void {
    this.line('warn', message);
  }

  error(message: string): void {
    this.line('error', message);
  }

  /** dispose writes what is held back (one summary per key) and clears every timer. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const [key, b] of this.buckets) {
      if (b.timer !== undefined) this.clock.clearTimeout(b.timer);
      b.timer = undefined;
      if (b.held > 0) this.write(b.worst, this.summary(key, b));
    }
    this.buckets.clear();
  }

  private line(level: Level, message: string): void {
    if (this.disposed) {
      this.write(level, message);
      return;
    }
    const key = keyOf(message);
    const b = this.bucket(key);
    this.refill(b);
    if (b.held === 0 && b.tokens >= 1) {
      b.tokens -= 1;
      this.write(level, message);
      return;
    }
    if (b.held === 0) b.heldSince = this.clock.now();
    b.held++;
    if (RANK[level] > RANK[b.worst]) b.worst = level;
    b.last = message.length > SUMMARY_SAMPLE_CHARS ? `${message.slice(0, SUMMARY_SAMPLE_CHARS)}…` : message;
    if (b.timer === undefined) {
      const wait = Math.ceil((1 - b.tokens) * this.intervalMs);
      b.timer = this.clock.setTimeout(() => this.flush(key), Math.max(0, wait));
    }
  }

  /** flush writes the summary of `key` once a token is there. */
  private flush(key: string): void {
    const b = this.buckets.get(key);
    if (!b) return;
    b.timer = undefined;
    if (b.held === 0) return;
    this.refill(b);
    if (b.tokens < 1) {
      b.timer = this.clock.setTimeout(() => this.flush(key), Math.ceil((1 - b.tokens) * this.intervalMs));
      return;
    }
    b.tokens -= 1;
    const text = this.summary(key, b);
    const level = b.worst;
    b.held = 0;
    b.worst = 'info';
    b.last = '';
    this.write(level, text);
  }

  private summary(key: string, b: Bucket): string {
    const minutes = Math.max(1, Math.round((this.clock.now() - b.heldSince) / 60_000));
    const rate = this.intervalMs === 60_000 ? 'a minute' : `per ${Math.round(this.intervalMs / 1000)} s`;
    const lines = b.held === 1 ? '1 more line' : `${b.held} more lines`;
    return `${key || 'Kube Events'}: ${lines} in the last ${minutes} min not shown (at most 1 ${rate}); the last: ${b.last}`;
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (b) {
      // Most recently used last, so the first entry is the one to drop.
      this.buckets.delete(key);
      this.buckets.set(key, b);
      return b;
    }
    if (this.buckets.size >= this.maxKeys) this.evictOldest();
    b = {
      tokens: this.burst,
      at: this.clock.now(),
      held: 0,
      heldSince: 0,
      worst: 'info',
      last: '',
      timer: undefined,
    };
    this.buckets.set(key, b);
    return b;
  }

  private evictOldest(): void {
    const [key, b] = this.buckets.entries().next().value as [string, Bucket];
    if (b.timer !== undefined) this.clock.clearTimeout(b.timer);
    this.buckets.delete(key);
    if (b.held > 0) this.write(b.worst, this.summary(key, b));
  }

  private refill(b: Bucket): void {
    const now = this.clock.now();
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) / this.intervalMs);
    b.at = now;
  }

  private write(level: Level, message: string): void {
    this.options.sink[level](message);
  }
}
