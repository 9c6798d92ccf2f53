import { type KubeObject } from '../cache/types';
import { type KubeEvent } from '../events/model';
import { type Clock } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { englishL10n, type Localizer } from '../util/l10n';
import { warningCandidate } from './candidate';
import { CooldownTracker, cooldownKey } from './cooldown';
import { type EventObserver } from './eventObserver';
import { type Notification, objectLabel, warningMessage, warningTitle } from './notification';
import { DEFAULT_RULES, MuteMatcher, type NotificationRules } from './rules';
import { SummaryBuffer } from './summaryBuffer';
import { TokenBucket } from './tokenBucket';

/** WarningNotifierOptions configure a WarningNotifier; rules default to DEFAULT_RULES. */
export interface WarningNotifierOptions extends Partial<NotificationRules> {
  clock: Clock;
  /** The global budget: a token bucket. Defaults capacity 5, refillPerMinute 6. */
  budget?: { capacity?: number; refillPerMinute?: number };
  /** How long over-budget warnings are gathered before one summary. Default 10_000. */
  summaryDelayMs?: number;
  /** Events last seen more than this before the informer's sync are history. Default 60_000. */
  syncSkewMs?: number;
  /** Puts the notifications' own words in the user's language (default: English). */
  l10n?: Localizer;
}

/**
 * NotifierStats accounts for every change observed. Among candidates (new or repeated
 * Warnings after the initial sync): candidates == notified + summarized + muted + cooledDown.
 * `summarized` counts a warning when it is folded into a pending summary; `summaries` counts
 * the summary notifications emitted.
 */
export interface NotifierStats {
  observed: number;
  candidates: number;
  notified: number;
  summarized: number;
  muted: number;
  cooledDown: number;
  summaries: number;
  /** Changes that were not candidates: Normal events, updates without a rise, deletes. */
  ignored: number;
  /** Warnings from an initial list, or last seen before the sync: history, never notified. */
  history: number;
}

interface ContextSync {
  /** When the context's event informer synced (explicit or inferred); undefined while listing. */
  syncedAt: number | undefined;
  /** Set by `markSynced`: an initial list no longer resets the time; only `markSynced` moves it. */
  explicit: boolean;
}

/**
 * WarningNotifier is the Warning notification policy: it watches event changes from every
 * context and decides what the UI shows, as `Notification`s on `onDidDecide`. The UI only
 * renders decisions.
 *
 * Contract, per change:
 * - Not a candidate (nothing emitted, nothing counted beyond `ignored`/`history`): Normal events,
 *   deletes, updates that raise no count, events of an initial list, and events last seen more
 *   than `syncSkewMs` before the context's sync time (set by `markSynced`, else inferred as the
 *   time of the first change after an initial list).
 * - A candidate is, in order: muted (rules: disabled, context, namespace, reason: exact and
 *   case-sensitive); cooled down (its (context, namespace, object, reason) key was notified less
 *   than `cooldownMs` ago: its occurrences are folded into that key's next notice as
 *   `repeatsFolded`); notified, if the global token bucket has a token; else folded into a
 *   summary for its (context, namespace), emitted `summaryDelayMs` after the group's first
 *   warning. Nothing is dropped silently: `stats` accounts for each candidate.
 * - Texts are plain, sanitised and at most MAX_MESSAGE_LENGTH long.
 * - `dispose()` clears every timer; pending summaries are not emitted.
 */
export class WarningNotifier implements EventObserver, Disposable {
  private readonly clock: Clock;
  private readonly syncSkewMs: number;
  private readonly l10n: Localizer;
  private readonly bucket: TokenBucket;
  private readonly cooldown = new CooldownTracker();
  private readonly summaries: SummaryBuffer;
  private readonly emitter = new Emitter<Notification>();
  private readonly contexts = new Map<string, ContextSync>();
  private rules: NotificationRules;
  private matcher: MuteMatcher;
  private disposed = false;
  private readonly counters: NotifierStats = {
    observed: 0,
    candidates: 0,
    notified: 0,
    summarized: 0,
    muted: 0,
    cooledDown: 0,
    summaries: 0,
    ignored: 0,
    history: 0,
  };

  constructor(options: WarningNotifierOptions) {
    this.clock = options.clock;
    this.syncSkewMs = options.syncSkewMs ?? 60_000;
    this.l10n = options.l10n ?? englishL10n;
    this.rules = pickRules(DEFAULT_RULES, options);
    this.matcher = new MuteMatcher(this.rules);
    this.bucket = new TokenBucket({
      clock: this.clock,
      capacity: options.budget?.capacity ?? 5,
      refillPerMinute: options.budget?.refillPerMinute ?? 6,
    });
    this.summaries = new SummaryBuffer({
      clock: this.clock,
      delayMs: options.summaryDelayMs ?? 10_000,
      l10n: this.l10n,
      emit: (summary) => {
        this.counters.summaries++;
        this.emitter.fire(summary);
      },
    });
  }

  /** onDidDecide fires each notification to show, synchronously from `observe` or a summary timer. */
  get onDidDecide(): Event<Notification> {
    return this.emitter.event;
  }

  /** stats is a snapshot of the counters. */
  get stats(): Readonly<NotifierStats> {
    return { ...this.counters };
  }

  /** currentRules is a snapshot of the rules in force. */
  get currentRules(): Readonly<NotificationRules> {
    return { ...this.rules };
  }

  /** markSynced records that `context`'s event informer synced at `at` (default now). */
  markSynced(context: string, at = this.clock.now()): void {
    this.contexts.set(context, { syncedAt: at, explicit: true });
  }

  /** forgetContext drops what is known of `context` (its sync time); call when it is removed. */
  forgetContext(context: string): void {
    this.contexts.delete(context);
  }

  /**
   * updateRules changes rules live. Warnings already folded into pending summaries that the new
   * rules mute move from `summarized` to `muted`; cooldowns keep running under the new length.
   */
  updateRules(rules: Partial<NotificationRules>): void {
    this.rules = pickRules(this.rules, rules);
    this.matcher = new MuteMatcher(this.rules);
    const moved = this.summaries.remove((c, ns, reason) => this.matcher.match(c, ns, reason) !== undefined);
    this.counters.summarized -= moved;
    this.counters.muted += moved;
  }

  /** observe takes one event informer change: an add (`prev` undefined) or an update. */
  observe(context: string, prev: KubeObject | undefined, next: KubeObject, isInInitialList: boolean): void {
    if (this.disposed) return;
    this.counters.observed++;
    const sync = this.syncFor(context, isInInitialList);
    const candidate = warningCandidate(prev, next);
    if (!candidate) {
      this.counters.ignored++;
      return;
    }
    const { event, occurrences } = candidate;
    if (isInInitialList || this.isHistory(event, sync.syncedAt)) {
      this.counters.history++;
      return;
    }
    this.counters.candidates++;
    // The object's namespace ('' for cluster-scoped objects such as Nodes, whose events live in
    // "default"), as the tree shows it; the event's own only when it names no object.
    const namespace = event.involved.name ? event.involved.namespace : event.namespace;
    if (this.matcher.match(context, namespace, event.reason) !== undefined) {
      this.counters.muted++;
      return;
    }
    const now = this.clock.now();
    const key = cooldownKey(context, namespace, event);
    if (this.cooldown.isCooling(key, now, this.rules.cooldownMs)) {
      this.cooldown.fold(key, occurrences);
      this.counters.cooledDown++;
      return;
    }
    if (!this.bucket.tryTake()) {
      this.summaries.add(context, namespace, event.reason, objectLabel(event.involved, this.l10n));
      this.counters.summarized++;
      return;
    }
    const repeatsFolded = this.cooldown.markNotified(key, now, this.rules.cooldownMs);
    this.counters.notified++;
    const title = warningTitle(event, repeatsFolded, this.l10n);
    this.emitter.fire({
      kind: 'warning',
      context,
      namespace,
      event,
      repeatsFolded,
      title,
      message: warningMessage(context, namespace, event, title),
    });
  }

  /** observeDelete takes a deleted event: never a notification (expired events are not news). */
  observeDelete(_context: string, _obj: KubeObject): void {
    if (this.disposed) return;
    this.counters.observed++;
    this.counters.ignored++;
  }

  /** flushSummaries emits the pending summaries now (e.g. before the window closes). */
  flushSummaries(): void {
    if (!this.disposed) this.summaries.flush();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.summaries.dispose();
    this.cooldown.clear();
    this.emitter.dispose();
  }

  /**
   * syncFor tracks the context's sync time. Unless `markSynced` set it, an initial-list change
   * means a (re)list is in progress, and the first change after one infers the sync time.
   */
  private syncFor(context: string, isInInitialList: boolean): ContextSync {
    let sync = this.contexts.get(context);
    if (!sync) this.contexts.set(context, (sync = { syncedAt: undefined, explicit: false }));
    if (sync.explicit) return sync;
    if (isInInitialList) sync.syncedAt = undefined;
    else if (sync.syncedAt === undefined) sync.syncedAt = this.clock.now();
    return sync;
  }

  private isHistory(event: KubeEvent, syncedAt: number | undefined): boolean {
    return (
      event.lastSeen !== undefined && syncedAt !== undefined && event.lastSeen < syncedAt - this.syncSkewMs
    );
  }
}

function pickRules(base: NotificationRules, over: Partial<NotificationRules>): NotificationRules {
  return {
    enabled: over.enabled ?? base.enabled,
    mutedReasons: [...(over.mutedReasons ?? base.mutedReasons)],
    mutedNamespaces: [...(over.mutedNamespaces ?? base.mutedNamespaces)],
    mutedContexts: [...(over.mutedContexts ?? base.mutedContexts)],
    cooldownMs: Math.max(0, over.cooldownMs ?? base.cooldownMs),
  };
}
