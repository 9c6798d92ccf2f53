/**
 * wait: polling for conditions Playwright's locators cannot express (a whole list satisfying a
 * predicate, a number read from the DOM). Every wait is bounded and fails with what it last saw.
 */
import { sleep } from './processes';

/** WaitOptions bound a wait. */
export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Pause between checks (default 100 ms). */
  intervalMs?: number;
}

/**
 * waitUntil calls `read` until `ok` accepts its value and returns that value. On timeout it
 * throws `what` with the last value read (or the last error `read` threw), so a failure says
 * what the page showed instead.
 */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  o: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await read();
      if (ok(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) {
      const seen =
        last === undefined
          ? 'nothing'
          : 'value' in last
            ? JSON.stringify(last.value, null, 1)
            : `an error: ${String(last.error)}`;
      throw new Error(`timed out waiting until ${what}; last saw ${seen}`);
    }
    await sleep(o.intervalMs ?? 100);
  }
}
