/**
 * watch: one open watch stream. Writes newline-delimited JSON watch events to a chunked
 * `application/json` response: replayed history or synthetic ADDEDs first, then live changes
 * in resourceVersion order, periodic BOOKMARKs when allowed, and a clean end at timeoutSeconds.
 * Filtered watches turn updates that start (stop) matching into ADDED (DELETED), as the
 * real watch cache does. Faults act on sessions through drop/close/stall/expire.
 */
import type { ServerResponse } from 'node:http';
import type { ResourceKind } from '../../src/core/kinds';
import { apiVersionOf } from '../../src/core/kinds';
import type { Change, Storage } from './storage';
import type { StoredObject } from './storedObject';
import { statusOf, tooOldMessage } from './status';
import { tableOf, type IncludeObject } from './table';

/** Predicate tests a stored object against a watch's selectors. */
export type Predicate = (o: StoredObject) => boolean;

/** WatchStart says where a stream begins. */
export type WatchStart =
  | { mode: 'current' } // synthetic ADDED for the current state, then live
  | { mode: 'since'; rv: number } // every change after rv, then live
  | { mode: 'initialEvents'; rv: number }; // WatchList: current state, end-bookmark, then live

/** WatchSessionOptions configure a session; `onEnd` is called once when it ends for any reason. */
export interface WatchSessionOptions {
  res: ServerResponse;
  kind: ResourceKind;
  storage: Storage;
  currentRv: () => number;
  user: string;
  prefix: string;
  predicate: Predicate | undefined;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutSeconds: number | undefined;
  table: { now: () => number; includeObject: IncludeObject } | undefined;
  onEnd: (s: WatchSession) => void;
}

/** WatchSession streams one watch until the client leaves, a timeout, or a fault ends it. */
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
    const { res, storage } = this.opts;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    if (from.mode === 'since' && storage.isExpired(from.rv)) {
      this.expire(tooOldMessage(from.rv, storage.compactedRv));
      return;
    }
    if (from.mode === 'since') {
      this.startRv = from.rv;
      for (const c of storage.changesSince(from.rv)) this.onChange(c);
    } else {
      this.startRv = this.opts.currentRv();
      for (const o of storage.scan(new Map(), this.opts.prefix)) {
        if (!this.opts.predicate || this.opts.predicate(o)) this.sendObject('ADDED', o);
      }
      if (from.mode === 'initialEvents') this.bookmark(true);
    }
    this.unsubscribe = storage.subscribe((c) => this.onChange(c));
    if (this.opts.allowBookmarks) {
      this.timers.push(setInterval(() => this.bookmark(false), this.opts.bookmarkIntervalMs));
    }
    if (this.opts.timeoutSeconds !== undefined && this.opts.timeoutSeconds > 0) {
      this.timers.push(setTimeout(() => this.close(), this.opts.timeoutSeconds * 1000));
    }
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
    if (this.opts.table) {
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

  private bookmark(initialEventsEnd: boolean): void {
    const metadata: Record<string, unknown> = {
      resourceVersion: String(this.opts.currentRv()),
      creationTimestamp: null,
    };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    const object = { kind: this.kind.kind, apiVersion: this.apiVersion, metadata };
    this.write(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
  }

  private write(line: string): void {
    if (this.ended || this.stalled) return;
    this.opts.res.write(line);
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
  expire(message = tooOldMessage(this.startRv, this.opts.storage.compactedRv)): void {
    if (this.ended) return;
    this.stalled = false;
    this.write(`{"type":"ERROR","object":${JSON.stringify(statusOf(410, 'Expired', message))}}\n`);
    this.close();
  }
}
