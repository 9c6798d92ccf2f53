import { AbortedError, raceAbort } from '../util/abort';
import { type Clock, type TimerHandle } from '../util/clock';
import { ApiError } from './errors';
import { type KubeObject, type ListerWatcher, type WatchEvent, type WatchOptions } from './types';

/** HEALTHY_WATCH_MS: a watch open this long without failing proves the connection works. */
export const HEALTHY_WATCH_MS = 1000;

/** WatchOutcome is how one watch stream ended. `events` counts non-ERROR events. */
export type WatchOutcome =
  | { kind: 'ended'; events: number; durationMs: number }
  | { kind: 'error'; error: unknown; events: number; durationMs: number }
  | { kind: 'stopped' };

/** WatchInactivityError: the stream delivered nothing (not even a bookmark) for too long. */
export class WatchInactivityError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`watch delivered nothing for ${Math.round(timeoutMs / 1000)} s; assuming a dead connection`);
    this.name = 'WatchInactivityError';
  }
}

/** WatchDataEvent is any watch event but ERROR. */
export type WatchDataEvent<T extends KubeObject> = Exclude<WatchEvent<T>, { type: 'ERROR' }>;

/** RunWatchOptions: one watch request and the callbacks that consume it. */
export interface RunWatchOptions<T extends KubeObject> {
  listerWatcher: ListerWatcher<T>;
  options: WatchOptions;
  clock: Clock;
  inactivityTimeoutMs: number;
  /** Aborts when the owner stops: the outcome is then `stopped`. */
  stopSignal: AbortSignal;
  /**
   * onEvent handles one ADDED/MODIFIED/DELETED/BOOKMARK event, in stream order. ERROR events
   * never reach it: they end the watch with an ApiError.
   */
  onEvent(event: WatchDataEvent<T>): void;
  /** onHealthy: called at the first event and once the stream has been open HEALTHY_WATCH_MS. */
  onHealthy(): void;
  /** onActivity: called for every event (cheap; used to keep a healthy streak). */
  onActivity?(): void;
}

/**
 * runWatch opens one watch and feeds its events to `onEvent` until the stream ends, fails, goes
 * quiet for `inactivityTimeoutMs`, or `stopSignal` aborts.
 *
 * Contract: resolves (never rejects) with the outcome once the stream is released: its
 * AbortSignal is aborted and its iterator returned on every path but a normal end. Clears every
 * timer it set before resolving. A stream that ignores its signal cannot delay the outcome.
 */
export async function runWatch<T extends KubeObject>(o: RunWatchOptions<T>): Promise<WatchOutcome> {
  const { clock } = o;
  if (o.stopSignal.aborted) return { kind: 'stopped' };
  const controller = new AbortController();

  const startedAt = clock.now();
  let lastActivity = startedAt;
  let events = 0;
  let healthy = false;
  let inactive: WatchInactivityError | undefined;
  const markHealthy = (): void => {
    if (!healthy) {
      healthy = true;
      o.onHealthy();
    }
  };

  let healthyTimer: TimerHandle | undefined = clock.setTimeout(() => {
    healthyTimer = undefined;
    markHealthy();
  }, HEALTHY_WATCH_MS);
  // One timer for the inactivity deadline, re-armed lazily from `lastActivity` (no per-event churn).
  let inactivityTimer: TimerHandle | undefined;
  const armInactivity = (ms: number): void => {
    inactivityTimer = clock.setTimeout(() => {
      const idle = clock.now() - lastActivity;
      if (idle >= o.inactivityTimeoutMs) {
        inactivityTimer = undefined;
        inactive = new WatchInactivityError(o.inactivityTimeoutMs);
        controller.abort();
      } else {
        armInactivity(o.inactivityTimeoutMs - idle);
      }
    }, ms);
  };
  armInactivity(o.inactivityTimeoutMs);
  const clearTimers = (): void => {
    if (healthyTimer !== undefined) clock.clearTimeout(healthyTimer);
    if (inactivityTimer !== undefined) clock.clearTimeout(inactivityTimer);
    healthyTimer = inactivityTimer = undefined;
  };
  // Stopping releases everything synchronously, not when the pending read settles.
  const onStop = (): void => {
    clearTimers();
    controller.abort();
  };
  o.stopSignal.addEventListener('abort', onStop, { once: true });

  let iterator: AsyncIterator<WatchEvent<T>> | undefined;
  let endedNormally = false;
  const durationMs = (): number => clock.now() - startedAt;
  try {
    iterator = o.listerWatcher.watch(o.options, controller.signal)[Symbol.asyncIterator]();
    for (;;) {
      const next = await raceAbort(iterator.next(), controller.signal);
      if (next.done) {
        endedNormally = true;
        return { kind: 'ended', events, durationMs: durationMs() };
      }
      const event = next.value;
      lastActivity = clock.now();
      if (event.type === 'ERROR') {
        return {
          kind: 'error',
          error: ApiError.fromStatus(event.object ?? {}),
          events,
          durationMs: durationMs(),
        };
      }
      events++;
      markHealthy();
      o.onActivity?.();
      o.onEvent(event);
      if (o.stopSignal.aborted) return { kind: 'stopped' };
    }
  } catch (err) {
    if (o.stopSignal.aborted) return { kind: 'stopped' };
    const error = inactive ?? (err instanceof AbortedError ? new Error('watch aborted') : err);
    return { kind: 'error', error, events, durationMs: durationMs() };
  } finally {
    clearTimers();
    o.stopSignal.removeEventListener('abort', onStop);
    if (!endedNormally) {
      controller.abort();
      releaseIterator(iterator);
    }
  }
}

function releaseIterator(iterator: AsyncIterator<unknown> | undefined): void {
  try {
    const p = iterator?.return?.();
    if (p) p.catch(() => {});
  } catch {
    // A misbehaving iterator: nothing more to release.
  }
}
