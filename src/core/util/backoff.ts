import { type Clock } from './clock';

/** BackoffOptions configure a Backoff; every field has the reflector's default. */
export interface BackoffOptions {
  /** First step, in ms. Default 800. */
  initialMs?: number;
  /** Largest step, in ms (a wait is at most twice this). Default 30000. */
  maxMs?: number;
  /** Growth factor per consecutive failure. Default 2. */
  factor?: number;
  /** A healthy streak this long (ms) resets the step to `initialMs`. Default 120000. */
  resetAfterMs?: number;
  clock: Clock;
  /** Uniform random in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_BACKOFF = { initialMs: 800, maxMs: 30_000, factor: 2, resetAfterMs: 120_000 } as const;

/**
 * Backoff is the reflector's exponential backoff, client-go's
 * `NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0)`: the step starts at `initialMs`, is
 * multiplied by `factor` after each wait up to `maxMs`, and each wait is jittered *upwards*
 * (`wait.Jitter(d, 1.0)` = d + random * d), so a wait is in [step, 2 * step): never near zero,
 * and [30 s, 60 s) at the cap, like client-go.
 *
 * Contract: `next()` returns `step * (1 + random())` and then grows the step. Callers report
 * proven health with `reportHealthy()` (e.g. every event of an open watch); when the streak of
 * health that preceded a failure spans at least `resetAfterMs`, the next `next()` starts again
 * from `initialMs`. Any call to `next()` ends the streak. Not thread-aware; one owner.
 */
export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  readonly resetAfterMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private step: number;
  private healthyFrom: number | undefined;
  private healthyUntil: number | undefined;

  constructor(options: BackoffOptions) {
    this.initialMs = options.initialMs ?? DEFAULT_BACKOFF.initialMs;
    this.maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
    this.factor = options.factor ?? DEFAULT_BACKOFF.factor;
    this.resetAfterMs = options.resetAfterMs ?? DEFAULT_BACKOFF.resetAfterMs;
    this.clock = options.clock;
    this.random = options.random;
    this.step = this.initialMs;
  }

  /** currentStepMs is the step the next `next()` would jitter (before any reset). */
  get currentStepMs(): number {
    return this.step;
  }

  /** maxWaitMs is the longest wait `next()` can return (just under twice `maxMs`). */
  get maxWaitMs(): number {
    return 2 * this.maxMs;
  }

  /** reportHealthy starts or extends the current healthy streak at the clock's now. */
  reportHealthy(): void {
    const now = this.clock.now();
    if (this.healthyFrom === undefined) this.healthyFrom = now;
    this.healthyUntil = now;
  }

  /** next returns the delay to wait before the next attempt, and grows the step. */
  next(): number {
    if (
      this.healthyFrom !== undefined &&
      this.healthyUntil !== undefined &&
      this.healthyUntil - this.healthyFrom >= this.resetAfterMs
    ) {
      this.step = this.initialMs;
    }
    this.healthyFrom = undefined;
    this.healthyUntil = undefined;
    const r = this.random();
    const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
    const delay = this.step * (1 + jitter);
    this.step = Math.min(this.step * this.factor, this.maxMs);
    return delay;
  }

  /** reset returns the step to `initialMs` and forgets the healthy streak. */
  reset(): void {
    this.step = this.initialMs;
    this.healthyFrom = undefined;
    this.healthyUntil = undefined;
  }
}
