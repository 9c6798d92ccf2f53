/**
 * clusterDiscovery: what one context's API server serves, kept current. One discovery round at
 * start; after that a round only when something says the answer changed: a CRD was added,
 * changed or removed (the CRD signal, where RBAC allows watching them), a kind was not found, or
 * (only while the CRD signal is unavailable) a timer. Requests are coalesced: a burst of changes
 * gives one round after a short quiet delay, and a change during a round gives exactly one more
 * round after it, never more. Pure logic: the discovery source, the CRD signal and the clock are
 * injected.
 */
import { ApiError, errorMessage } from '../cache/errors';
import type { ResourceKind } from '../kinds';
import { realClock, type Clock, type TimerHandle } from '../util/clock';
import type { Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { nullLogger, type Logger } from '../util/logger';
import { watchableKinds, type DiscoveredKind } from './catalog';
import { groupOf } from './resolve';

/** DiscoveryResult is one round's answer. */
export interface DiscoveryResult {
  /** Every resource of every version the server listed (not yet filtered). */
  kinds: DiscoveredKind[];
  mode: 'aggregated' | 'legacy';
  /** Requests the round made. */
  requests: number;
  /** Group versions that could not be read (`group/version`), e.g. an aggregated API down. */
  skipped: string[];
}

/** DiscoverySource runs one discovery round (src/kube/discoveryClient.ts). Rejects on failure. */
export interface DiscoverySource {
  discover(signal: AbortSignal): Promise<DiscoveryResult>;
}

/**
 * CrdSignal watches CustomResourceDefinitions: `changed` after any add, update or delete past the
 * initial state; `unavailable` when they cannot be watched (forbidden, not served). Returns what
 * stops the watch.
 */
export type CrdSignal = (handlers: { changed(): void; unavailable(reason: string): void }) => Disposable;

/**
 * DiscoveryStatus: `discovering` before the first answer; `ready` with the server's kinds;
 * `forbidden` (discovery refused: 401/403) and `failed` (any other error, retried) serve the
 * fallback kinds until a round succeeds.
 */
export type DiscoveryStatus =
  | { phase: 'idle' }
  | { phase: 'discovering' }
  | { phase: 'ready'; mode: 'aggregated' | 'legacy'; kinds: number; skipped: readonly string[] }
  | { phase: 'forbidden'; error: string }
  | { phase: 'failed'; error: string; retryAt: number }
  | { phase: 'stopped' };

export interface ClusterDiscoveryOptions {
  source: DiscoverySource;
  /** The kinds served while discovery has never succeeded (the built-in ten). */
  fallbackKinds: readonly ResourceKind[];
  crdSignal?: CrdSignal;
  clock?: Clock;
  logger?: Logger;
  /** Quiet delay that gathers a burst of changes into one round. Default 1 s. */
  debounceMs?: number;
  /** Re-discovery period while the CRD signal is unavailable. Default 5 minutes. */
  pollMs?: number;
  /** First retry delay after a failed round (doubles up to pollMs). Default 10 s. */
  retryMs?: number;
  /** A round that takes longer is aborted (and counts as failed). Default 60 s. */
  timeoutMs?: number;
  name?: string;
}

export const DISCOVERY_DEFAULTS = {
  debounceMs: 1_000,
  pollMs: 5 * 60_000,
  retryMs: 10_000,
  timeoutMs: 60_000,
} as const;

/**
 * ClusterDiscovery owns the discovery of one context. `kinds` is always usable: the fallback
 * kinds until the first successful round. `onDidChange` fires after each round whose kinds
 * differ, and on status changes. `dispose()` aborts a round in flight, stops the CRD signal and
 * clears every timer.
 */
export class ClusterDiscovery implements Disposable {
  private readonly o: ClusterDiscoveryOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly emitter = new Emitter<void>();
  private current: DiscoveryStatus = { phase: 'idle' };
  private all: readonly DiscoveredKind[] = [];
  private listed: readonly ResourceKind[];
  private crd: Disposable | undefined;
  private crdAvailable = false;
  private running: AbortController | undefined;
  /** A change arrived while a round was running: one more round after it. */
  private again = false;
  private timer: TimerHandle | undefined;
  private timerDue = Infinity;
  private failures = 0;
  private rounds = 0;
  private stopped = false;

  constructor(options: ClusterDiscoveryOptions) {
    this.o = options;
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? nullLogger;
    this.listed = options.fallbackKinds;
  }

  get status(): DiscoveryStatus {
    return this.current;
  }

  /** roundsStarted counts the discovery rounds begun (for tests and logs). */
  get roundsStarted(): number {
    return this.rounds;
  }

  get onDidChange(): Event<void> {
    return this.emitter.event;
  }

  /** kinds lists the kinds to show: preferred version, listable and watchable, one per resource. */
  get kinds(): readonly ResourceKind[] {
    return this.listed;
  }

  /** start runs the first round now and starts the CRD signal. Idempotent. */
  start(): void {
    if (this.current.phase !== 'idle' || this.stopped) return;
    this.setStatus({ phase: 'discovering' });
    void this.round();
  }

  /**
   * request asks for a round soon (after the debounce delay). Calls while one is pending or
   * running are merged: at most one round follows the request.
   */
  request(reason: string): void {
    if (this.stopped || this.current.phase === 'idle') return;
    this.logger.debug(`${this.label}: re-discovery requested: ${reason}`);
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(this.o.debounceMs ?? DISCOVERY_DEFAULTS.debounceMs);
  }

  /** notFound is what a caller reports when a discovered kind answered 404: it may be gone. */
  notFound(kind: ResourceKind): void {
    this.request(`${kind.plural}.${kind.group || 'core'} not found`);
  }

  /**
   * resolve finds the kind to watch for an object of `kind` in `apiVersion` (any served version
   * of its group; the preferred one is returned). Undefined when the server does not serve it.
   */
  resolve(kind: string, apiVersion: string): ResourceKind | undefined {
    const group = groupOf(apiVersion);
    return this.listed.find((k) => k.kind === kind && k.group === group);
  }

  /** byResource finds a listed kind by group and plural. */
  byResource(group: string, plural: string): ResourceKind | undefined {
    return this.listed.find((k) => k.group === group && k.plural === plural);
  }

  /** served reports whether the server lists `kind` in any version (all kinds, not only the preferred). */
  served(group: string, plural: string): boolean {
    return this.all.some((k) => k.group === group && k.plural === plural);
  }

  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.running?.abort();
    this.running = undefined;
    this.clearTimer();
    this.crd?.dispose();
    this.setStatus({ phase: 'stopped' });
    this.emitter.dispose();
  }

  private get label(): string {
    return this.o.name ?? 'discovery';
  }

  private schedule(ms: number): void {
    const due = this.clock.now() + ms;
    if (this.timer !== undefined && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      void this.round();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.again = false;
    this.rounds++;
    const abort = new AbortController();
    this.running = abort;
    const timeout = this.clock.setTimeout(
      () => abort.abort(new Error('discovery timed out')),
      this.o.timeoutMs ?? DISCOVERY_DEFAULTS.timeoutMs,
    );
    try {
      const result = await this.o.source.discover(abort.signal);
      if (abort.signal.aborted) throw abort.signal.reason ?? new Error('discovery aborted');
      this.accept(result);
    } catch (err) {
      if (!this.stopped) this.fail(err);
    } finally {
      this.clock.clearTimeout(timeout);
      if (this.running === abort) this.running = undefined;
    }
    if (this.stopped) return;
    if (this.again) this.schedule(0);
    else if (!this.crdAvailable && this.current.phase === 'ready') {
      this.schedule(this.o.pollMs ?? DISCOVERY_DEFAULTS.pollMs);
    }
  }

  /**
   * watchCrds starts the CRD signal once a round shows CRDs are served (a server without
   * apiextensions costs no request for it). Until then, and when it is unavailable, rounds run
   * on the poll timer.
   */
  private watchCrds(): void {
    if (this.crd || !this.o.crdSignal || !this.served('apiextensions.k8s.io', 'customresourcedefinitions'))
      return;
    this.crdAvailable = true;
    this.crd = this.o.crdSignal({
      changed: () => this.request('a CustomResourceDefinition changed'),
      unavailable: (reason) => {
        if (!this.crdAvailable) return;
        this.crdAvailable = false;
        this.logger.info(`${this.label}: cannot watch CRDs (${reason}); re-discovering periodically`);
        this.schedule(this.o.pollMs ?? DISCOVERY_DEFAULTS.pollMs);
      },
    });
  }

  private accept(result: DiscoveryResult): void {
    this.failures = 0;
    const listed = watchableKinds(result.kinds);
    const changed = keyOf(listed) !== keyOf(this.listed);
    this.all = result.kinds;
    this.listed = listed;
    if (result.skipped.length > 0)
      this.logger.info(`${this.label}: discovery skipped ${result.skipped.slice(0, 10).join(', ')}`);
    const fired = this.setStatus({
      phase: 'ready',
      mode: result.mode,
      kinds: listed.length,
      skipped: result.skipped,
    });
    if (changed && !fired) this.emitter.fire();
    this.watchCrds();
  }

  private fail(err: unknown): void {
    const message = errorMessage(err);
    if (err instanceof ApiError && (err.code === 401 || err.code === 403)) {
      // Discovery refused: keep what we had (the fallback kinds unless a round once succeeded).
      this.logger.info(`${this.label}: discovery forbidden (${message}); showing the built-in kinds`);
      if (this.current.phase !== 'ready') this.setStatus({ phase: 'forbidden', error: message });
      this.schedule(this.o.pollMs ?? DISCOVERY_DEFAULTS.pollMs);
      return;
    }
    this.failures++;
    const poll = this.o.pollMs ?? DISCOVERY_DEFAULTS.pollMs;
    const delay = Math.min(poll, (this.o.retryMs ?? DISCOVERY_DEFAULTS.retryMs) * 2 ** (this.failures - 1));
    this.logger.info(
      `${this.label}: discovery failed (${message}); retrying in ${Math.round(delay / 1000)} s`,
    );
    if (this.current.phase !== 'ready')
      this.setStatus({ phase: 'failed', error: message, retryAt: this.clock.now() + delay });
    this.schedule(delay);
  }

  /** setStatus records `next`; true when it changed (and listeners were told). */
  private setStatus(next: DiscoveryStatus): boolean {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return false;
    this.current = next;
    this.emitter.fire();
    return true;
  }
}

function keyOf(kinds: readonly ResourceKind[]): string {
  return kinds
    .map((k) => `${k.group}/${k.version}/${k.plural}:${k.kind}:${k.namespaced ? 'n' : 'c'}`)
    .join(',');
}
