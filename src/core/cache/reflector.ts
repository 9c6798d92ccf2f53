import { Backoff, type BackoffOptions } from '../util/backoff';
import { type Clock, type TimerHandle } from '../util/clock';
import { type Logger, nullLogger } from '../util/logger';
import { ApiError, errorMessage, isGone, isTooLargeResourceVersion } from './errors';
import { listAll, type ListResult } from './lister';
import { isRetriableWatchError, retryFor } from './retryPolicy';
import { metaNamespaceKey } from './store';
import { type KubeObject, type ListerWatcher, type WatchOptions } from './types';
import { HEALTHY_WATCH_MS, runWatch, type WatchDataEvent, type WatchOutcome } from './watch';
import type { SliceBudget } from './workSlicer';

/**
 * WATCH_SILENCE_MARGIN_MS: a watch silent this long past its own timeoutSeconds is released and
 * re-opened quietly (the server should have closed it). Silence alone is never a failure.
 */
export const WATCH_SILENCE_MARGIN_MS = 60_000;

/** INITIAL_EVENTS_END_ANNOTATION marks the bookmark that ends a watch-list's initial state. */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

/**
 * INITIAL_EVENTS_SILENCE_MS / INITIAL_EVENTS_DEADLINE_MS bound a watch-list's wait for its
 * initial-events-end bookmark: silent this long before it, or without it this long after the
 * request, the server is taken not to support watch-list (one that ignores sendInitialEvents
 * streams synthetic ADDEDs and live events but never that bookmark) and the reflector LISTs.
 */
export const INITIAL_EVENTS_SILENCE_MS = 15_000;
export const INITIAL_EVENTS_DEADLINE_MS = 120_000;

/**
 * ReflectorStore is what a Reflector writes to (client-go's ReflectorStore): the informer's
 * queue. `replace` carries a whole (re)list and its resourceVersion.
 */
export interface ReflectorStore<T> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
  replace(list: T[], resourceVersion: string): void;
}

/**
 * ReflectorProblem describes a failure and the retry it scheduled. `forbidden` with `during:
 * 'watch'` is a 403 on WATCH while LIST is allowed (the cache is then refreshed by relists only).
 */
export interface ReflectorProblem {
  kind: 'retrying' | 'forbidden' | 'unauthorized';
  error: unknown;
  message: string;
  /** Consecutive failures, 1 for the first. */
  attempt: number;
  /** Clock time of the retry. */
  retryAt: number;
  during: 'list' | 'watch';
}

/** ReflectorObserver hears about failures and the recovery that follows them. */
export interface ReflectorObserver {
  onProblem(problem: ReflectorProblem): void;
  /** onRecovered: the first proof of health (a list, or a working watch) after a problem. */
  onRecovered(): void;
}

/** ReflectorOptions configure a Reflector. */
export interface ReflectorOptions<T extends KubeObject> {
  name: string;
  listerWatcher: ListerWatcher<T>;
  store: ReflectorStore<T>;
  clock: Clock;
  random: () => number;
  pageSize: number;
  backoff?: Omit<BackoffOptions, 'clock' | 'random'>;
  /** Silence after which a watch is re-opened quietly; default its timeoutSeconds + 60 s. */
  watchSilenceMs?: number;
  /** Watch events handled before the event loop gets a turn; default DEFAULT_SLICE. */
  watchSlice?: Partial<SliceBudget>;
  /** Pages one LIST may take; default MAX_LIST_PAGES. */
  maxListPages?: number;
  useWatchList: boolean;
  /**
   * Applied to every object before it reaches the store, as it arrives: listed items page by
   * page (see listAll), watched objects event by event, a watch-list's initial objects before
   * they are held. Must not throw. Default: none.
   */
  transform?: (obj: T) => T;
  /** Silence before the initial-events-end bookmark that means "unsupported"; default INITIAL_EVENTS_SILENCE_MS. */
  initialEventsSilenceMs?: number;
  /** Longest wait for the initial-events-end bookmark; default INITIAL_EVENTS_DEADLINE_MS. */
  initialEventsDeadlineMs?: number;
  logger?: Logger;
  observer?: ReflectorObserver;
}

/**
 * Reflector keeps a ReflectorStore in step with the API server: LIST, then WATCH from the list's
 * resourceVersion, forever, following client-go's reflector.go:
 * - LIST: the first asks resourceVersion "0" with `limit` (the watch cache answers it whole; a
 *   server without one pages it). If that first list came back paginated, relists keep `limit`;
 *   otherwise a relist asks resourceVersion=<last synced> *without* a limit, so the watch cache
 *   serves it ("not older than") instead of etcd's exact, possibly stale, read. A list that says
 *   Expired or "too large resource version" is retried at once at "" (quorum); the next relist
 *   uses the last synced version again. Pages are bounded (see listAll).
 * - WATCH from the last resourceVersion with bookmarks and a random timeout in [300, 600) s.
 *   Events and bookmarks advance the resourceVersion. A normal end re-watches at once (after a
 *   backoff when it lasted under 1 s, so no server can make a hot loop). A stream silent for its
 *   timeout + 60 s is re-opened quietly: silence never changes status or backoff.
 * - A failed watch *start* that is not retriable (403, 401, 404, 410, 422...) ends the round:
 *   back off, then relist; 403 reports `forbidden` during `watch`. Connection refused, 429 and
 *   5xx back off and re-watch without relisting (see isRetriableWatchError). During a stream: 410 relists (at once, unless the
 *   watch died at birth); a watch closed within 1 s having delivered nothing backs off and
 *   relists; other errors back off and re-watch from the last resourceVersion.
 * - Waits are the Backoff's ([d, 2d), 0.8 s .. 30 s step); 429 and 5xx wait at least the
 *   server's Retry-After, made sane by retryAfterMs (NaN/negative ignored, capped at 5 min).
 *   A failed LIST backs off and retries; 403 waits the maximum step (RBAC may change).
 * - After a failed watch start, only a working watch (not the relist) counts as recovery.
 * - With `useWatchList`, the initial state is streamed (sendInitialEvents) instead of listed;
 *   any failure before the initial-events-end bookmark switches to LIST for good, and so does a
 *   bookmark that does not come in time (see INITIAL_EVENTS_SILENCE_MS): a server that rejects
 *   the request (422 with the WatchList gate off) or ignores its parameters (streams a plain
 *   watch) costs one LIST. Nothing streamed before the fallback reaches the store.
 *
 * `stop()` is final: it aborts the request in flight and clears every timer; no store write,
 * request or observer call happens afterwards.
 */
export class Reflector<T extends KubeObject> {
  private readonly o: ReflectorOptions<T>;
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly stopController = new AbortController();
  private started = false;
  private useWatchList: boolean;
  private lastSyncRV = '';
  private lastSyncRVUnavailable = false;
  /** The first list (resourceVersion "0") came back in pages: the server has no watch cache. */
  private paginatedResult = false;
  /** A watch start failed: a relist alone is no proof of recovery. */
  private watchStartFailed = false;
  private attempt = 0;
  private inProblem = false;
  private sleeping: { handle: TimerHandle; wake: () => void } | undefined;

  constructor(options: ReflectorOptions<T>) {
    this.o = options;
    this.logger = options.logger ?? nullLogger;
    this.useWatchList = options.useWatchList;
    this.backoff = new Backoff({ ...options.backoff, clock: options.clock, random: options.random });
  }

  /** lastSyncResourceVersion is the newest resourceVersion seen (list, event or bookmark). */
  lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  /** run starts the list-and-watch loop; idempotent; a no-op after stop. */
  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.loop().catch((err: unknown) =>
      this.logger.error(`${this.o.name}: reflector crashed: ${errorMessage(err)}`),
    );
  }

  /** stop ends the reflector for good (see the class contract). */
  stop(): void {
    if (this.stopped) return;
    this.stopController.abort();
    if (this.sleeping) {
      this.o.clock.clearTimeout(this.sleeping.handle);
      this.sleeping.wake();
      this.sleeping = undefined;
    }
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private async loop(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      if (needList && this.useWatchList) {
        const outcome = await this.watchList();
        if (outcome === 'stopped') return;
        if (outcome === 'fallback') continue; // useWatchList is now false: LIST at once.
        needList = false;
        if (!(await this.afterWatch(outcome))) needList = true;
        continue;
      }
      if (needList) {
        try {
          await this.listAndReplace();
        } catch (err) {
          if (this.stopped) return;
          await this.fail(err, 'list');
          continue;
        }
        needList = false;
      }
      const timeoutSeconds = this.watchTimeoutSeconds();
      const outcome = await runWatch({
        ...this.watchCallbacks(),
        options: { resourceVersion: this.lastSyncRV, allowWatchBookmarks: true, timeoutSeconds },
        silenceMs: this.silenceMs(timeoutSeconds),
      });
      if (!(await this.afterWatch(outcome))) needList = true;
    }
  }

  /** afterWatch applies the policy for a watch's outcome; returns false when a relist is due. */
  private async afterWatch(outcome: WatchOutcome): Promise<boolean> {
    if (outcome.kind === 'stopped' || this.stopped) return true;
    const short = outcome.durationMs < HEALTHY_WATCH_MS;
    const quick = outcome.events === 0 && short;
    if (outcome.kind === 'ended') {
      if (outcome.silent) {
        this.logger.debug(`${this.o.name}: watch silent past its timeout; re-watching`);
        return true;
      }
      if (quick) {
        // client-go: "very short watch" is an error that ends the round (backoff, relist).
        await this.fail(new Error('very short watch: closed within 1 s with no events'), 'watch');
        return false;
      }
      if (short) await this.pause(); // Events, then closed at once: no hot loop either.
      return true; // Normal close (e.g. timeoutSeconds): re-watch from the last resourceVersion.
    }
    const err = outcome.error;
    if (isRetriableWatchError(err, outcome.fromEvent)) {
      await this.fail(err, 'watch'); // Re-watch from the last resourceVersion, no relist.
      return true;
    }
    if (!outcome.fromEvent && err instanceof ApiError && outcome.events === 0) {
      // The server refused the watch request itself (403, 401 after a refresh, 404, 5xx...).
      this.watchStartFailed = true;
      await this.fail(err, 'watch');
      return false;
    }
    if (isGone(err)) {
      this.logger.info(`${this.o.name}: watch expired (${errorMessage(err)}); relisting`);
      // A watch that ends with 410 within 1 s (events or not) could loop list->watch->410 hot.
      if (short) await this.fail(err, 'watch');
      return false;
    }
    await this.fail(err, 'watch');
    return true;
  }

  private watchCallbacks() {
    return {
      listerWatcher: this.o.listerWatcher,
      clock: this.o.clock,
      slice: this.o.watchSlice,
      stopSignal: this.stopController.signal,
      onHealthy: () => {
        this.watchStartFailed = false;
        this.markHealthy();
      },
      onActivity: () => this.backoff.reportHealthy(),
      onEvent: (event: WatchDataEvent<T>) => {
        const obj = this.transformed(event);
        const rv = obj?.metadata?.resourceVersion;
        try {
          if (event.type === 'ADDED') this.o.store.add(obj);
          else if (event.type === 'MODIFIED') this.o.store.update(obj);
          else if (event.type === 'DELETED') this.o.store.delete(obj);
          else if (event.type !== 'BOOKMARK') {
            this.logger.warn(`${this.o.name}: ignoring watch event of unknown type ${String(event.type)}`);
            return;
          }
        } catch (err) {
          this.logger.error(`${this.o.name}: cannot apply ${event.type} event: ${errorMessage(err)}`);
        }
        if (typeof rv === 'string' && rv !== '') this.lastSyncRV = rv;
      },
    };
  }

  /** listAndReplace lists (see the class contract) and replaces the store; throws on failure. */
  private async listAndReplace(): Promise<void> {
    const resourceVersion = this.relistResourceVersion();
    let result: ListResult<T>;
    try {
      result = await this.list(resourceVersion);
    } catch (err) {
      if (this.stopped || resourceVersion === '' || !(isGone(err) || isTooLargeResourceVersion(err)))
        throw err;
      this.logger.info(
        `${this.o.name}: list at resourceVersion "${resourceVersion}" failed (${errorMessage(err)}); listing at ""`,
      );
      this.lastSyncRVUnavailable = true;
      result = await this.list(this.relistResourceVersion());
    }
    if (this.stopped) return;
    if (resourceVersion === '0' && result.paginated) this.paginatedResult = true;
    this.lastSyncRVUnavailable = false;
    this.o.store.replace(result.items, result.resourceVersion);
    this.lastSyncRV = result.resourceVersion;
    if (this.watchStartFailed) this.backoff.reportHealthy();
    else this.markHealthy();
  }

  private list(resourceVersion: string): Promise<ListResult<T>> {
    // client-go's list(): a resourceVersion other than "" and "0" is only served from the watch
    // cache without a limit, unless the server proved it pages (no watch cache).
    const exact = resourceVersion !== '' && resourceVersion !== '0';
    return listAll({
      listerWatcher: this.o.listerWatcher,
      resourceVersion,
      limit: exact && !this.paginatedResult ? undefined : this.o.pageSize,
      signal: this.stopController.signal,
      maxPages: this.o.maxListPages,
      transform: this.o.transform,
    });
  }

  /** watchList streams the initial state; see the class contract. */
  private async watchList(): Promise<WatchOutcome | 'fallback' | 'stopped'> {
    const initial = new Map<string, T>();
    let done = false;
    const callbacks = this.watchCallbacks();
    const options: WatchOptions = {
      resourceVersion: '',
      resourceVersionMatch: 'NotOlderThan',
      sendInitialEvents: true,
      allowWatchBookmarks: true,
      timeoutSeconds: this.watchTimeoutSeconds(),
    };
    // The wait for the end bookmark is bounded (see INITIAL_EVENTS_SILENCE_MS): `gaveUp` aborts
    // this watch only; the reflector's stop aborts it too.
    const local = new AbortController();
    const onStop = (): void => local.abort();
    this.stopController.signal.addEventListener('abort', onStop, { once: true });
    const { clock } = this.o;
    const silence = this.o.initialEventsSilenceMs ?? INITIAL_EVENTS_SILENCE_MS;
    const deadline = clock.now() + (this.o.initialEventsDeadlineMs ?? INITIAL_EVENTS_DEADLINE_MS);
    let lastEvent = clock.now();
    let gaveUp = false;
    let timer: TimerHandle | undefined;
    const arm = (): void => {
      const at = Math.min(lastEvent + silence, deadline);
      timer = clock.setTimeout(
        () => {
          timer = undefined;
          if (done) return;
          if (clock.now() >= Math.min(lastEvent + silence, deadline)) {
            gaveUp = true;
            local.abort();
          } else arm();
        },
        Math.max(0, at - clock.now()),
      );
    };
    arm();
    const disarm = (): void => {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    };
    const outcome = await runWatch<T>({
      ...callbacks,
      stopSignal: local.signal,
      options,
      silenceMs: this.silenceMs(options.timeoutSeconds),
      onHealthy: () => {
        if (done) this.markHealthy();
      },
      onEvent: (event) => {
        if (done) return callbacks.onEvent(event);
        lastEvent = clock.now();
        const obj = this.transformed(event);
        const rv = obj?.metadata?.resourceVersion ?? '';
        const key = metaNamespaceKey(obj);
        if (event.type === 'ADDED' || event.type === 'MODIFIED') initial.set(key, obj);
        else if (event.type === 'DELETED') initial.delete(key);
        else if (
          event.type === 'BOOKMARK' &&
          obj?.metadata?.annotations?.[INITIAL_EVENTS_END_ANNOTATION] === 'true'
        ) {
          done = true;
          disarm();
          this.o.store.replace([...initial.values()], rv);
          initial.clear();
          this.lastSyncRV = rv;
          this.markHealthy();
        }
      },
    });
    disarm();
    this.stopController.signal.removeEventListener('abort', onStop);
    if (this.stopped) return 'stopped';
    if (done) return outcome;
    if (outcome.kind === 'stopped' && !gaveUp) return 'stopped';
    const why = gaveUp
      ? 'no initial-events-end bookmark in time'
      : outcome.kind === 'error'
        ? errorMessage(outcome.error)
        : 'stream closed';
    this.logger.warn(
      `${this.o.name}: watch-list failed before its initial events ended (${why}); using LIST from now on`,
    );
    this.useWatchList = false;
    return 'fallback';
  }

  /** transformed is the event's object after the transform (bookmarks and unknown types as they are). */
  private transformed(event: WatchDataEvent<T>): T {
    const { type, object } = event;
    const applies = type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED';
    return applies && this.o.transform && object ? this.o.transform(object) : object;
  }

  private relistResourceVersion(): string {
    if (this.lastSyncRVUnavailable) return '';
    return this.lastSyncRV === '' ? '0' : this.lastSyncRV;
  }

  private watchTimeoutSeconds(): number {
    return 300 + Math.floor(this.o.random() * 300);
  }

  private silenceMs(timeoutSeconds: number): number {
    // At least HEALTHY_WATCH_MS, so that silent re-watches can never spin.
    return Math.max(
      this.o.watchSilenceMs ?? timeoutSeconds * 1000 + WATCH_SILENCE_MARGIN_MS,
      HEALTHY_WATCH_MS,
    );
  }

  private markHealthy(): void {
    this.attempt = 0;
    this.backoff.reportHealthy();
    if (this.inProblem && !this.stopped) {
      this.inProblem = false;
      this.o.observer?.onRecovered();
    }
  }

  /** fail reports `err` and waits the delay its kind calls for (resolves early on stop). */
  private async fail(err: unknown, during: 'list' | 'watch'): Promise<void> {
    if (this.stopped) return;
    this.attempt++;
    const { kind, delay } = retryFor(err, this.backoff);
    const message = errorMessage(err);
    const retryAt = this.o.clock.now() + delay;
    this.logger.warn(
      `${this.o.name}: ${during} failed (${message}); retry ${this.attempt} in ${Math.round(delay)} ms`,
    );
    this.inProblem = true;
    this.o.observer?.onProblem({ kind, error: err, message, attempt: this.attempt, retryAt, during });
    await this.sleep(delay);
  }

  /** pause waits one backoff step without reporting a problem (a server closing watches at once). */
  private async pause(): Promise<void> {
    const delay = this.backoff.next();
    this.logger.debug(`${this.o.name}: watch closed within 1 s; re-watching in ${Math.round(delay)} ms`);
    await this.sleep(delay);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const handle = this.o.clock.setTimeout(() => {
        this.sleeping = undefined;
        resolve();
      }, ms);
      this.sleeping = { handle, wake: resolve };
    });
  }
}
