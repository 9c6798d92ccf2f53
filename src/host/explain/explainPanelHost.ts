import type { ContextEvent } from '../../core/events/hub';
import { eventId } from '../../core/events/hub';
import type { explanationView } from '../../core/explain/panelView';
import { LeaseRounds, type LeaseHolder } from '../../core/explain/revisionLeases';
import type { Explanation, NextStep } from '../../core/explain/types';
import { type Clock, realClock, type TimerHandle } from '../../core/util/clock';
import type { Disposable } from '../../core/util/disposable';
import { englishL10n, type Localizer } from '../../core/util/l10n';
import type {
  ExplainItemView,
  ExplainSelectMessage,
  ExplainStepMessage,
  ExplanationMessage,
  OpenManifestMessage,
  SelectionObject,
} from '../../protocol/explain';
import { EXPLAIN_LIMITS } from '../../protocol/explain';

/** ExplainPanelHostOptions: what the panel's host side reads and runs (no vscode here). */
export interface ExplainPanelHostOptions {
  /** event returns the live event with this id (the hub), or undefined. */
  event(id: string): ContextEvent | undefined;
  /**
   * explain explains an event from the caches; undefined when its context is not connected. The
   * lazy informers it needs (ControllerRevisions) are acquired through `holder`, which keeps
   * them while the panel shows an explanation that needs them.
   */
  explain(event: ContextEvent, holder: LeaseHolder): Explanation | undefined;
  /** view renders an explanation for the panel: core/explain/panelView's explanationView (from the lazy explain chunk). */
  view: typeof explanationView;
  /** hasManifest reports whether the workspace defines the object (never starts indexing). */
  hasManifest(object: SelectionObject): boolean;
  openManifest(object: SelectionObject): unknown;
  /** runStep runs a next step (describe, show events, reveal, copy the kubectl line). */
  runStep(context: string, step: NextStep): unknown;
  /**
   * onDidChange reports that something an explanation may read changed: objects or events of
   * `context`, or (undefined) anything, e.g. the workspace's manifests.
   */
  onDidChange(listener: (context: string | undefined) => void): Disposable;
  post(message: ExplanationMessage): void;
  clock?: Clock;
  /** The notes' language (vscode.l10n in the extension). Default English. */
  l10n?: Localizer;
  /** Live updates recompute at most once per this many ms. Default 1000. */
  refreshMs?: number;
  /**
   * watch keeps what explaining `event` reads watched (its object's lazy kind) until the lease
   * is disposed: the panel holds one per explained event while the selection stays. Optional.
   */
  watch?(event: ContextEvent): Disposable;
}

interface Current {
  select: ExplainSelectMessage;
  /** The steps behind each item's buttons, as the host computed them (never the page's). */
  steps: { context: string; steps: NextStep[] }[];
  last: string;
}

/**
 * ExplainPanelHost answers one Events page's explanation panel. `select` explains the
 * selection's Warnings through `explain` (the ExplainService) and posts the panel; while the
 * selection stays, a change in its contexts recomputes it at most once per `refreshMs` and
 * posts it again (same seq) when the text changed, so the panel follows the cause (a node frees
 * CPU, a secret appears). A step or Open Manifest runs only for the current seq, from what the
 * host computed: the page names an index, never a command or an object of its own. The lazy
 * informers the shown explanations need are leased for as long as they are shown: each
 * recomputation keeps what it used and releases the rest; reset and dispose release all.
 * Besides, while a selection stays, `watch` leases are held for its events (released on the
 * next selection, reset and dispose), so a lazy kind's explanation fills in once it syncs.
 */
export class ExplainPanelHost implements Disposable {
  private current: Current | undefined;
  private timer: TimerHandle | undefined;
  private readonly clock: Clock;
  private readonly l10n: Localizer;
  private readonly subscription: Disposable;
  private readonly leases = new LeaseRounds();
  private watchLeases: Disposable[] = [];

  constructor(private readonly options: ExplainPanelHostOptions) {
    this.clock = options.clock ?? realClock;
    this.l10n = options.l10n ?? englishL10n;
    this.subscription = options.onDidChange((context) => this.changed(context));
  }

  /** select explains a new selection and posts its panel. */
  select(m: ExplainSelectMessage): void {
    this.cancel();
    this.release();
    this.current = { select: m, steps: [], last: '' };
    this.lease(m);
    this.publish();
  }

  /** lease takes a `watch` lease for each event of the selection (at most EXPLAIN_LIMITS.events). */
  private lease(m: ExplainSelectMessage): void {
    const watch = this.options.watch;
    if (!watch) return;
    for (const ref of m.events.slice(0, EXPLAIN_LIMITS.events)) {
      const event = this.options.event(eventId(ref.context, ref.key));
      if (!event) continue;
      try {
        this.watchLeases.push(watch(event));
      } catch {
        // Without the lease the explanation says what the watched kinds tell.
      }
    }
  }

  private release(): void {
    const leases = this.watchLeases;
    this.watchLeases = [];
    for (const l of leases) l.dispose();
  }

  /** step runs step `m.step` of item `m.item`, when `m.seq` is the current selection. */
  step(m: ExplainStepMessage): unknown {
    const c = this.current;
    if (!c || c.select.seq !== m.seq) return undefined;
    const item = c.steps[m.item];
    const step = item?.steps[m.step];
    return item && step ? this.options.runStep(item.context, step) : undefined;
  }

  /** openManifest opens the current selection's manifest, when `m.seq` is current. */
  openManifest(m: OpenManifestMessage): unknown {
    const c = this.current;
    const object = c?.select.seq === m.seq ? c.select.object : null;
    return object && this.options.hasManifest(object) ? this.options.openManifest(object) : undefined;
  }

  /** reset forgets the selection (the page reloaded). */
  reset(): void {
    this.cancel();
    this.release();
    this.current = undefined;
    this.leases.clear();
  }

  private changed(context: string | undefined): void {
    const c = this.current;
    if (!c || this.timer !== undefined) return;
    const concerned =
      context === undefined ||
      c.select.object?.context === context ||
      c.select.events.some((e) => e.context === context);
    if (!concerned) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, this.options.refreshMs ?? 1000);
  }

  private publish(): void {
    const c = this.current;
    if (!c) return;
    const { message, steps } = this.leases.round((holder) => this.compute(c.select, holder));
    const text = JSON.stringify(message);
    c.steps = steps;
    if (text === c.last) return;
    c.last = text;
    this.options.post(message);
  }

  private compute(
    s: ExplainSelectMessage,
    holder: LeaseHolder,
  ): { message: ExplanationMessage; steps: Current['steps'] } {
    const items: ExplainItemView[] = [];
    const steps: Current['steps'] = [];
    const notes: string[] = [];
    for (const ref of s.events.slice(0, EXPLAIN_LIMITS.events)) {
      const event = this.options.event(eventId(ref.context, ref.key));
      if (!event) {
        notes.push(
          this.l10n.t('This event is no longer in the cache (expired, or its context is disconnected).'),
        );
        continue;
      }
      let x: Explanation | undefined;
      try {
        x = this.options.explain(event, holder);
      } catch {
        x = undefined;
      }
      if (!x) {
        notes.push(
          this.l10n.t('Context {0} is not connected: connect it to explain its events.', event.context),
        );
        continue;
      }
      const view = this.options.view(x, event, ref.context, ref.key);
      items.push(view);
      steps.push({ context: event.context, steps: x.nextSteps.slice(0, view.steps.length) });
    }
    let manifest: boolean;
    try {
      manifest = s.object !== null && this.options.hasManifest(s.object);
    } catch {
      manifest = false;
    }
    return {
      message: { type: 'explanation', seq: s.seq, items, note: notes[0] ?? '', manifest },
      steps,
    };
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.reset();
    this.leases.dispose();
    this.subscription.dispose();
  }
}
