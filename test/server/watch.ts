/**
 * watch: one open watch stream, served from the watch cache. Writes newline-delimited JSON watch
 * events to a chunked `application/json` response (never gzip-encoded, as the real server):
 * replayed history or synthetic ADDEDs first, then live changes in resourceVersion order,
 * BOOKMARKs when allowed and the cache's version moved, and a clean end at timeoutSeconds.
 * Filtered watches turn updates that start (stop) matching into ADDED (DELETED), as the
 * real watch cache does. Faults act on sessions through drop/close/stall/expire.
 */
import type { ServerResponse } from 'node:http';
import type { ResourceKind } from '../../src/core/kinds';
import { apiVersionOf } from '../../src/core/kinds';
import type { Status } from '../../src/core/cache/types';
import type { Change } from './storage';
import type { StoredObject } from './storedObject';
import { statusOf, tooOldMessage } from './status';
import { partialOf } from './metadataOnly';
import { tableOf, type IncludeObject } from './table';
import type { WatchCache } from './watchCache';

/** Predicate tests a stored object against a watch's selectors. */
export type Predicate = (o: StoredObject) => boolean;

/** WatchStart says where a stream begins. */
export type WatchStart =
  | { mode: 'current' } // synthetic ADDED for the cache's current state, then live
  | { mode: 'since'; rv: number } // every change after rv (410 if the window lost it), then live
  | { mode: 'initialEvents'; rv: number }; // WatchList: current state (not older than rv), end-bookmark, then live

/** WatchSessionOptions configure a session; `onEnd` is called once when it ends for any reason. */
export interface WatchSessionOptions {
  res: ServerResponse;
  kind: ResourceKind;
  cache: WatchCache;
  user: string;
  prefix: string;
  predicate: Predicate | undefined;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutSeconds: number | undefined;
  /** The watch is closed (a normal end for the client) once this many bytes wait unsent. */
  bufferBytes: number;
  table: { now: () => number; includeObject: IncludeObject } | undefined;
  /**
   * Metadata-only watches: every object is sent as meta.k8s.io PartialObjectMetadata. With
   * `asList` (the client asked for PartialObjectMetadataList, which no single object converts
   * to) the real server fails to encode the first event and ends the stream: so does this one.
   */
  metadataOnly?: { version: string; asList: boolean };
  onEnd: (s: WatchSession) => void;
  /** Called when the session is closed because its buffer filled (a slow watcher). */
  onOverflow: (s: WatchSession) => void;
}

/** HEARTBEAT_BEFORE_TIMEOUT_MS: the cacher's last bookmark comes 2 s before the watch's deadline. */
const HEARTBEAT_BEFORE_TIMEOUT_MS = 2000;

/**
 * WatchSession streams one watch until the client leaves, a timeout, a full buffer or a fault
 * ends it. BOOKMARKs carry the cache's resourceVersion and are sent only when it has moved past
 * the last version this watcher was sent (never below its starting version).
 */
export class WatchSession {
  readonly kind: ResourceKind;
  readonly user: string;
  private readonly opts: WatchSessionOptions;
  private readonly apiVersion: string;
  private unsubscribe: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  private ended = false;
  private stalled = false;
  private sentTableHeader = false;
  private startRv = 0;
  /** The newest version this watcher was sent (event or bookmark); bookmarks must exceed it. */
  private sentRv = 0;
  /** Sending the initial state or replay: never closed as slow meanwhile. */
  private initializing = true;
  /** Unsent bytes of the initial state when it was queued (the slow-watcher allowance starts above). */
  private backlogBytes = 0;

  constructor(opts: WatchSessionOptions) {
    this.opts = opts;
    this.kind = opts.kind;
    this.user = opts.user;
    this.apiVersion = apiVersionOf(opts.kind);
    opts.res.on('close', () => this.finish());
  }

  get resource(): string {
    return this.kind.plural;
  }

  /** start sends the head, the backlog for `from`, then follows live changes. */
  start(from: WatchStart): void {
    const { res, cache } = this.opts;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    if (from.mode === 'since' && cache.isTooOld(from.rv)) {
      this.expire(tooOldMessage(from.rv, cache.oldestRv));
      return;
    }
    if (from.mode === 'since') {
      this.startRv = from.rv;
      this.sentRv = from.rv;
      for (const c of cache.changesSince(from.rv)) this.onChange(c);
    } else {
      this.startRv = cache.rv;
      this.sentRv = cache.rv;
      for (const o of cache.storage.scan(new Map(), this.opts.prefix)) {
        if (!this.opts.predicate || this.opts.predicate(o)) this.sendObject('ADDED', o);
      }
      if (from.mode === 'initialEvents' && this.opts.allowBookmarks) this.bookmark(this.startRv, true);
    }
    if (this.ended) return;
    // The cacher sends a watch's initial events (or replay) blocking on the client, never
    // closing it as slow; only what queues up afterwards counts against the buffer.
    this.backlogBytes = res.writableLength;
    this.initializing = false;
    this.unsubscribe = cache.subscribe((c) => this.onChange(c));
    if (this.opts.allowBookmarks) {
      this.timers.push(setInterval(() => this.progressBookmark(), this.opts.bookmarkIntervalMs));
    }
    const timeout = this.opts.timeoutSeconds;
    if (timeout !== undefined && timeout > 0) {
      const ms = timeout * 1000;
      if (this.opts.allowBookmarks && ms > HEARTBEAT_BEFORE_TIMEOUT_MS) {
        this.timers.push(setTimeout(() => this.progressBookmark(), ms - HEARTBEAT_BEFORE_TIMEOUT_MS));
      }
      this.timers.push(setTimeout(() => this.close(), ms));
    }
  }

  /** fail sends an ERROR event carrying `status` on a started stream, then closes it. */
  fail(status: Status): void {
    if (this.ended) return;
    this.stalled = false;
    this.write(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    this.close();
  }

  /** progressBookmark sends a BOOKMARK at the cache's version if it moved past this watcher's. */
  private progressBookmark(): void {
    const rv = this.opts.cache.rv;
    if (rv > this.sentRv) this.bookmark(rv, false);
  }

  private onChange(c: Change): void {
    if (c.rv <= this.startRv || !c.key.startsWith(this.opts.prefix)) return;
    const pred = this.opts.predicate;
    if (!pred) {
      this.sendObject(c.type, c.object);
      return;
    }
    const prevPasses = c.prev !== undefined && pred(c.prev);
    if (c.type === 'DELETED') {
      if (prevPasses) this.sendObject('DELETED', c.object);
      return;
    }
    const curPasses = pred(c.object);
    if (curPasses) this.sendObject(prevPasses ? 'MODIFIED' : 'ADDED', c.object);
    else if (prevPasses) this.sendObject('DELETED', c.prev!.withResourceVersion(c.rv));
  }

  private sendObject(type: string, o: StoredObject): void {
    if (o.rv > this.sentRv) this.sentRv = o.rv;
    const partial = this.opts.metadataOnly;
    if (partial?.asList) {
      this.close();
      return;
    }
    if (partial) {
      const object = JSON.stringify(partialOf(o.view(this.apiVersion), partial.version));
      this.write(`{"type":"${type}","object":${object}}\n`);
    } else if (this.opts.table) {
      const t = tableOf(this.kind, [o.obj], {
        now: this.opts.table.now(),
        includeObject: this.opts.table.includeObject,
        noHeaders: this.sentTableHeader,
        served: () => o.view(this.apiVersion),
      });
      this.sentTableHeader = true;
      this.write(`{"type":"${type}","object":${JSON.stringify(t)}}\n`);
    } else {
      this.write(`{"type":"${type}","object":${o.json(this.apiVersion)}}\n`);
    }
  }

  private bookmark(rv: number, initialEventsEnd: boolean): void {
    this.sentRv = Math.max(this.sentRv, rv);
    const metadata: Record<string, unknown> = {
      resourceVersion: String(rv),
      creationTimestamp: null,
    };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    const partial = this.opts.metadataOnly;
    if (partial?.asList) {
      this.close();
      return;
    }
    const object = partial
      ? partialOf({ metadata }, partial.version)
      : { kind: this.kind.kind, apiVersion: this.apiVersion, metadata };
    this.write(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
  }

  private write(line: string): void {
    if (this.ended || this.stalled) return;
    const res = this.opts.res;
    res.write(line);
    if (!this.initializing && res.writableLength > this.opts.bufferBytes + this.backlogBytes) this.overflow();
  }

  /**
   * overflow closes a watcher that cannot keep up, as the cacher does when a watcher's buffer
   * stays full: the stream ends normally (what was already written is still delivered) and the
   * client re-watches from the last version it saw.
   */
  overflow(): void {
    if (this.ended) return;
    this.opts.onOverflow(this);
    this.close();
  }

  private stopFollowing(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private finish(): void {
    if (this.ended) return;
    this.stopFollowing();
    this.ended = true;
    this.opts.onEnd(this);
  }

  /** close ends the stream cleanly (terminating chunk), as the server's timeout does. */
  close(): void {
    if (this.ended) return;
    this.stopFollowing();
    this.opts.res.end();
    this.finish();
  }

  /** drop destroys the connection abruptly. */
  drop(): void {
    if (this.ended) return;
    this.stopFollowing();
    this.opts.res.socket?.destroy();
    this.opts.res.destroy();
    this.finish();
  }

  /** stall stops all output, forever; the socket stays open until the client or stop() closes it. */
  stall(): void {
    this.stopFollowing();
    this.stalled = true;
  }

  /** expire sends an ERROR event with a 410 Expired Status, then closes. */
  expire(message = tooOldMessage(this.startRv, this.opts.cache.oldestRv)): void {
    this.fail(statusOf(410, 'Expired', message));
  }
}
