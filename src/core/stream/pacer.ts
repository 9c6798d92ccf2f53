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
   * How long a sent delta may stay unacknowledged before the next one goes out anyway (default
   * 1000 ms): a page that is throttled, busy or too old to acknowledge still gets updates, at
   * least once a second.
   */
  ackTimeoutMs?: number;
  /**
   * The most one delta may carry, by rowBytes (default DELTA_MAX_BYTES): what does not fit
   * waits for the next ack, in order. A single row is never split.
   */
  maxBytes?: number;
}

/** DELTA_MAX_BYTES is the DeltaPacer's default maxBytes. */
export const DELTA_MAX_BYTES = 4 * 1024 * 1024;

/** DEFAULT_ACK_TIMEOUT_MS is the DeltaPacer's default ackTimeoutMs. */
export const DEFAULT_ACK_TIMEOUT_MS = 1000;

type Op = { op: 'upsert'; row: EventRow } | { op: 'expire'; at: number } | { op: 'remove' };

/**
 * DeltaPacer paces the deltas of one page by the page itself: with nothing in flight a delta is
 * sent at once (an event on a quiet stream reaches the page without waiting for a cadence); while
 * one is in flight, deltas are merged per row id and the merge goes out when the page
 * acknowledges (`ack()`, which the page sends once it has painted the previous delta), so under
 * load the page gets at most one delta per frame it paints, and a slow page gets fewer, larger
 * ones instead of a growing queue. Merging keeps the publisher's rules: the newest upsert of an
 * id wins, an expire after an upsert marks that row expired, a remove wins over everything.
 *
 * Bounds: what waits is one entry per row id (the history's bound); one delta carries at most
 * `maxBytes` (the rest follows, in order, after the next ack); a missing ack delays the next
 * delta by at most `ackTimeoutMs`. `reset()` forgets what waits and what is in flight (the
 * page reloads and gets a snapshot); nothing is sent after `dispose()`.
 */
export class DeltaPacer implements Disposable {
  private readonly clock: Clock;
  private readonly ackTimeoutMs: number;
  private readonly maxBytes: number;
  private readonly pending = new Map<string, Op>();
  private inFlight = false;
  private timer: TimerHandle | undefined;
  private disposed = false;
  /** Deltas sent (for figures and tests). */
  sent = 0;
  /** Deltas sent because the last one's ack did not come within ackTimeoutMs (for figures). */
  timedOut = 0;

  constructor(private readonly options: DeltaPacerOptions) {
    this.clock = options.clock ?? realClock;
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DELTA_MAX_BYTES;
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
    if (!this.inFlight) this.sendPending();
  }

  /** ack: the page has applied and painted the last delta; what waits goes out now. */
  ack(): void {
    if (this.disposed || !this.inFlight) return;
    this.inFlight = false;
    this.clearTimer();
    this.sendPending();
  }

  /** reset forgets what waits and what is in flight. */
  reset(): void {
    this.pending.clear();
    this.inFlight = false;
    this.clearTimer();
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }

  private sendPending(): void {
    if (this.pending.size === 0) return;
    const delta: PublishedDelta = { upsert: [], expire: [], remove: [] };
    let bytes = 0;
    for (const [id, p] of this.pending) {
      const b = p.op === 'upsert' ? rowBytes(p.row) : 64 + id.length * 3;
      if (bytes > 0 && bytes + b > this.maxBytes) break; // the rest goes after the next ack
      bytes += b;
      if (p.op === 'upsert') delta.upsert.push(p.row);
      else if (p.op === 'expire') delta.expire.push({ id, at: p.at } satisfies ExpireEntry);
      else delta.remove.push(id);
      this.pending.delete(id);
    }
    this.inFlight = true;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.inFlight = false;
      if (this.pending.size > 0) this.timedOut++;
      this.sendPending();
    }, this.ackTimeoutMs);
    this.sent++;
    this.options.send(delta);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
