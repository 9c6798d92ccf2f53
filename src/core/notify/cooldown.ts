import { type KubeEvent } from '../events/model';

interface CooldownEntry {
  notifiedAt: number;
  folded: number;
}

/** FOLD_RETENTION_MS is how long folded repeats wait for a next notice before being forgotten. */
export const FOLD_RETENTION_MS = 3_600_000;

/** cooldownKey is (context, namespace, involved object uid, else kind/name, reason). */
export function cooldownKey(context: string, namespace: string, event: KubeEvent): string {
  const object = event.involved.uid || `${event.involved.kind}/${event.involved.name}`;
  return [context, namespace, object, event.reason].join('\u0000');
}

/**
 * CooldownTracker remembers when each key was last notified and how many occurrences were
 * suppressed since. It holds an entry only per notified key, so its size is bounded by the
 * notification rate; entries are pruned once past their cooldown (with nothing folded) or past
 * FOLD_RETENTION_MS after it.
 */
export class CooldownTracker {
  private readonly entries = new Map<string, CooldownEntry>();

  get size(): number {
    return this.entries.size;
  }

  /** isCooling: `key` was notified less than `cooldownMs` before `now`. */
  isCooling(key: string, now: number, cooldownMs: number): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && now - entry.notifiedAt < cooldownMs;
  }

  /** fold records `occurrences` suppressed for `key` (which must be cooling). */
  fold(key: string, occurrences: number): void {
    const entry = this.entries.get(key);
    if (entry) entry.folded += occurrences;
  }

  /** markNotified starts `key`'s cooldown at `now` and returns the repeats folded since the last notice. */
  markNotified(key: string, now: number, cooldownMs: number): number {
    const folded = this.entries.get(key)?.folded ?? 0;
    this.entries.set(key, { notifiedAt: now, folded: 0 });
    if (this.entries.size > 64) this.prune(now, cooldownMs);
    return folded;
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(now: number, cooldownMs: number): void {
    for (const [key, e] of this.entries) {
      const age = now - e.notifiedAt;
      if ((age >= cooldownMs && e.folded === 0) || age >= cooldownMs + FOLD_RETENTION_MS)
        this.entries.delete(key);
    }
  }
}
