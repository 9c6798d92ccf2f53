/**
 * kindWatch: keeps one kind of one context cached, in the scope asked for (KindScope): every
 * namespace (the eager kinds; a lazy kind someone needs cluster-wide), or only some namespaces
 * (a lazy kind opened under one namespace: one informer per namespace, nothing else listed).
 * Cluster-wide, it starts one cluster-wide informer; when that LIST is forbidden (403) and the
 * kind is namespaced, it falls back to one informer per namespace the user may list, so that
 * namespace-restricted RBAC shows what is allowed instead of nothing. RBAC can change: while
 * fallen back it asks again every few minutes (access reviews, no LIST) and takes in namespaces
 * allowed since, or goes back to one cluster-wide informer once that is allowed.
 */
import type { InformerOptions, ResourceEventHandler } from '../cache/informer';
import { errorMessage } from '../cache/errors';
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject, ListerWatcher } from '../cache/types';
import { kindId, type ResourceKind } from '../kinds';
import { realClock, type Clock, type TimerHandle } from '../util/clock';
import { DisposableStore, type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { nullLogger, type Logger } from '../util/logger';
import { HandlerFan } from './handlerFan';
import { ALL_NAMESPACES, MergedStore } from './mergedStore';
import type { InformerFactory, SessionInformer } from './sessionInformer';
import { rollUpInformers, sameJson, type KindStatus } from './status';

/** AccessReviewer answers "may the user list and watch `kind` in `namespace`?" */
export interface AccessReviewer {
  canList(kind: ResourceKind, namespace: string): Promise<boolean>;
}

/**
 * NamespaceSource lists the cluster's namespaces when they are known (the cluster-wide Namespace
 * informer is synced), else undefined; `onDidChange` fires when the answer may have changed.
 */
export interface NamespaceSource {
  names(): readonly string[] | undefined;
  readonly onDidChange: Event<void>;
}

export interface KindWatchOptions {
  contextName: string;
  kind: ResourceKind;
  listerWatcherFactory: (kind: ResourceKind, namespace?: string) => ListerWatcher;
  informerFactory: InformerFactory;
  /** Extra informer options (clock, logger, indexers, transform...), applied to every informer. */
  informerOptions?: Omit<InformerOptions<KubeObject>, 'name' | 'listerWatcher'>;
  accessReviewer: AccessReviewer;
  /** Runs access reviews with bounded concurrency. Default: unbounded. */
  limit?: <R>(task: () => Promise<R>) => Promise<R>;
  /**
   * While fallen back, how often access is asked again (default 5 minutes): cluster-wide first,
   * then the namespaces denied so far.
   */
  recheckMs?: number;
  /** The allow-list: when set and non-empty, the only namespaces tried after a 403. */
  namespaces?: readonly string[];
  /** The context's namespace (default `default`): always tried after a 403 without an allow-list. */
  defaultNamespace?: string;
  namespaceSource?: NamespaceSource;
  logger?: Logger;
}

interface Part {
  informer: SessionInformer<KubeObject>;
  subscriptions: DisposableStore;
}

/**
 * KindScope is what a KindWatch covers: every namespace (`clusterWide`), plus, or else only, the
 * listed namespaces. Cluster-wide, the listed namespaces ride on the cluster-wide informer (they
 * get informers of their own only when the cluster-wide LIST is forbidden). A cluster-scoped
 * kind is always cluster-wide.
 */
export interface KindScope {
  readonly clusterWide: boolean;
  readonly namespaces: readonly string[];
}

/** CLUSTER_WIDE is the scope of an eager kind (and the default). */
export const CLUSTER_WIDE: KindScope = { clusterWide: true, namespaces: [] };

/** DEFAULT_RECHECK_MS: how often a fallen-back kind asks again whether RBAC allows more. */
export const DEFAULT_RECHECK_MS = 5 * 60_000;

/**
 * CARRY_MAX_MS bounds how long the cluster-wide cache, stopped after its WATCH was forbidden,
 * stays served while the per-namespace informers sync: after it the switch happens anyway.
 */
export const CARRY_MAX_MS = 30_000;

/**
 * Carry is the cluster-wide cache served while the per-namespace informers sync: stopped (its
 * WATCH was forbidden), or still running (`live`: the scope narrowed to some namespaces, and its
 * events keep flowing until the switch).
 */
interface Carry {
  store: ReadonlyIndexer<KubeObject>;
  timer: TimerHandle;
  live?: Part;
}

/**
 * KindWatch owns the informer(s) of one kind. Handlers added with addEventHandler see one
 * stream across the switch to per-namespace informers; a namespace dropped later (deleted, or
 * forbidden after it had synced) delivers onDelete for its cached objects. `stop()` is final.
 */
export class KindWatch implements Disposable {
  readonly kind: ResourceKind;
  readonly store = new MergedStore<KubeObject>();
  private readonly o: KindWatchOptions;
  private readonly logger: Logger;
  private readonly parts = new Map<string, Part>();
  private readonly forbidden = new Map<string, string>();
  private readonly reviewed = new Set<string>();
  private readonly fan: HandlerFan;
  private readonly statusEmitter = new Emitter<KindStatus>();
  private readonly subscriptions = new DisposableStore();
  /** What only lives while fallen back (the namespace source subscription). */
  private readonly fallbackSubscriptions = new DisposableStore();
  private readonly clock: Clock;
  private recheckTimer: TimerHandle | undefined;
  /** A cluster-wide informer syncing quietly before it replaces the per-namespace ones. */
  private staged: Part | undefined;
  /**
   * `cluster`: one cluster-wide informer; `namespaces`: cluster-wide wanted but forbidden, one
   * informer per allowed namespace; `scoped`: one informer per namespace of the scope.
   */
  private mode: 'idle' | 'cluster' | 'namespaces' | 'scoped' | 'stopped' = 'idle';
  private scope: KindScope = CLUSTER_WIDE;
  /** The per-namespace phases last announced (a namespace's sync is news to its readers). */
  private partsKey = '';
  private clusterForbiddenError = '';
  private current: KindStatus = { phase: 'idle' };
  /**
   * Set while falling back from a cluster-wide cache that had synced (its WATCH forbidden, its
   * LIST allowed): readers keep seeing that cache and handlers hear nothing from the namespace
   * informers until they have synced (or CARRY_MAX_MS passed); then the store switches and
   * handlers get only the difference, not a delete and an add of every object.
   */
  private carry: Carry | undefined;

  constructor(options: KindWatchOptions) {
    this.o = options;
    this.kind = options.kind;
    this.logger = options.logger ?? nullLogger;
    this.clock = options.informerOptions?.clock ?? realClock;
    this.fan = new HandlerFan(this.label, this.logger);
  }

  get status(): KindStatus {
    return this.current;
  }

  get onDidChangeStatus(): Event<KindStatus> {
    return this.statusEmitter.event;
  }

  /**
   * namespaces lists the namespaces watched one by one (after a fallback, or scoped); undefined
   * while cluster-wide.
   */
  get namespaces(): readonly string[] | undefined {
    return this.mode === 'namespaces' || this.mode === 'scoped' ? [...this.parts.keys()].sort() : undefined;
  }

  /**
   * start begins with the scope set so far (default cluster-wide): one cluster-wide informer, or
   * one per namespace of the scope. Idempotent; no-op after stop.
   */
  start(): void {
    if (this.mode !== 'idle') return;
    if (this.scope.clusterWide) {
      this.mode = 'cluster';
      this.addPart(ALL_NAMESPACES);
      return;
    }
    this.mode = 'scoped';
    for (const ns of this.scope.namespaces) this.addPart(ns);
    this.updateStatus();
  }

  /**
   * setScope changes what the watch covers; before start it only sets the starting scope.
   * Handlers never see the kind emptied and refilled across a change:
   * - widening to cluster-wide syncs a cluster-wide informer quietly while the namespaces keep
   *   serving, then swaps it in and announces only the difference (no duplicate watch after);
   * - narrowing from cluster-wide keeps the cluster-wide informer running and serving until the
   *   namespaces' informers have synced (at most CARRY_MAX_MS), then announces only the
   *   difference (the other namespaces' objects deleted);
   * - a namespace leaving the scope has its objects deleted.
   */
  setScope(scope: KindScope): void {
    const namespaces = [...new Set(scope.namespaces)].filter((n) => n !== ALL_NAMESPACES).sort();
    this.scope = { clusterWide: scope.clusterWide || !this.kind.namespaced, namespaces };
    if (this.mode === 'idle' || this.mode === 'stopped') return;
    if (this.scope.clusterWide) this.widen();
    else this.narrow();
    this.updateStatus();
  }

  /**
   * statusOf is the status of one namespace's scope (`namespace` undefined: of the cluster-wide
   * scope): the namespace's own informer when it has one, else the cluster-wide one (`connecting`
   * while a cluster-wide informer syncs before replacing per-namespace ones).
   */
  statusOf(namespace?: string): KindStatus {
    const wide: KindStatus =
      this.mode === 'scoped' && this.scope.clusterWide ? { phase: 'connecting' } : this.current;
    if (namespace === undefined || !this.kind.namespaced || this.carry?.live) return wide;
    if (this.mode === 'scoped' || this.mode === 'namespaces') {
      const part = this.parts.get(namespace);
      if (part) return rollUpInformers([part.informer.status], undefined, '');
      const error = this.forbidden.get(namespace);
      if (error !== undefined) return { phase: 'forbidden', error };
    }
    return wide;
  }

  /**
   * addEventHandler registers `handler`: onAdd(obj, true) for every cached object first
   * (synchronously), then every change of every informer of this kind.
   */
  addEventHandler(handler: ResourceEventHandler<KubeObject>): Disposable {
    if (this.mode === 'stopped') return { dispose() {} };
    return this.fan.add(handler, this.store.list());
  }

  stop(): void {
    if (this.mode === 'stopped') return;
    this.mode = 'stopped';
    this.subscriptions.dispose();
    this.fallbackSubscriptions.dispose();
    this.dropStaged();
    if (this.recheckTimer !== undefined) this.clock.clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    this.endCarry(true);
    for (const ns of [...this.parts.keys()]) this.removePart(ns, false);
    this.fan.clear();
    this.updateStatus();
    this.statusEmitter.dispose();
  }

  dispose(): void {
    this.stop();
  }

  private get label(): string {
    return `${this.o.contextName} · ${kindId(this.kind)}`;
  }

  private addPart(namespace: string): void {
    if (this.parts.has(namespace) || this.mode === 'stopped') return;
    const scope = namespace === ALL_NAMESPACES ? undefined : namespace;
    const informer = this.o.informerFactory({
      ...this.o.informerOptions,
      name: scope ? `${this.label} (${scope})` : this.label,
      listerWatcher: this.o.listerWatcherFactory(this.kind, scope),
    });
    const subscriptions = new DisposableStore();
    const part: Part = { informer, subscriptions };
    this.parts.set(namespace, part);
    if (!this.carry) this.store.setPart(namespace, informer.store);
    // While a carry serves readers, only the carried (live) informer speaks to handlers.
    subscriptions.add(
      informer.addEventHandler(this.fan.relay(() => this.carry === undefined || this.carry.live === part)),
    );
    subscriptions.add(informer.onDidChangeStatus(() => this.onPartStatus(namespace, part)));
    informer.start();
    this.onPartStatus(namespace, part);
  }

  /** removePart stops a part's informer; with `notify`, handlers see its objects deleted. */
  private removePart(namespace: string, notify: boolean): void {
    const part = this.parts.get(namespace);
    if (!part) return;
    const leftovers = notify && !this.carry ? part.informer.store.list() : [];
    this.parts.delete(namespace);
    if (!this.carry) this.store.deletePart(namespace);
    part.subscriptions.dispose();
    part.informer.stop();
    const relay = this.fan.relay();
    for (const obj of leftovers) relay.onDelete?.(obj);
  }

  private onPartStatus(namespace: string, part: Part): void {
    if (this.parts.get(namespace) !== part) {
      if (this.carry?.live === part) this.updateStatus();
      return;
    }
    const s = part.informer.status;
    if (s.phase === 'forbidden') {
      if (namespace === ALL_NAMESPACES && this.kind.namespaced) {
        this.clusterForbiddenError = s.error;
        const verb = s.during === 'watch' ? 'watch' : 'list';
        this.logger.info(`${this.label}: cluster-wide ${verb} forbidden; trying allowed namespaces`);
        if (s.during === 'watch' && part.informer.store.size > 0) this.carryOver(part);
        else this.removePart(namespace, true);
        this.fallBack();
      } else if (namespace !== ALL_NAMESPACES) {
        this.logger.info(`${this.label}: namespace ${namespace} forbidden`);
        this.forbidden.set(namespace, s.error);
        this.removePart(namespace, true);
      }
    }
    if (this.carry && [...this.parts.values()].every((p) => p.informer.status.phase === 'synced')) {
      this.settleCarry();
    }
    this.updateStatus();
  }

  /**
   * carryOver stops the cluster-wide informer but keeps its cache as the store's cluster-wide
   * part (a stopped informer keeps its store) until settleCarry.
   */
  private carryOver(part: Part): void {
    this.parts.delete(ALL_NAMESPACES);
    part.subscriptions.dispose();
    part.informer.stop();
    this.carry = {
      store: part.informer.store,
      timer: this.clock.setTimeout(() => {
        this.settleCarry();
        this.updateStatus();
      }, CARRY_MAX_MS),
    };
  }

  /** settleCarry switches the store to the namespace informers and announces the difference. */
  private settleCarry(): void {
    const carry = this.carry;
    if (!carry) return;
    const before = carry.store.list();
    this.endCarry(true);
    this.store.deletePart(ALL_NAMESPACES);
    for (const [ns, part] of this.parts) this.store.setPart(ns, part.informer.store);
    this.fan.announceDiff(before, this.store.list());
  }

  /** endCarry forgets the carry; `stopLive` stops its informer if it still runs. */
  private endCarry(stopLive: boolean): void {
    const carry = this.carry;
    this.carry = undefined;
    if (!carry) return;
    this.clock.clearTimeout(carry.timer);
    if (stopLive && carry.live) {
      carry.live.subscriptions.dispose();
      carry.live.informer.stop();
    }
  }

  /** widen makes the watch cover every namespace (see setScope). */
  private widen(): void {
    if (this.mode === 'cluster') return;
    if (this.mode === 'namespaces') {
      // Fallen back: the scope's namespaces get informers of their own, as allowed ones do.
      for (const ns of this.scope.namespaces) if (!this.forbidden.has(ns)) this.addPart(ns);
      return;
    }
    const live = this.carry?.live;
    if (live) {
      // Narrowing had not finished: the cluster-wide informer still runs and serves; keep it.
      this.endCarry(false);
      for (const ns of [...this.parts.keys()]) this.removePart(ns, false);
      this.forbidden.clear();
      this.mode = 'cluster';
      this.parts.set(ALL_NAMESPACES, live);
      return;
    }
    if (!this.staged) this.stage();
  }

  /** narrow makes the watch cover the scope's namespaces only (see setScope). */
  private narrow(): void {
    this.dropStaged();
    if (this.mode === 'cluster') {
      const part = this.parts.get(ALL_NAMESPACES);
      this.parts.delete(ALL_NAMESPACES);
      if (part) {
        this.carry = {
          store: part.informer.store,
          live: part,
          timer: this.clock.setTimeout(() => {
            this.settleCarry();
            this.updateStatus();
          }, CARRY_MAX_MS),
        };
      }
    } else if (this.mode === 'namespaces') {
      this.fallbackSubscriptions.clear();
      if (this.recheckTimer !== undefined) this.clock.clearTimeout(this.recheckTimer);
      this.recheckTimer = undefined;
      this.reviewed.clear();
      this.clusterForbiddenError = '';
    }
    this.mode = 'scoped';
    const wanted = new Set(this.scope.namespaces);
    for (const ns of [...this.parts.keys()]) if (!wanted.has(ns)) this.removePart(ns, true);
    for (const ns of [...this.forbidden.keys()]) if (!wanted.has(ns)) this.forbidden.delete(ns);
    for (const ns of wanted) if (!this.forbidden.has(ns)) this.addPart(ns);
    if (this.carry && [...this.parts.values()].every((p) => p.informer.status.phase === 'synced')) {
      this.settleCarry();
    }
  }

  private fallBack(): void {
    this.mode = 'namespaces';
    this.scheduleRecheck();
    for (const ns of this.scope.namespaces) if (!this.forbidden.has(ns)) this.addPart(ns);
    const allowList = this.allowList();
    if (allowList.length > 0) {
      for (const ns of allowList) this.addPart(ns);
      return;
    }
    this.addPart(this.home());
    const source = this.o.namespaceSource;
    if (source) {
      this.fallbackSubscriptions.add(source.onDidChange(() => this.discover()));
      this.discover();
    }
  }

  private allowList(): string[] {
    return (this.o.namespaces ?? []).filter((n) => n !== '');
  }

  private home(): string {
    return this.o.defaultNamespace || 'default';
  }

  private review(namespace: string): Promise<boolean> {
    const limit = this.o.limit ?? ((task) => task());
    return limit(() => this.o.accessReviewer.canList(this.kind, namespace));
  }

  private scheduleRecheck(): void {
    if (this.mode !== 'namespaces' || this.recheckTimer !== undefined) return;
    this.recheckTimer = this.clock.setTimeout(() => {
      this.recheckTimer = undefined;
      void this.recheck();
    }, this.o.recheckMs ?? DEFAULT_RECHECK_MS);
  }

  /**
   * recheck asks whether the user may now list the kind cluster-wide; if so a cluster-wide
   * informer syncs in the background and then replaces the per-namespace ones. Otherwise the
   * namespaces denied so far are reviewed again (joining if now allowed). Then it schedules
   * itself again while still fallen back.
   */
  private async recheck(): Promise<void> {
    if (this.mode !== 'namespaces' || this.staged) return;
    let wide = false;
    try {
      wide = await this.review(ALL_NAMESPACES);
    } catch (err) {
      this.logger.debug(`${this.label}: cluster-wide access review failed: ${errorMessage(err)}`);
    }
    if (this.mode !== 'namespaces' || this.staged) return;
    if (wide) {
      this.logger.info(`${this.label}: cluster-wide list allowed now; syncing it before switching`);
      this.stage();
      return;
    }
    const candidates =
      this.allowList().length > 0
        ? this.allowList()
        : [this.home(), ...(this.o.namespaceSource?.names() ?? [])];
    this.reviewed.clear();
    for (const ns of new Set(candidates)) {
      if (this.parts.has(ns)) continue;
      this.reviewed.add(ns);
      this.review(ns).then(
        (allowed) => {
          if (!allowed || this.mode !== 'namespaces' || this.parts.has(ns)) return;
          this.logger.info(`${this.label}: namespace ${ns} allowed now`);
          this.forbidden.delete(ns);
          this.addPart(ns);
          this.updateStatus();
        },
        (err) => this.logger.debug(`${this.label}: access review for ${ns} failed: ${errorMessage(err)}`),
      );
    }
    this.scheduleRecheck();
  }

  /** stage starts the cluster-wide informer whose events stay quiet until promote(). */
  private stage(): void {
    const informer = this.o.informerFactory({
      ...this.o.informerOptions,
      name: this.label,
      listerWatcher: this.o.listerWatcherFactory(this.kind, undefined),
    });
    const part: Part = { informer, subscriptions: new DisposableStore() };
    this.staged = part;
    const live = this.fan.relay();
    part.subscriptions.add(
      informer.addEventHandler({
        onAdd: (obj, initial) => this.staged !== part && live.onAdd?.(obj, initial),
        onUpdate: (oldObj, newObj) => this.staged !== part && live.onUpdate?.(oldObj, newObj),
        onDelete: (obj) => this.staged !== part && live.onDelete?.(obj),
      }),
    );
    part.subscriptions.add(informer.onDidChangeStatus(() => this.onStagedStatus(part)));
    informer.start();
    this.onStagedStatus(part);
  }

  private onStagedStatus(part: Part): void {
    if (this.staged !== part) return;
    const phase = part.informer.status.phase;
    const s = part.informer.status;
    if (phase === 'synced') this.promote(part);
    else if (s.phase === 'forbidden' || s.phase === 'unauthorized') {
      this.logger.info(`${this.label}: cluster-wide list still ${phase}; keeping the namespaces`);
      this.dropStaged();
      if (this.mode === 'scoped') {
        // Widening from a scope: the scope's namespaces stay, allowed ones join (as after a 403).
        this.clusterForbiddenError = s.error;
        this.fallBack();
        this.updateStatus();
      } else this.scheduleRecheck();
    }
  }

  private dropStaged(): void {
    const part = this.staged;
    this.staged = undefined;
    if (!part) return;
    part.subscriptions.dispose();
    part.informer.stop();
  }

  /**
   * promote swaps the synced cluster-wide informer in for the per-namespace ones. Handlers see
   * only the difference: objects new to them are added, changed ones updated, ones no longer
   * there deleted; an object both caches hold at the same resourceVersion causes no call.
   */
  private promote(part: Part): void {
    this.staged = undefined;
    this.endCarry(true);
    const before = this.store.list();
    for (const ns of [...this.parts.keys()]) this.removePart(ns, false);
    this.fallbackSubscriptions.clear();
    this.forbidden.clear();
    this.reviewed.clear();
    this.clusterForbiddenError = '';
    this.mode = 'cluster';
    this.parts.set(ALL_NAMESPACES, part);
    this.store.setPart(ALL_NAMESPACES, part.informer.store);
    part.subscriptions.add(part.informer.onDidChangeStatus(() => this.onPartStatus(ALL_NAMESPACES, part)));
    this.fan.announceDiff(before, part.informer.store.list());
    this.logger.info(`${this.label}: watching cluster-wide again`);
    this.updateStatus();
  }

  /** discover reviews namespaces not seen before and watches those the user may list. */
  private discover(): void {
    const names = this.o.namespaceSource?.names();
    if (!names || this.mode !== 'namespaces') return;
    const present = new Set(names);
    const home = this.home();
    for (const ns of [...this.parts.keys()]) {
      if (ns !== home && !present.has(ns)) this.removePart(ns, true);
    }
    for (const ns of names) {
      if (this.reviewed.has(ns) || this.parts.has(ns) || this.forbidden.has(ns)) continue;
      this.reviewed.add(ns);
      this.review(ns).then(
        (allowed) => {
          if (allowed && this.mode === 'namespaces' && this.o.namespaceSource?.names()?.includes(ns)) {
            this.addPart(ns);
            this.updateStatus();
          }
        },
        (err) => this.logger.debug(`${this.label}: access review for ${ns} failed: ${errorMessage(err)}`),
      );
    }
    this.updateStatus();
  }

  private computeStatus(): KindStatus {
    if (this.mode === 'stopped') return { phase: 'stopped' };
    if (this.mode === 'idle') return { phase: 'idle' };
    // Narrowing: the carried cluster-wide informer serves until the namespaces have synced.
    if (this.carry?.live) return rollUpInformers([this.carry.live.informer.status], undefined, '');
    const statuses = [...this.parts.values()].map((p) => p.informer.status);
    if (this.mode === 'scoped' && statuses.length === 0 && this.forbidden.size === 0) {
      return { phase: 'synced', objectCount: 0, namespaces: [] };
    }
    if (this.mode === 'cluster') {
      const s = statuses[0];
      if (!s) return { phase: 'connecting' };
      if (s.phase === 'forbidden' && s.during === 'watch') {
        return { phase: 'forbidden', error: s.error, during: 'watch' };
      }
      if (s.phase === 'forbidden' || s.phase === 'unauthorized') return { phase: s.phase, error: s.error };
      return rollUpInformers(statuses, undefined, '');
    }
    if (statuses.length === 0) {
      const firstNs = this.forbidden.values().next().value;
      return { phase: 'forbidden', error: this.clusterForbiddenError || firstNs || 'forbidden' };
    }
    return rollUpInformers(statuses, this.namespaces, this.clusterForbiddenError);
  }

  private updateStatus(): void {
    const next = this.computeStatus();
    // Readers of one namespace's scope (lazy kinds) need its own sync announced; eager kinds do not.
    const perNamespace = this.mode === 'scoped' || this.scope.namespaces.length > 0;
    const partsKey = perNamespace
      ? [...this.parts].map(([ns, p]) => `${ns}:${p.informer.status.phase}`).join(',')
      : '';
    if (sameJson(next, this.current) && partsKey === this.partsKey) return;
    this.current = next;
    this.partsKey = partsKey;
    this.statusEmitter.fire(next);
  }
}
