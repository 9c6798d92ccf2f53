/**
 * watchCache: the apiserver's in-memory cache of one resource (the cacher's watchCache). It
 * holds the resource's current state (shared with its etcd keyspace: both are written in the
 * same step), its own resourceVersion, and a SHORT history of events: watches resume from it,
 * and a watch from a version older than its window gets 410 "too old resource version".
 *
 * Eviction follows the real cache: the oldest event goes when the buffer holds more than
 * `minEvents` and that event is older than `windowMs` (eventFreshDuration, 75 s), or when it
 * holds more than `maxEvents`. Like the real one it evicts only when an event arrives, so a quiet
 * resource keeps its old events.
 *
 * Its resourceVersion moves with its own events and with etcd progress notifications
 * (`progress`), which is what bookmarks report; `reinit` is an apiserver restart: an empty
 * history starting at the current version, while etcd still holds the old ones.
 */
import type { Change, Storage } from './storage';

/** WatchCacheOptions bound the history window. */
export interface WatchCacheOptions {
  storage: Storage;
  now: () => number;
  /** Events younger than this are kept while the buffer is under maxEvents (default 75000 ms). */
  windowMs: number;
  /** Below this many events nothing is evicted (default 100, the cache's lower bound capacity). */
  minEvents: number;
  /** Hard capacity (default 102400, the cache's upper bound capacity). */
  maxEvents: number;
}

interface Entry {
  change: Change;
  at: number;
}

/** WatchCache serves watches and cache lists of one resource. Listeners run synchronously, in write order. */
export class WatchCache {
  readonly storage: Storage;
  private readonly opts: WatchCacheOptions;
  private events: Entry[] = [];
  private start = 0;
  private rvNow = 0;
  /** Watches may start from any rv >= validFrom: every later event is still in the buffer. */
  private validFrom = 0;
  private readonly listeners = new Set<(c: Change) => void>();

  constructor(opts: WatchCacheOptions) {
    this.storage = opts.storage;
    this.opts = opts;
  }

  /** rv is the cache's resourceVersion: its newest event or etcd progress notification. */
  get rv(): number {
    return this.rvNow;
  }

  /** oldestRv is the oldest version a watch may start from (`too old resource version: N (oldestRv)` below it). */
  get oldestRv(): number {
    return this.validFrom;
  }

  /** size is how many events the history holds. */
  get size(): number {
    return this.events.length - this.start;
  }

  /** apply appends an event (already written to etcd), evicts what fell out of the window, and notifies watches. */
  apply(change: Change): void {
    this.events.push({ change, at: this.opts.now() });
    this.rvNow = Math.max(this.rvNow, change.rv);
    this.evict();
    for (const l of [...this.listeners]) l(change);
  }

  /** progress is an etcd progress notification: the cache is known to be current at `rv`. */
  progress(rv: number): void {
    this.rvNow = Math.max(this.rvNow, rv);
  }

  /** isTooOld tells whether a watch from `rv` can no longer be served (410). */
  isTooOld(rv: number): boolean {
    return rv < this.validFrom;
  }

  /** changesSince returns the buffered events with rv > `rv`, oldest first; check isTooOld first. */
  changesSince(rv: number): Change[] {
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.change.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo).map((e) => e.change);
  }

  /** expire drops the whole history (the window has passed): only watches from `rv` or later succeed. */
  expire(rv: number): void {
    this.events = [];
    this.start = 0;
    this.validFrom = Math.max(this.validFrom, rv);
    this.progress(rv);
  }

  /** reinit is a fresh cache, as after an apiserver restart: empty history, current at `rv`. */
  reinit(rv: number): void {
    this.expire(rv);
  }

  /** subscribe registers a listener for future events; returns the unsubscribe function. */
  subscribe(listener: (c: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private evict(): void {
    const cutoff = this.opts.now() - this.opts.windowMs;
    while (this.size > 0) {
      const oldest = this.events[this.start]!;
      const full = this.size > this.opts.maxEvents;
      const stale = this.size > this.opts.minEvents && oldest.at <= cutoff;
      if (!full && !stale) break;
      this.validFrom = Math.max(this.validFrom, oldest.change.rv);
      this.start++;
    }
    if (this.start >= 1024 && this.start * 2 >= this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }
}
