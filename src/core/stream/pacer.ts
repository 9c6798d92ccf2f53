import type { EventRow, ExpireEntry } from '../../protocol/events';
import { rowBytes } from '../../protocol/rowBytes';
import { type Clock, realClock, type TimerHandle } from '../util/clock';
import type { Disposable } from '../util/disposable';
import type { PublishedDelta } from './publisher';

/** DeltaPacerOptions configure a DeltaPacer. */
export interface DeltaPacerOptions {
  /** send posts one delta to the page. */
  send(delta: PublishedDelta): void;
  clock?: Clock;
  /**
   * How long a sent delta may stay unacknowledged before it no longer holds a place in the
   * window (default 1000 ms): a page that is throttled, busy or too old to acknowledge still
   * gets updates, at least once a second.
   */
  ackTimeoutMs?: number;
  /**
   * The most one delta may carry, by rowBytes (default DELTA_MAX_BYTES): what does not fit
   * waits for the next turn, in order. A single row is never split.
   */
  maxBytes?: number;
  /**
   * How many deltas may be unacknowledged at once (default DEFAULT_WINDOW, at least 1). One
   * makes every delta wait for the round trip of the last (host -> page -> painted -> ack); more
   * lets the next go out while the last is still on its way, so the wait is a fraction of the
   * round trip, not all of it.
   */
  window?: number;
  /**
   * While a delta is in flight, the next waits at least this long after it (default
   * DEFAULT_FRAME_MS, one frame at 60 Hz): the page never gets more than one delta per frame it
   * can paint. A delta sent with nothing in flight never waits.
   */
  frameMs?: number;
}

/** DELTA_MAX_BYTES is the DeltaPacer's default maxBytes. */
export const DELTA_MAX_BYTES = 4 * 1024 * 1024;

/** DEFAULT_ACK_TIMEOUT_MS is the DeltaPacer's default ackTimeoutMs. */
export const DEFAULT_ACK_TIMEOUT_MS = 1000;

/** DEFAULT_WINDOW is the DeltaPacer's default window (deltas in flight). */
export const DEFAULT_WINDOW = 4;

/** DEFAULT_FRAME_MS is the DeltaPacer's default frameMs. */
export const DEFAULT_FRAME_MS = 16;

type Op = { op: 'upsert'; row: EventRow } | { op: 'expire'; at: number } | { op: 'remove' };

/**
 * DeltaPacer paces the deltas of one page by the page itself: with nothing in flight a delta is
 * sent at once (an event on a quiet stream reaches the page without waiting for a cadence);
 * while deltas are in flight, what arrives is merged per row id and goes out one frame after the
 * last delta at the soonest, and only while fewer than `window` deltas are unacknowledged; else
 * when the page acknowledges one (`ack()`, which the page sends once it has painted a delta). So
 * under load the page gets at most one delta per frame, a slow page gets fewer, larger ones
 * instead of a growing queue, and a fast page is not held back by the whole round trip. Merging
 * keeps the publisher's rules: the newest upsert of an id wins, an expire after an upsert marks
 * that row expired, a remove wins over everything.
 *
 * Bounds: what waits is one entry per row id (the history's bound); one delta carries at most
 * `maxBytes` (the rest follows, in order); at most `window` deltas are unacknowledged, each for
 * at most `ackTimeoutMs` (then its place is freed). Acks carry no id: a late ack frees the
 * oldest place still held, which at worst lets one more delta out early. `reset()` forgets what
 * waits and what is in flight (the page reloads and gets a snapshot); nothing is sent after
 * `dispose()`.
 */
export class DeltaPacer implements Disposable {
  private readonly clock: Clock;
  private readonly ackTimeoutMs: number;
  private readonly maxBytes: number;
  private readonly window: number;
  private readonly frameMs: number;
  private readonly pending = new Map<string, Op>();
  /** When each unacknowledged delta was sent, oldest first (at most `window`). */
  private readonly inFlight: number[] = [];
  private lastSentAt = -Infinity;
  /** Fires when the oldest delta in flight times out. */
  private ackTimer: TimerHandle | undefined;
  /** Fires one frame after the last delta, when one waits for that. */
  private frameTimer: TimerHandle | undefined;
  private disposed = false;
  /** Deltas sent (for figures and tests). */
  sent = 0;
  /** Places freed because a delta's ack did not come within ackTimeoutMs while rows waited (for figures). */
  timedOut = 0;

  constructor(private readonly options: DeltaPacerOptions) {
    this.clock = options.clock ?? realClock;
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DELTA_MAX_BYTES;
    this.window = Math.max(1, Math.floor(options.window ?? DEFAULT_WINDOW));
    this.frameMs = Math.max(0, options.frameMs ?? DEFAULT_FRAME_MS);
  }

  /** push sends `delta` now when nothing is in flight, else merges it into what waits. */
  push(delta: PublishedDelta): void {
    if (this.disposed) return;
    for (const row of delta.upsert) this.pending.set(row.id, { op: 'upsert', row });
    for (const { id, at } of delta.expire) {
      const prev = this.pending.get(id);
      if (prev?.op === 'upsert') prev.row = { ...prev.row, expired: 1, expiredAt: at };
      else if (prev?.op !== 'remove') this.pending.set(id, { op: 'expire', at });
    }
    for (const id of delta.remove) this.pending.set(id, { op: 'remove' });
    this.pump();
  }

  /** ack: the page has applied and painted a delta; its place in the window is free. */
  ack(): void {
    if (this.disposed || this.inFlight.length === 0) return;
    this.inFlight.shift();
    this.armAckTimer();
    this.pump();
  }

  /** reset forgets what waits and what is in flight. */
  reset(): void {
    this.pending.clear();
    this.inFlight.length = 0;
    this.lastSentAt = -Infinity;
    this.clearTimers();
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }

  /** pump sends what waits when the window and the frame allow, else arms the frame timer. */
  private pump(): void {
    if (this.pending.size === 0 || this.inFlight.length >= this.window) return;
    if (this.inFlight.length > 0) {
      const due = this.lastSentAt + this.frameMs;
      const now = this.clock.now();
      if (now < due) {
        this.frameTimer ??= this.clock.setTimeout(() => {
          this.frameTimer = undefined;
          this.pump();
        }, due - now);
        return;
      }
    }
    this.sendPending();
  }

  private sendPending(): void {
    if (this.frameTimer !== undefined) this.clock.clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
    const delta: PublishedDelta = { upsert: [], expire: [], remove: [] };
    let bytes = 0;
    for (const [id, p] of this.pending) {
      const b = p.op === 'upsert' ? rowBytes(p.row) : 64 + id.length * 3;
      if (bytes > 0 && bytes + b > this.maxBytes) break; // the rest goes on the next turn
      bytes += b;
      if (p.op === 'upsert') delta.upsert.push(p.row);
      else if (p.op === 'expire') delta.expire.push({ id, at: p.at } satisfies ExpireEntry);
      else delta.remove.push(id);
      this.pending.delete(id);
    }
    const now = this.clock.now();
    this.inFlight.push(now);
    this.lastSentAt = now;
    this.armAckTimer();
    this.sent++;
    this.options.send(delta);
  }

  /** armAckTimer points the ack timer at the oldest delta in flight (none: no timer). */
  private armAckTimer(): void {
    if (this.ackTimer !== undefined) this.clock.clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    const oldest = this.inFlight[0];
    if (oldest === undefined) return;
    this.ackTimer = this.clock.setTimeout(
      () => {
        this.ackTimer = undefined;
        this.inFlight.shift();
        if (this.pending.size > 0) this.timedOut++;
        this.armAckTimer();
        this.pump();
      },
      Math.max(0, oldest + this.ackTimeoutMs - this.clock.now()),
    );
  }

  private clearTimers(): void {
    if (this.ackTimer !== undefined) this.clock.clearTimeout(this.ackTimer);
    if (this.frameTimer !== undefined) this.clock.clearTimeout(this.frameTimer);
    this.ackTimer = undefined;
    this.frameTimer = undefined;
  }
}
