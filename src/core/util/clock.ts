/**
 * Clock is the source of time for everything in src/core. Production code uses
 * `realClock`; tests inject `FakeClock` (test/unit/fakes) and advance time without sleeping.
 */
export interface Clock {
  /** now returns milliseconds since the epoch. */
  now(): number;
  /** setTimeout schedules `fn` after `ms`; the returned handle is passed to clearTimeout. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** TimerHandle is opaque to callers. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return t as unknown as TimerHandle;
  },
  clearTimeout: (h) => clearTimeout(h as unknown as NodeJS.Timeout),
};
