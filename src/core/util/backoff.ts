import { type Clock } from './clock';

/** BackoffOptions configure a Backoff; every field has the reflector's default. */
export interface BackoffOptions {
  /** First delay ceiling, in ms. Default 800. */
  initialMs?: number;
  /** Largest delay ceiling, in ms. Default 30000. */
  maxMs?: number;
  /** Growth factor per consecutive failure. Default 2. */
  factor?: number;
  /** A healthy streak this long (ms) resets the ceiling to `initialMs`. Default 120000. */
  resetAfterMs?: number;
  clock: Clock;
  /** Uniform random in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_BACKOFF = { initialMs: 800, maxMs: 30_000, factor: 2, resetAfterMs: 120_000 } as const;

/**
 * Backoff is an exponential backoff with full jitter and a health-based reset, the policy of
 * client-go's reflector (800 ms, x2, capped at 30 s, reset after 2 minutes of health).
 *
 * Contract: `next()` returns `random() * ceiling`, where the ceiling starts at `initialMs` and is
 * multiplied by `factor` after each call, up to `maxMs`. Callers report proven health with
 * `reportHealthy()` (e.g. every event of an open watch); when the streak of health that preceded a
 * failure spans at least `resetAfterMs`, the next `next()` starts again from `initialMs`. Any
 * call to `next()` ends the streak. Not thread-aware; one owner.
 */
export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  readonly resetAfterMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private ceiling: number;
  private healthyFrom: number | undefined;
  private healthyUntil: number | undefined;

  constructor(options: BackoffOptions) {
    this.initialMs = options.initialMs ?? DEFAULT_BACKOFF.initialMs;
    this.maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
    this.factor = options.factor ?? DEFAULT_BACKOFF.factor;
    this.resetAfterMs = options.resetAfterMs ?? DEFAULT_BACKOFF.resetAfterMs;
    this.clock = options.clock;
    this.random = options.random;
    this.ceiling = this.initialMs;
  }

  /** currentCeilingMs is the ceiling the next `next()` would draw from (before any reset). */
  get currentCeilingMs(): number {
    return this.ceiling;
  }

  /** reportHealthy starts or extends the current healthy streak at the clock's now. */
  reportHealthy(): void {
    const now = this.clock.now();
    if (this.healthyFrom === undefined) this.healthyFrom = now;
    this.healthyUntil = now;
  }

  /** next returns the delay to wait before the next attempt, and grows the ceiling. */
  next(): number {
    if (
      this.healthyFrom !== undefined &&
      this.healthyUntil !== undefined &&
      this.healthyUntil - this.healthyFrom >= this.resetAfterMs
    ) {
      this.ceiling = this.initialMs;
    }
    this.healthyFrom = undefined;
    this.healthyUntil = undefined;
    const delay = this.random() * this.ceiling;
    this.ceiling = Math.min(this.ceiling * this.factor, this.maxMs);
    return delay;
  }

  /** reset returns the ceiling to `initialMs` and forgets the healthy streak. */
  reset(): void {
    this.ceiling = this.initialMs;
    this.healthyFrom = undefined;
    this.healthyUntil = undefined;
  }
}
