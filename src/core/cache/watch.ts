import { AbortedError, raceAbort } from '../util/abort';
import { type Clock, type TimerHandle } from '../util/clock';
import { ApiError } from './errors';
import { type KubeObject, type ListerWatcher, type WatchEvent, type WatchOptions } from './types';
import { type SliceBudget, WorkSlicer } from './workSlicer';

/** HEALTHY_WATCH_MS: a watch open this long without failing proves the connection works. */
export const HEALTHY_WATCH_MS = 1000;

/**
 * WatchOutcome is how one watch stream ended. `events` counts non-ERROR events (bookmarks
 * included, as client-go counts them). `ended` with `silent` means the stream was abandoned
 * after `silenceMs` without a byte of news: not a failure (see runWatch). An `error` carries
 * `fromEvent` when the server sent it as an ERROR event (else the stream or request threw).
 */
export type WatchOutcome =
  | { kind: 'ended'; events: number; durationMs: number; silent?: boolean }
  | { kind: 'error'; error: unknown; events: number; durationMs: number; fromEvent: boolean }
  | { kind: 'stopped' };

/** WatchDataEvent is any watch event but ERROR. */
export type WatchDataEvent<T extends KubeObject> = Exclude<WatchEvent<T>, { type: 'ERROR' }>;

/** RunWatchOptions: one watch request and the callbacks that consume it. */
export interface RunWatchOptions<T extends KubeObject> {
  listerWatcher: ListerWatcher<T>;
  options: WatchOptions;
  clock: Clock;
  /**
   * silenceMs: after this long without any event the stream is released and the outcome is
   * `ended` with `silent`. A safety net for a server that overstays the watch's own
   * timeoutSeconds, not a failure signal: the API promises no bookmark interval.
   */
  silenceMs: number;
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
  /**
   * slice bounds how much of the stream is consumed before the event loop gets a turn (default
   * DEFAULT_SLICE, timed by `clock`); yieldToLoop is how it gets one (default setImmediate).
   */
  slice?: Partial<SliceBudget>;
  yieldToLoop?: () => Promise<void>;
}

/**
 * runWatch opens one watch and feeds its events to `onEvent` until the stream ends, fails, stays
 * silent for `silenceMs`, or `stopSignal` aborts.
 *
 * Contract: resolves (never rejects) with the outcome once the stream is released: its
 * AbortSignal is aborted and its iterator returned on every path but a normal end. Clears every
 * timer it set before resolving. A stream that ignores its signal cannot delay the outcome.
 * Cooperative: events are consumed in slices (`slice`); between slices the event loop gets a
 * turn and nothing is pulled from the stream, so a flooding server is paused by backpressure
 * and cannot hold the loop (other contexts' I/O and timers) for more than about one slice.
 */
export async function runWatch<T extends KubeObject>(o: RunWatchOptions<T>): Promise<WatchOutcome> {
  const { clock } = o;
  if (o.stopSignal.aborted) return { kind: 'stopped' };
  const controller = new AbortController();

  const startedAt = clock.now();
  let lastActivity = startedAt;
  let events = 0;
  let healthy = false;
  let silent = false;
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
  // One timer for the silence safety net, re-armed lazily from `lastActivity` (no per-event churn).
  let silenceTimer: TimerHandle | undefined;
  const armSilence = (ms: number): void => {
    silenceTimer = clock.setTimeout(() => {
      const idle = clock.now() - lastActivity;
      if (idle >= o.silenceMs) {
        silenceTimer = undefined;
        silent = true;
        controller.abort();
      } else {
        armSilence(o.silenceMs - idle);
      }
    }, ms);
  };
  armSilence(o.silenceMs);
  const clearTimers = (): void => {
    if (healthyTimer !== undefined) clock.clearTimeout(healthyTimer);
    if (silenceTimer !== undefined) clock.clearTimeout(silenceTimer);
    healthyTimer = silenceTimer = undefined;
  };
  // Stopping releases everything synchronously, not when the pending read settles.
  const onStop = (): void => {
    clearTimers();
    controller.abort();
  };
  o.stopSignal.addEventListener('abort', onStop, { once: true });

  const slicer = new WorkSlicer({ clock, budget: o.slice, yieldToLoop: o.yieldToLoop });
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
          fromEvent: true,
        };
      }
      events++;
      markHealthy();
      o.onActivity?.();
      o.onEvent(event);
      if (o.stopSignal.aborted) return { kind: 'stopped' };
      const pause = slicer.spend();
      if (pause) {
        await raceAbort(pause, controller.signal);
        if (o.stopSignal.aborted) return { kind: 'stopped' };
      }
    }
  } catch (err) {
    if (o.stopSignal.aborted) return { kind: 'stopped' };
    if (silent) return { kind: 'ended', events, durationMs: durationMs(), silent: true };
    const error = err instanceof AbortedError ? new Error('watch aborted') : err;
    return { kind: 'error', error, events, durationMs: durationMs(), fromEvent: false };
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
