import { rolloutMarks } from '../../core/explain/rolloutMarks';
import { REPLICASETS } from '../../core/kinds';
import { type Clock, realClock, type TimerHandle } from '../../core/util/clock';
import type { Disposable } from '../../core/util/disposable';
import { Emitter } from '../../core/util/emitter';
import { EXPLAIN_LIMITS, type RolloutMark } from '../../protocol/explain';
import type { Connections } from '../contexts/connections';

/** TIMELINE_MS is the timeline's window (its last hour, with a minute of margin). */
const TIMELINE_MS = 61 * 60_000;

/**
 * RolloutMarksSource gives the Events timeline its rollout marks: the ReplicaSets of
 * Deployments created in the last hour, in every connected context (see core rolloutMarks),
 * at most EXPLAIN_LIMITS.marks. `onDidChange` fires at most once per `coalesceMs` after a
 * ReplicaSet came or went (a rollout, a rollback, a context connecting); `marks` reads the
 * caches when asked, never otherwise.
 */
export class RolloutMarksSource implements Disposable {
  private readonly emitter = new Emitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: Disposable;
  private timer: TimerHandle | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly connections: Connections,
    options: { clock?: Clock; coalesceMs?: number } = {},
  ) {
    this.clock = options.clock ?? realClock;
    const delay = options.coalesceMs ?? 1000;
    this.subscription = connections.onDidChangeObject(({ kind, type }) => {
      if (kind !== REPLICASETS || type === 'update' || this.timer !== undefined) return;
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.emitter.fire();
      }, delay);
    });
  }

  /** marks returns the current marks, newest first. */
  marks(): RolloutMark[] {
    const now = this.clock.now();
    const out: RolloutMark[] = [];
    for (const c of this.connections.contexts()) {
      const session = this.connections.session(c.name);
      if (!session || session.kindStatus(REPLICASETS).phase !== 'synced') continue;
      out.push(...rolloutMarks(c.name, session.store(REPLICASETS).list(), now - TIMELINE_MS, now + 60_000));
    }
    return out.sort((a, b) => b.at - a.at).slice(0, EXPLAIN_LIMITS.marks);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
