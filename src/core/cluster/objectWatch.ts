/**
 * objectWatch: one object of a lazy kind kept current without the kind's informer, for a describe
 * document (or a Reveal) opened while nothing else needs the kind: GET the object, then WATCH the
 * kind in the object's scope with `fieldSelector=metadata.name=<name>` from the object's
 * resourceVersion, as `kubectl get -w <kind> <name>` does. The GET and the watch run under the
 * engine's Informer, so the Reflector's rules hold unchanged: 410 Gone re-GETs, bookmarks advance
 * the resourceVersion, failures back off (bounded), a silent watch is re-opened, 403 is
 * `forbidden`. Pure logic: the source's GET and ListerWatcher are injected.
 */
import { ApiError } from '../cache/errors';
import type { InformerOptions, ResourceEventHandler } from '../cache/informer';
import type { ReadonlyIndexer } from '../cache/store';
import type {
  KubeObject,
  ListOptions,
  ListPage,
  ListerWatcher,
  WatchEvent,
  WatchOptions,
} from '../cache/types';
import { kindId, type ResourceKind } from '../kinds';
import { DisposableStore, type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { defaultInformerFactory, type InformerFactory, type SessionInformer } from './sessionInformer';
import { rollUpInformers, sameJson, type KindStatus } from './status';

/**
 * ObjectSource is what an ObjectWatch needs of the API, for one object.
 * - `get` GETs the object; it rejects with an ApiError (404 when there is none), and must stop
 *   promptly, releasing its socket, when `signal` aborts. Its read is bounded by the source.
 * - `selected` is the kind's ListerWatcher in the object's scope (its namespace, or the cluster
 *   for a cluster-scoped kind) with `fieldSelector=metadata.name=<name>`.
 */
export interface ObjectSource {
  get(signal: AbortSignal): Promise<KubeObject>;
  readonly selected: ListerWatcher;
}

/** ObjectRef names one object: namespace undefined for a cluster-scoped kind. */
export interface ObjectName {
  readonly namespace: string | undefined;
  readonly name: string;
}

/** fieldSelectorFor is the watch's selector: `metadata.name=<name>` (`,` `=` `\` escaped). */
export function fieldSelectorFor(name: string): string {
  return `metadata.name=${name.replace(/[\\,=]/g, (c) => `\\${c}`)}`;
}

/**
 * objectListerWatcher turns an ObjectSource into the ListerWatcher an Informer runs:
 * - `list` is the GET (one item, at the object's resourceVersion). A 404, or an object without a
 *   resourceVersion, falls back to the selected LIST, whose resourceVersion the watch can start
 *   from (the object may be created later).
 * - `watch` is the selected watch.
 * Objects not named `ref` (a server that ignored the selector) are dropped from both.
 */
export function objectListerWatcher(ref: ObjectName, source: ObjectSource): ListerWatcher {
  const mine = (o: KubeObject) =>
    o.metadata?.name === ref.name && (ref.namespace === undefined || o.metadata.namespace === ref.namespace);
  return {
    async list(options: ListOptions, signal: AbortSignal): Promise<ListPage> {
      try {
        const obj = await source.get(signal);
        const rv = obj.metadata?.resourceVersion;
        if (mine(obj) && typeof rv === 'string' && rv !== '') return { items: [obj], resourceVersion: rv };
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 404) throw err;
      }
      const page = await source.selected.list({ ...options, continue: undefined }, signal);
      // One object at most: never more pages to ask for.
      return { items: page.items.filter(mine).slice(0, 1), resourceVersion: page.resourceVersion };
    },
    async *watch(options: WatchOptions, signal: AbortSignal): AsyncIterable<WatchEvent> {
      for await (const e of source.selected.watch(options, signal)) {
        if (e.type === 'ERROR' || e.type === 'BOOKMARK' || mine(e.object)) yield e;
      }
    },
  };
}

export interface ObjectWatchOptions {
  contextName: string;
  kind: ResourceKind;
  ref: ObjectName;
  source: ObjectSource;
  /** Default: the engine's Informer. */
  informerFactory?: InformerFactory;
  /** The kind's informer options (clock, transform, indexers, backoff...). */
  informerOptions?: Omit<InformerOptions<KubeObject>, 'name' | 'listerWatcher'>;
}

/**
 * ObjectWatch keeps one object cached. Its `store` holds that object alone (or nothing: not
 * found, deleted, or not synced yet); `status` is a KindStatus (`objectCount` 0 or 1) so views
 * treat it as they treat a kind's. `stop()` is final: the GET or watch in flight is aborted, no
 * handler call or status change follows. It fits LazyWatch.
 */
export class ObjectWatch implements Disposable {
  readonly kind: ResourceKind;
  readonly ref: ObjectName;
  private readonly informer: SessionInformer<KubeObject>;
  private readonly statusEmitter = new Emitter<KindStatus>();
  private readonly subscriptions = new DisposableStore();
  private current: KindStatus = { phase: 'idle' };
  private stopped = false;

  constructor(options: ObjectWatchOptions) {
    this.kind = options.kind;
    this.ref = options.ref;
    const where = options.ref.namespace ? `${options.ref.namespace}/` : '';
    this.informer = (options.informerFactory ?? defaultInformerFactory)({
      ...options.informerOptions,
      name: `${options.contextName} · ${kindId(options.kind)} ${where}${options.ref.name}`,
      listerWatcher: objectListerWatcher(options.ref, options.source),
      // One object: no page size to speak of, and watch-list would stream the same one object.
      pageSize: 1,
      useWatchList: false,
    });
    this.subscriptions.add(this.informer.onDidChangeStatus(() => this.updateStatus()));
  }

  get store(): ReadonlyIndexer<KubeObject> {
    return this.informer.store;
  }

  /** object is the cached object, if any. MUST NOT be mutated. */
  get object(): KubeObject | undefined {
    return this.informer.store.list()[0];
  }

  get status(): KindStatus {
    return this.current;
  }

  get onDidChangeStatus(): Event<KindStatus> {
    return this.statusEmitter.event;
  }

  /** addEventHandler: the informer's (replay first, then changes). */
  addEventHandler(handler: ResourceEventHandler<KubeObject>): Disposable {
    return this.informer.addEventHandler(handler);
  }

  /** start GETs, then watches. Idempotent; a no-op after stop. */
  start(): void {
    if (this.stopped) return;
    this.informer.start();
    this.updateStatus();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.subscriptions.dispose();
    this.informer.stop();
    this.current = { phase: 'stopped' };
    this.statusEmitter.fire(this.current);
    this.statusEmitter.dispose();
  }

  dispose(): void {
    this.stop();
  }

  private updateStatus(): void {
    if (this.stopped) return;
    const next = rollUpInformers([this.informer.status], undefined, '');
    if (sameJson(next, this.current)) return;
    this.current = next;
    this.statusEmitter.fire(next);
  }
}
