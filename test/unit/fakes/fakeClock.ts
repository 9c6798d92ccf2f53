import { type Clock, type TimerHandle } from '../../../src/core/util/clock';

interface FakeTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * FakeClock is a Clock whose time moves only when a test says so. Timers fire in due-time order
 * (ties in creation order) during `advance` / `advanceAsync`, with `now()` set to their due time.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + Math.max(0, ms), fn });
    return { id } as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete((handle as { id: number }).id);
  }

  /** pendingTimers is how many timers are scheduled and not yet fired or cleared. */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** nextDue is the due time of the earliest pending timer, if any. */
  nextDue(): number | undefined {
    return this.earliest()?.due;
  }

  /** advance moves time forward `ms`, synchronously firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let t = this.earliest(); t && t.due <= target; t = this.earliest()) this.fire(t);
    this.current = target;
  }

  /**
   * advanceAsync is `advance` for async code: before and after each timer it lets pending
   * promises and setImmediate callbacks run (see `settle`), so timers scheduled by the code a
   * timer woke up also fire if they fall due within `ms`.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let t = this.earliest(); t && t.due <= target; t = this.earliest()) {
      this.fire(t);
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** runAllAsync fires timers (advancing time) until none is pending, at most `limit` of them. */
  async runAllAsync(limit = 1000): Promise<void> {
    await settle();
    for (let i = 0; i < limit; i++) {
      const t = this.earliest();
      if (!t) return;
      this.fire(t);
      await settle();
    }
    throw new Error(`FakeClock.runAllAsync: more than ${limit} timers`);
  }

  private fire(t: FakeTimer): void {
    this.timers.delete(t.id);
    this.current = Math.max(this.current, t.due);
    t.fn();
  }

  private earliest(): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }
}

/**
 * settle lets the event loop run `rounds` setImmediate turns, so that promise chains and
 * setImmediate-scheduled work (e.g. an informer's queue drain) complete.
 */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
