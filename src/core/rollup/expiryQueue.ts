import { type Clock, type TimerHandle } from '../util/clock';
import { type Disposable } from '../util/disposable';

/** ExpiryQueueOptions configure an ExpiryQueue. */
export interface ExpiryQueueOptions<K> {
  clock: Clock;
  /** Called (from the queue's timer or from `expireDue`) with every key whose time has come. */
  onExpired: (keys: K[]) => void;
  /**
   * Timers are armed on multiples of this many ms (rounded up), so that many keys expiring
   * close together share one timer. Default 1000. A key never expires early.
   */
  resolutionMs?: number;
}

interface Entry<K> {
  readonly at: number;
  readonly key: K;
  readonly seq: number;
}

/**
 * ExpiryQueue holds keys that each expire at a time (epoch ms) and reports them once that time
 * has passed on the injected clock. It is a binary min-heap with lazy deletion plus one timer,
 * armed for the earliest key: `set` and `delete` are O(log n), the timer's work is O(expired log n).
 *
 * Contract: `onExpired` receives each key at most once per `set`, never before its time, and
 * never after `delete(key)`, a later `set(key)` for a later time, or `dispose()`. A key `set` to a
 * time already past expires on the next timer turn (or the next `expireDue`). After `dispose()`
 * no timer is pending and every call is a no-op.
 */
export class ExpiryQueue<K> implements Disposable {
  private readonly clock: Clock;
  private readonly onExpired: (keys: K[]) => void;
  private readonly resolutionMs: number;
  private readonly live = new Map<K, number>();
  private heap: Entry<K>[] = [];
  private nextSeq = 1;
  private timer: TimerHandle | undefined;
  private armedAt = Infinity;
  private disposed = false;

  constructor(options: ExpiryQueueOptions<K>) {
    this.clock = options.clock;
    this.onExpired = options.onExpired;
    this.resolutionMs = Math.max(1, options.resolutionMs ?? 1000);
  }

  /** size is the number of keys waiting to expire. */
  get size(): number {
    return this.live.size;
  }

  has(key: K): boolean {
    return this.live.has(key);
  }

  /** set schedules `key` to expire at `at`, replacing any earlier schedule for it. */
  set(key: K, at: number): void {
    if (this.disposed) return;
    const seq = this.nextSeq++;
    this.live.set(key, seq);
    this.push({ at, key, seq });
    if (this.heap.length > 2 * this.live.size + 64) this.compact();
    this.arm();
  }

  /** delete cancels `key`'s expiry; a no-op for an unknown key. */
  delete(key: K): void {
    this.live.delete(key);
    if (this.live.size === 0) this.clear();
  }

  /** expireDue reports, now, every key whose time has passed (the timer does this too). */
  expireDue(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    const due: K[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const top = this.pop()!;
      if (this.live.get(top.key) !== top.seq) continue; // Superseded or deleted.
      this.live.delete(top.key);
      due.push(top.key);
    }
    this.dropStaleTop();
    this.arm();
    if (due.length > 0) this.onExpired(due);
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private clear(): void {
    this.live.clear();
    this.heap = [];
    this.disarm();
  }

  private arm(): void {
    this.dropStaleTop();
    if (this.disposed || this.heap.length === 0) return this.disarm();
    const at = Math.ceil(this.heap[0]!.at / this.resolutionMs) * this.resolutionMs;
    if (this.timer !== undefined && at >= this.armedAt) return;
    this.disarm();
    this.armedAt = at;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.armedAt = Infinity;
        this.expireDue();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
  }

  /** dropStaleTop discards superseded entries at the top, so the timer follows a live key. */
  private dropStaleTop(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0]!.key) !== this.heap[0]!.seq) this.pop();
  }

  private compact(): void {
    const kept = this.heap.filter((e) => this.live.get(e.key) === e.seq);
    this.heap = [];
    for (const e of kept) this.push(e);
  }

  private push(e: Entry<K>): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= e.at) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry<K> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]!.at < h[l]!.at ? r : l;
      if (h[c]!.at >= last.at) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}
