import type { EventRow, ExpireEntry } from '../../protocol/events';
import type { ContextEvent, EventChange } from '../events/hub';
import { type Clock, realClock, type TimerHandle } from '../util/clock';
import { type Disposable, DisposableStore } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { EventHistory, type HistoryChange } from './history';
import { type SliceBudget, WorkSlicer } from '../cache/workSlicer';
import { parseHistory, serializeHistoryChunks } from './persist';
import type { OwnerLookup } from './row';

/** EventFeed is the part of EventHub the publisher reads. */
export interface EventFeed {
  list(): ContextEvent[];
  readonly onDidChange: Event<readonly EventChange[]>;
}

/**
 * TextStore reads and writes one text file (the host backs it with globalStorageUri). `write`
 * takes the text whole or as chunks to be written in order (a large history comes in chunks, so
 * that encoding it can yield too).
 */
export interface TextStore {
  read(): Promise<string | undefined>;
  write(text: string | readonly string[]): Promise<void>;
}

/**
 * PERSIST_COST_FACTOR: after a history write that took T ms, the next waits at least
 * T x this factor (and persistMs), so writing the history costs at most ~1/20 of the time
 * however large it is (50,000 rows: ~0.5 s of JSON.stringify on an idle machine).
 */
export const PERSIST_COST_FACTOR = 20;

/** MAX_PERSIST_MS bounds that wait: the history is written at least once a minute while it changes. */
export const MAX_PERSIST_MS = 60_000;

/** PublishedDelta is one coalesced batch for the webviews (the protocol's `delta` body). */
export interface PublishedDelta {
  upsert: EventRow[];
  expire: ExpireEntry[];
  remove: string[];
}

export interface EventStreamPublisherOptions {
  feed: EventFeed;
  maxEvents: number;
  ownerOf?: OwnerLookup;
  clock?: Clock;
  /**
   * Minimum time between two deltas (default 0: what one turn of the event loop changes is one
   * delta, published on the next turn). Pacing per page is DeltaPacer's: it sends at once on a
   * quiet stream and, under load, one delta per frame the page acknowledges; a fixed cadence here
   * would delay every event by up to its length (the 150 ms of old cost ~80 ms at p50).
   */
  flushMs?: number;
  store?: TextStore;
  /** Minimum time between two history writes (default 5 s; longer after a costly write, see PERSIST_COST_FACTOR). */
  persistMs?: number;
  /** Gets the last history write, started by dispose (it runs on after dispose returns). */
  onFinalWrite?: (write: Promise<void>) => void;
  /** The slice of the cooperative history write (default: the WorkSlicer's, 256 rows or 4 ms). */
  persistSlice?: Partial<SliceBudget>;
  /** Bound on the history file (default 32 MiB). */
  maxBytes?: number;
  onError?: (err: unknown) => void;
}

/** The publisher's default interval between deltas (see flushMs). */
export const DEFAULT_FLUSH_MS = 0;

type PendingOp = HistoryChange['op'];

/**
 * EventStreamPublisher turns the EventHub's changes into the Events view's history (live plus
 * expired rows) and publishes coalesced deltas: whatever happens to one id between two flushes
 * becomes one upsert, expire or remove, and flushes are at least `flushMs` apart. It restores the
 * history from the store on start and writes it back, throttled, after changes and on dispose.
 * Subscribers get deltas only; they read `rows()` once for a snapshot.
 */
export class EventStreamPublisher implements Disposable {
  private readonly history: EventHistory;
  private readonly emitter = new Emitter<PublishedDelta>();
  private readonly subscriptions = new DisposableStore();
  private readonly clock: Clock;
  /** The minimum time between two deltas in ms (read by the benchmarks' notes). */
  readonly flushMs: number;
  private readonly persistMs: number;
  private readonly pending = new Map<string, PendingOp>();
  private flushTimer: TimerHandle | undefined;
  private persistTimer: TimerHandle | undefined;
  private lastFlush = -Infinity;
  private dirty = false;
  /** The history write in progress (one at a time). */
  private writing: Promise<void> | undefined;
  /** The wait before the next write: persistMs, longer after a costly write. */
  private persistWaitMs: number;
  private disposed = false;
  /** Number of deltas published (for the batch-rate figure). */
  flushes = 0;

  constructor(private readonly options: EventStreamPublisherOptions) {
    this.clock = options.clock ?? realClock;
    this.flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
    this.persistMs = options.persistMs ?? 5000;
    this.persistWaitMs = this.persistMs;
    this.history = new EventHistory({
      maxEvents: options.maxEvents,
      ownerOf: options.ownerOf,
      now: () => this.clock.now(),
    });
    this.subscriptions.add(this.emitter);
  }

  /** onDelta fires with each coalesced batch. */
  get onDelta(): Event<PublishedDelta> {
    return this.emitter.event;
  }

  /**
   * start takes the hub's current events, subscribes to its changes, then restores the
   * persisted history (rows not live now come back expired). Resolves when restored.
   */
  async start(): Promise<void> {
    this.subscriptions.add(
      this.options.feed.onDidChange((batch) => this.record(this.history.applyChanges(batch))),
    );
    const live = this.options.feed.list();
    this.record(
      this.history.applyChanges(live.map((event) => ({ type: 'upsert', event, initial: true }))),
      false,
    );
    const store = this.options.store;
    if (!store) return;
    try {
      const text = await store.read();
      if (text !== undefined && !this.disposed) this.record(this.history.restore(parseHistory(text)), false);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  /** rows returns the whole history (for a snapshot). */
  rows(): EventRow[] {
    return this.history.list();
  }

  get(id: string): EventRow | undefined {
    return this.history.get(id);
  }

  setMaxEvents(maxEvents: number): void {
    this.record(this.history.setMaxEvents(maxEvents));
  }

  private record(changes: readonly HistoryChange[], persist = true): void {
    if (changes.length === 0 || this.disposed) return;
    for (const { op, id } of changes) {
      const prev = this.pending.get(id);
      // upsert wins over expire (the row carries expired=1); remove wins over everything.
      if (op === 'expire' && prev === 'upsert') continue;
      this.pending.set(id, op);
    }
    if (persist) this.schedulePersist();
    else this.dirty = true;
    if (this.flushTimer === undefined) {
      const wait = Math.max(0, this.lastFlush + this.flushMs - this.clock.now());
      this.flushTimer = this.clock.setTimeout(() => this.flush(), wait);
    }
  }

  /** flush publishes the pending changes now. */
  flush(): void {
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const delta: PublishedDelta = { upsert: [], expire: [], remove: [] };
    for (const [id, op] of this.pending) {
      const row = this.history.get(id);
      if (op === 'remove' || !row) delta.remove.push(id);
      else if (op === 'upsert') delta.upsert.push(row);
      else delta.expire.push({ id, at: row.expiredAt });
    }
    this.pending.clear();
    this.lastFlush = this.clock.now();
    this.flushes++;
    this.emitter.fire(delta);
  }

  private schedulePersist(): void {
    this.dirty = true;
    if (!this.options.store || this.persistTimer !== undefined || this.writing || this.disposed) return;
    this.persistTimer = this.clock.setTimeout(() => {
      this.persistTimer = undefined;
      void this.persistNow();
    }, this.persistWaitMs);
  }

  /** persistWaitMs is the wait before the next history write (for tests and figures). */
  get nextPersistWaitMs(): number {
    return this.persistWaitMs;
  }

  /**
   * persistNow writes the history if it changed since the last write, one write at a time. The
   * write is cooperative (serializeHistoryChunks under a WorkSlicer): the extension host's
   * event loop turns between slices. The next write then waits persistMs, or
   * PERSIST_COST_FACTOR times as long as this one took (at most MAX_PERSIST_MS).
   */
  async persistNow(): Promise<void> {
    const store = this.options.store;
    if (!store) return;
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const started = this.clock.now();
    const slicer = new WorkSlicer({ clock: this.clock, budget: this.options.persistSlice });
    const write = async () => {
      try {
        const chunks = await serializeHistoryChunks(
          this.history.list(),
          { maxBytes: this.options.maxBytes },
          () => slicer.spend(),
        );
        await store.write(chunks);
      } catch (err) {
        this.options.onError?.(err);
      }
    };
    this.writing = write();
    try {
      await this.writing;
    } finally {
      this.writing = undefined;
      const took = this.clock.now() - started;
      this.persistWaitMs = Math.max(this.persistMs, Math.min(MAX_PERSIST_MS, took * PERSIST_COST_FACTOR));
      if (this.dirty) this.schedulePersist();
    }
  }

  /**
   * dispose stops publishing; a last write of the history is started, and handed to
   * `options.onFinalWrite` (the host waits for it on deactivate).
   */
  dispose(): void {
    if (this.disposed) return;
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    if (this.persistTimer !== undefined) this.clock.clearTimeout(this.persistTimer);
    this.flushTimer = this.persistTimer = undefined;
    const last = this.persistNow();
    this.options.onFinalWrite?.(last);
    this.disposed = true;
    this.subscriptions.dispose();
  }
}
