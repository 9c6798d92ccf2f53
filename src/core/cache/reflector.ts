import { raceAbort } from '../util/abort';
import { Backoff, type BackoffOptions } from '../util/backoff';
import { type Clock, type TimerHandle } from '../util/clock';
import { type Logger, nullLogger } from '../util/logger';
import { ApiError, errorMessage, isForbidden, isGone, isTooManyRequests, isUnauthorized } from './errors';
import { metaNamespaceKey } from './store';
import { type KubeObject, type ListerWatcher, type ListOptions, type WatchOptions } from './types';
import { HEALTHY_WATCH_MS, runWatch, type WatchDataEvent, type WatchOutcome } from './watch';

/** INITIAL_EVENTS_END_ANNOTATION marks the bookmark that ends a watch-list's initial state. */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

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

/** ReflectorProblem describes a failure and the retry it scheduled. */
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
  watchInactivityTimeoutMs: number;
  useWatchList: boolean;
  logger?: Logger;
  observer?: ReflectorObserver;
}

/**
 * Reflector keeps a ReflectorStore in step with the API server: LIST (paged), then WATCH from
 * the list's resourceVersion, forever, following client-go's reflector:
 * - The first LIST asks for resourceVersion "0" (the watch cache); relists ask for the last
 *   synced resourceVersion; after a 410/Expired during a list (any page), the list restarts at
 *   once with resourceVersion "" (a quorum read). Pages after the first carry only `continue`
 *   and `limit`.
 * - WATCH from the last resourceVersion with bookmarks and a random timeout in [300, 600) s.
 *   Events advance the resourceVersion; a normal end re-watches at once; a 410 relists; any other
 *   failure (transport, 5xx, ERROR event, inactivity, a watch ending within 1 s with no event)
 *   backs off and re-watches from the last resourceVersion. 429 waits max(Retry-After, backoff).
 * - A failed LIST backs off and retries; 403 retries at the maximum backoff (RBAC may change).
 * - With `useWatchList`, the initial state is streamed (sendInitialEvents) instead of listed;
 *   any failure before the initial-events-end bookmark switches to LIST for good.
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
      const outcome = await runWatch({
        ...this.watchCallbacks(),
        options: {
          resourceVersion: this.lastSyncRV,
          allowWatchBookmarks: true,
          timeoutSeconds: this.watchTimeoutSeconds(),
        },
      });
      if (!(await this.afterWatch(outcome))) needList = true;
    }
  }

  /** afterWatch applies the policy for a watch's outcome; returns false when a relist is due. */
  private async afterWatch(outcome: WatchOutcome): Promise<boolean> {
    if (outcome.kind === 'stopped' || this.stopped) return true;
    const quick = outcome.events === 0 && outcome.durationMs < HEALTHY_WATCH_MS;
    if (outcome.kind === 'ended') {
      if (!quick) return true; // Normal close (e.g. timeoutSeconds): re-watch, no backoff.
      await this.fail(new Error('very short watch: closed within 1 s with no events'), 'watch');
      return true;
    }
    if (isGone(outcome.error)) {
      this.logger.info(`${this.o.name}: watch expired (${errorMessage(outcome.error)}); relisting`);
      // A watch that is refused at once with 410 could loop list->watch->410 hot: back off then.
      if (quick) await this.fail(outcome.error, 'watch');
      return false;
    }
    await this.fail(outcome.error, 'watch');
    return true;
  }

  private watchCallbacks() {
    return {
      listerWatcher: this.o.listerWatcher,
      clock: this.o.clock,
      inactivityTimeoutMs: this.o.watchInactivityTimeoutMs,
      stopSignal: this.stopController.signal,
      onHealthy: () => this.markHealthy(),
      onActivity: () => this.backoff.reportHealthy(),
      onEvent: (event: WatchDataEvent<T>) => {
        const obj = event.object;
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
        if (rv) this.lastSyncRV = rv;
      },
    };
  }

  /** listAndReplace lists every page and replaces the store; throws on failure. */
  private async listAndReplace(): Promise<void> {
    let resourceVersion = this.relistResourceVersion();
    for (;;) {
      try {
        const { items, resourceVersion: listRV } = await this.listAll(resourceVersion);
        if (this.stopped) return;
        this.lastSyncRVUnavailable = false;
        this.o.store.replace(items, listRV);
        this.lastSyncRV = listRV;
        this.markHealthy();
        return;
      } catch (err) {
        if (this.stopped || !isGone(err) || resourceVersion === '') throw err;
        this.logger.info(
          `${this.o.name}: list at resourceVersion "${resourceVersion}" expired; listing at ""`,
        );
        this.lastSyncRVUnavailable = true;
        resourceVersion = '';
      }
    }
  }

  private async listAll(resourceVersion: string): Promise<{ items: T[]; resourceVersion: string }> {
    const signal = this.stopController.signal;
    const limit = this.o.pageSize;
    const items: T[] = [];
    let options: ListOptions = { resourceVersion, limit };
    for (;;) {
      const page = await raceAbort(this.o.listerWatcher.list(options, signal), signal);
      for (const item of page.items ?? []) items.push(item);
      if (!page.continue) return { items, resourceVersion: page.resourceVersion ?? '' };
      options = { limit, continue: page.continue };
    }
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
    const outcome = await runWatch<T>({
      ...callbacks,
      options,
      onHealthy: () => {
        if (done) this.markHealthy();
      },
      onEvent: (event) => {
        if (done) return callbacks.onEvent(event);
        const obj = event.object;
        const rv = obj?.metadata?.resourceVersion ?? '';
        const key = metaNamespaceKey(obj);
        if (event.type === 'ADDED' || event.type === 'MODIFIED') initial.set(key, obj);
        else if (event.type === 'DELETED') initial.delete(key);
        else if (
          event.type === 'BOOKMARK' &&
          obj?.metadata?.annotations?.[INITIAL_EVENTS_END_ANNOTATION] === 'true'
        ) {
          done = true;
          this.o.store.replace([...initial.values()], rv);
          this.lastSyncRV = rv;
          this.markHealthy();
        }
      },
    });
    if (outcome.kind === 'stopped' || this.stopped) return 'stopped';
    if (done) return outcome;
    this.logger.warn(
      `${this.o.name}: watch-list failed before its initial events ended (${
        outcome.kind === 'error' ? errorMessage(outcome.error) : 'stream closed'
      }); using LIST from now on`,
    );
    this.useWatchList = false;
    return 'fallback';
  }

  private relistResourceVersion(): string {
    if (this.lastSyncRVUnavailable) return '';
    return this.lastSyncRV === '' ? '0' : this.lastSyncRV;
  }

  private watchTimeoutSeconds(): number {
    return 300 + Math.floor(this.o.random() * 300);
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
    let kind: ReflectorProblem['kind'] = 'retrying';
    let delay: number;
    if (during === 'list' && isForbidden(err)) {
      kind = 'forbidden';
      delay = this.backoff.maxMs;
    } else {
      delay = this.backoff.next();
      if (isUnauthorized(err)) kind = 'unauthorized';
      // 429 (and a 5xx that says so) carry Retry-After: wait at least that long.
      if (err instanceof ApiError && (isTooManyRequests(err) || err.code >= 500)) {
        delay = Math.max(delay, (err.retryAfterSeconds ?? 0) * 1000);
      }
    }
    const message = errorMessage(err);
    const retryAt = this.o.clock.now() + delay;
    this.logger.warn(
      `${this.o.name}: ${during} failed (${message}); retry ${this.attempt} in ${Math.round(delay)} ms`,
    );
    this.inProblem = true;
    this.o.observer?.onProblem({ kind, error: err, message, attempt: this.attempt, retryAt, during });
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
