import type { Clock } from '../util/clock';

/**
 * SliceBudget bounds one slice of a stream's work: at most `maxItems` units (events, list items)
 * or `maxMs` of the injected clock, whichever comes first.
 */
export interface SliceBudget {
  readonly maxItems: number;
  readonly maxMs: number;
}

/**
 * DEFAULT_SLICE: 256 events (a few ms of JSON decoding at ~1 KB each) or 4 ms. A context's
 * watch or list then holds the event loop for a few ms at a time, however fast its server sends
 * (issue 11: another context's updates are delayed by at most ~one slice per hop).
 */
export const DEFAULT_SLICE: SliceBudget = { maxItems: 256, maxMs: 4 };

/** yieldToLoop resolves after one turn of the event loop (timers and I/O of others run first). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface WorkSlicerOptions {
  /** The clock of the time budget (only `now` is read). */
  clock: Pick<Clock, 'now'>;
  budget?: Partial<SliceBudget>;
  /** How to give the loop a turn; default yieldToLoop (setImmediate). */
  yieldToLoop?: () => Promise<void>;
}

/**
 * WorkSlicer makes one stream's synchronous work cooperative. The consumer calls `spend(n)` after
 * each unit of work. A slice is the work done since the event loop last had a turn (a yield of
 * ours, or any wait of the consumer's that let the loop run: seen by a marker scheduled with
 * `yieldToLoop` when the slice began). While the current slice is within its budget `spend`
 * returns undefined (no await); once it has used its budget `spend` returns a promise to await,
 * which resolves after the loop had a turn. A consumer that awaits it pulls nothing from its
 * source meanwhile, so a socket behind it fills its stream's buffer and is paused
 * (backpressure) instead of being read into memory without bound. A quiet stream never yields
 * (the loop turns between its units); after a yield, a single costly unit (a big object) ends
 * its slice.
 */
export class WorkSlicer {
  private readonly clock: Pick<Clock, 'now'>;
  private readonly maxItems: number;
  private readonly maxMs: number;
  private readonly yieldFn: () => Promise<void>;
  private items = 0;
  private startedAt = 0;
  /** The loop has had a turn since the current slice began. */
  private turned = true;
  private slice = 0;
  /** yields counts the turns given to the event loop (for tests and figures). */
  yields = 0;

  constructor(options: WorkSlicerOptions) {
    this.clock = options.clock;
    this.maxItems = Math.max(1, options.budget?.maxItems ?? DEFAULT_SLICE.maxItems);
    this.maxMs = Math.max(0, options.budget?.maxMs ?? DEFAULT_SLICE.maxMs);
    this.yieldFn = options.yieldToLoop ?? yieldToLoop;
  }

  /** spend counts `n` units of work done; see the class contract. */
  spend(n = 1): Promise<void> | undefined {
    if (this.turned) this.begin();
    this.items += n;
    if (this.items < this.maxItems && this.clock.now() - this.startedAt < this.maxMs) return undefined;
    this.yields++;
    this.slice++; // The running slice's marker no longer counts.
    this.turned = false;
    // The next slice starts when the consumer resumes, so its first unit is timed too.
    return this.yieldFn().then(() => this.begin());
  }

  /** begin starts a slice (its clock, its count) and the marker that ends it at the next turn. */
  private begin(): void {
    const slice = ++this.slice;
    this.items = 0;
    this.startedAt = this.clock.now();
    this.turned = false;
    void this.yieldFn().then(() => {
      if (this.slice === slice) this.turned = true;
    });
  }
}
