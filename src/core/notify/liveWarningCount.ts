import { type KubeObject } from '../cache/types';
import { isWarning, normalizeEvent } from '../events/model';
import { ExpiryQueue } from '../rollup/expiryQueue';
import { type Clock, type TimerHandle } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { type EventObserver } from './eventObserver';

/** LiveWarningCountOptions configure a LiveWarningCount; see the field comments for defaults. */
export interface LiveWarningCountOptions {
  clock: Clock;
  /** A Warning counts while its last seen is within this many ms. Default 3_600_000. */
  windowMs?: number;
  /** Changes are reported at most once per this many ms. Default 250. */
  coalesceMs?: number;
}

interface Entry {
  readonly context: string;
  counted: boolean;
  seenAt: number;
  count: number;
}

/**
 * LiveWarningCount is the status bar's number: Warning events, in every context, whose last
 * seen (else the time first observed) is within `windowMs` of now. It includes the initial
 * lists (history is exactly what it counts) and follows adds, updates, deletes and the passage
 * of time (an ExpiryQueue timer, O(log n) per change; no recount).
 *
 * `onDidChange` fires the new total, coalesced to once per `coalesceMs`. After `dispose()` no
 * timer is pending.
 */
export class LiveWarningCount implements EventObserver, Disposable {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly coalesceMs: number;
  private readonly entries = new Map<string, Entry>();
  private readonly perContext = new Map<string, number>();
  private readonly expiry: ExpiryQueue<string>;
  private readonly emitter = new Emitter<number>();
  private totalCount = 0;
  private reported = 0;
  private timer: TimerHandle | undefined;
  private disposed = false;

  constructor(options: LiveWarningCountOptions) {
    this.clock = options.clock;
    this.windowMs = options.windowMs ?? 3_600_000;
    this.coalesceMs = options.coalesceMs ?? 250;
    this.expiry = new ExpiryQueue<string>({
      clock: this.clock,
      onExpired: (keys) => {
        for (const key of keys) {
          const entry = this.entries.get(key);
          if (entry?.counted) this.setCounted(entry, false);
        }
      },
    });
  }

  /** total is the number of live Warnings across contexts. */
  get total(): number {
    return this.totalCount;
  }

  /** countFor is the number of live Warnings in `context`. */
  countFor(context: string): number {
    return this.perContext.get(context) ?? 0;
  }

  get onDidChange(): Event<number> {
    return this.emitter.event;
  }

  observe(context: string, _prev: KubeObject | undefined, next: KubeObject): void {
    if (this.disposed) return;
    const e = normalizeEvent(next);
    const key = `${context}\u0000${e.key}`;
    let entry = this.entries.get(key);
    if (!isWarning(e)) {
      if (entry) this.remove(key, entry);
      return;
    }
    const now = this.clock.now();
    const seenAt = e.lastSeen ?? (entry && e.count <= entry.count ? entry.seenAt : now);
    if (!entry) this.entries.set(key, (entry = { context, counted: false, seenAt, count: e.count }));
    entry.seenAt = seenAt;
    entry.count = e.count;
    const counted = seenAt + this.windowMs > now;
    if (counted !== entry.counted) this.setCounted(entry, counted);
    if (counted) this.expiry.set(key, seenAt + this.windowMs);
    else this.expiry.delete(key);
  }

  observeDelete(context: string, obj: KubeObject): void {
    if (this.disposed) return;
    const key = `${context}\u0000${normalizeEvent(obj).key}`;
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  /** forgetContext drops every Warning of `context` (the context was removed or reconnects afresh). */
  forgetContext(context: string): void {
    for (const [key, entry] of this.entries) if (entry.context === context) this.remove(key, entry);
    this.perContext.delete(context);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.expiry.dispose();
    this.emitter.dispose();
  }

  private remove(key: string, entry: Entry): void {
    if (entry.counted) this.setCounted(entry, false);
    this.entries.delete(key);
    this.expiry.delete(key);
  }

  private setCounted(entry: Entry, counted: boolean): void {
    entry.counted = counted;
    const delta = counted ? 1 : -1;
    this.totalCount += delta;
    const n = (this.perContext.get(entry.context) ?? 0) + delta;
    if (n === 0) this.perContext.delete(entry.context);
    else this.perContext.set(entry.context, n);
    if (this.timer === undefined && !this.disposed) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        if (this.totalCount === this.reported) return;
        this.reported = this.totalCount;
        this.emitter.fire(this.totalCount);
      }, this.coalesceMs);
    }
  }
}
