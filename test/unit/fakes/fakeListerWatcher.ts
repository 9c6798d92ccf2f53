import {
  type KubeObject,
  type ListerWatcher,
  type ListOptions,
  type ListPage,
  type WatchEvent,
  type WatchOptions,
} from '../../../src/core/cache/types';

/** abortError is what the fake rejects with when a request's signal aborts. */
function abortError(): Error {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}

/**
 * ListResponse scripts one `list` call: a page, an error to reject with, `'hang'` (pending until
 * the signal aborts), or a function computing any of those from the call's options.
 */
export type ListResponse<T extends KubeObject> =
  | ListPage<T>
  | Error
  | 'hang'
  | ((options: ListOptions) => ListPage<T> | Error | 'hang' | Promise<ListPage<T>>);

/** FakeListCall records one `list` call. */
export interface FakeListCall {
  readonly options: ListOptions;
  readonly signal: AbortSignal;
}

type Item<T extends KubeObject> = { event: WatchEvent<T> } | { end: true } | { error: unknown };

/**
 * FakeWatch is one `watch` call: a stream the test drives. Events pushed before the consumer
 * reads are buffered. Without a push, `end` or `fail` the stream stalls forever (until its
 * signal aborts, which makes the pending read reject with an AbortError).
 */
export class FakeWatch<T extends KubeObject> implements AsyncIterable<WatchEvent<T>> {
  private readonly buffer: Item<T>[] = [];
  private waiter:
    { resolve: (r: IteratorResult<WatchEvent<T>>) => void; reject: (e: unknown) => void } | undefined;
  private done = false;
  private iterated = false;
  /** delivered counts the events the consumer has read. */
  delivered = 0;

  constructor(
    readonly options: WatchOptions,
    readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.settle(), { once: true });
  }

  /** aborted: the consumer aborted this watch's signal. */
  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** closed: the stream is over (read to its end or failure, aborted, or returned). */
  get closed(): boolean {
    return this.done;
  }

  /** push queues events for the consumer. Ignored once closed. */
  push(...events: WatchEvent<T>[]): this {
    for (const event of events) this.buffer.push({ event });
    this.settle();
    return this;
  }

  /** end closes the stream normally after the buffered events. */
  end(): this {
    this.buffer.push({ end: true });
    this.settle();
    return this;
  }

  /** fail makes the stream throw `err` after the buffered events (a transport error). */
  fail(err: unknown): this {
    this.buffer.push({ error: err });
    this.settle();
    return this;
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    if (this.iterated) throw new Error('FakeWatch can be iterated once');
    this.iterated = true;
    return {
      next: () =>
        new Promise<IteratorResult<WatchEvent<T>>>((resolve, reject) => {
          if (this.waiter) return reject(new Error('FakeWatch: concurrent next()'));
          this.waiter = { resolve, reject };
          this.settle();
        }),
      return: async () => {
        this.done = true;
        this.buffer.length = 0;
        this.settle();
        return { done: true, value: undefined };
      },
    };
  }

  private settle(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    if (this.signal.aborted) {
      this.done = true;
      this.waiter = undefined;
      return waiter.reject(abortError());
    }
    if (this.done) {
      this.waiter = undefined;
      return waiter.resolve({ done: true, value: undefined });
    }
    const item = this.buffer.shift();
    if (!item) return;
    this.waiter = undefined;
    if ('event' in item) {
      this.delivered++;
      waiter.resolve({ done: false, value: item.event });
    } else if ('end' in item) {
      this.done = true;
      waiter.resolve({ done: true, value: undefined });
    } else {
      this.done = true;
      waiter.reject(item.error);
    }
  }
}

/**
 * FakeListerWatcher is a scriptable ListerWatcher. Every call is recorded (`lists`, `watches`)
 * with its options and signal.
 *
 * `list`: answered by the next `queueList` response, else by `listHandler` (a throw rejects), else
 * it hangs until aborted. `watch`: returns a new FakeWatch (also passed to `onWatch`); if `queueWatchError`
 * queued an error, that stream fails with it at once.
 */
export class FakeListerWatcher<T extends KubeObject = KubeObject> implements ListerWatcher<T> {
  readonly lists: FakeListCall[] = [];
  readonly watches: FakeWatch<T>[] = [];
  /** Answers `list` calls when no response is queued. */
  listHandler: ((options: ListOptions) => ListPage<T> | Error | 'hang' | Promise<ListPage<T>>) | undefined;
  /** Called with each new watch, synchronously inside `watch()`. */
  onWatch: ((watch: FakeWatch<T>) => void) | undefined;
  private readonly listQueue: ListResponse<T>[] = [];
  private readonly watchErrors: unknown[] = [];

  /** queueList scripts the next list calls, in order. */
  queueList(...responses: ListResponse<T>[]): this {
    this.listQueue.push(...responses);
    return this;
  }

  /** queueWatchError makes the next watch fail with `err` when first read. */
  queueWatchError(err: unknown): this {
    this.watchErrors.push(err);
    return this;
  }

  /** lastWatch is the most recent watch, if any. */
  get lastWatch(): FakeWatch<T> | undefined {
    return this.watches[this.watches.length - 1];
  }

  /** lastList is the most recent list call, if any. */
  get lastList(): FakeListCall | undefined {
    return this.lists[this.lists.length - 1];
  }

  list(options: ListOptions, signal: AbortSignal): Promise<ListPage<T>> {
    this.lists.push({ options: { ...options }, signal });
    const scripted = this.listQueue.length > 0 ? this.listQueue.shift()! : (this.listHandler ?? 'hang');
    let response: ListPage<T> | Error | 'hang' | Promise<ListPage<T>>;
    try {
      response = typeof scripted === 'function' ? scripted(options) : scripted;
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal.aborted) return Promise.reject(abortError());
    if (response === 'hang') {
      return new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(abortError()), { once: true }),
      );
    }
    if (response instanceof Error) return Promise.reject(response);
    return Promise.resolve(response).then((page) => structuredClone(page));
  }

  watch(options: WatchOptions, signal: AbortSignal): AsyncIterable<WatchEvent<T>> {
    const watch = new FakeWatch<T>({ ...options }, signal);
    this.watches.push(watch);
    if (this.watchErrors.length > 0) watch.fail(this.watchErrors.shift());
    this.onWatch?.(watch);
    return watch;
  }
}

/** page builds a ListPage. */
export function page<T extends KubeObject>(items: T[], resourceVersion: string, cont?: string): ListPage<T> {
  return cont ? { items, resourceVersion, continue: cont } : { items, resourceVersion };
}

/** obj builds a minimal namespaced object. */
export function obj(
  name: string,
  resourceVersion: string,
  namespace = 'default',
  extra: Partial<KubeObject> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    ...extra,
    metadata: { name, namespace, resourceVersion, ...extra.metadata },
  };
}

/** connectionError is a transport failure like Node's ECONNREFUSED/ECONNRESET. */
export function connectionError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}
