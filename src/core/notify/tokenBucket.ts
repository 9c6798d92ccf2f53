import { type Clock } from '../util/clock';

/** TokenBucketOptions configure a TokenBucket. */
export interface TokenBucketOptions {
  clock: Clock;
  /** Most tokens held (the burst). */
  capacity: number;
  /** Tokens added per minute, continuously. */
  refillPerMinute: number;
}

/**
 * TokenBucket is a rate limiter: it starts full, `tryTake` spends one token if one is there,
 * and tokens come back at `refillPerMinute`, never beyond `capacity`. Refill is computed from
 * the clock on each call: no timer.
 */
export class TokenBucket {
  private readonly clock: Clock;
  private capacity: number;
  private refillPerMs: number;
  private tokens: number;
  private last: number;

  constructor(options: TokenBucketOptions) {
    this.clock = options.clock;
    this.capacity = Math.max(0, options.capacity);
    this.refillPerMs = Math.max(0, options.refillPerMinute) / 60_000;
    this.tokens = this.capacity;
    this.last = this.clock.now();
  }

  /** available is the number of whole tokens now. */
  get available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  /** tryTake spends one token and returns true, or returns false when the bucket is empty. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** configure changes capacity and rate, keeping the tokens held (capped to the new capacity). */
  configure(capacity: number, refillPerMinute: number): void {
    this.refill();
    this.capacity = Math.max(0, capacity);
    this.refillPerMs = Math.max(0, refillPerMinute) / 60_000;
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
  }
}
