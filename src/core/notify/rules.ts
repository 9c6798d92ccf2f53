/**
 * NotificationRules is what the user controls (settings `kubeEvents.notifications.*`, and the
 * notification's "Mute…" actions, which add to the lists).
 *
 * - `mutedReasons`: exact, case-sensitive reasons (Kubernetes reasons are CamelCase identifiers).
 * - `mutedNamespaces`: `"web"` mutes namespace web in every context; `"prod/web"` only in the
 *   context `prod` (namespaces cannot contain "/", context names can: the last "/" splits).
 * - `mutedContexts`: exact context names.
 */
export interface NotificationRules {
  enabled: boolean;
  mutedReasons: readonly string[];
  mutedNamespaces: readonly string[];
  mutedContexts: readonly string[];
  cooldownMs: number;
}

/** DEFAULT_RULES: notifications on, nothing muted, a five-minute cooldown. */
export const DEFAULT_RULES: Readonly<NotificationRules> = Object.freeze({
  enabled: true,
  mutedReasons: [],
  mutedNamespaces: [],
  mutedContexts: [],
  cooldownMs: 300_000,
});

/** MuteCause says why a warning is muted. */
export type MuteCause = 'disabled' | 'context' | 'namespace' | 'reason';

/**
 * MuteMatcher is NotificationRules compiled to sets, so `match` is O(1). Matching is exact and
 * case-sensitive throughout.
 */
export class MuteMatcher {
  private readonly enabled: boolean;
  private readonly reasons: ReadonlySet<string>;
  private readonly namespaces: ReadonlySet<string>;
  private readonly contexts: ReadonlySet<string>;

  constructor(
    rules: Pick<NotificationRules, 'enabled' | 'mutedReasons' | 'mutedNamespaces' | 'mutedContexts'>,
  ) {
    this.enabled = rules.enabled;
    this.reasons = new Set(rules.mutedReasons);
    this.namespaces = new Set(rules.mutedNamespaces);
    this.contexts = new Set(rules.mutedContexts);
  }

  /** match returns why a warning in (context, namespace) with `reason` is muted, or undefined. */
  match(context: string, namespace: string, reason?: string): MuteCause | undefined {
    if (!this.enabled) return 'disabled';
    if (this.contexts.has(context)) return 'context';
    if (this.namespaces.has(namespace) || this.namespaces.has(`${context}/${namespace}`)) return 'namespace';
    if (reason !== undefined && this.reasons.has(reason)) return 'reason';
    return undefined;
  }
}

/** NotificationSettings is the raw shape of the `kubeEvents.notifications.*` settings. */
export interface NotificationSettings {
  enabled?: unknown;
  mutedReasons?: unknown;
  mutedNamespaces?: unknown;
  mutedContexts?: unknown;
  cooldownSeconds?: unknown;
}

/**
 * rulesFromSettings validates user settings (any JSON) into NotificationRules: wrong types fall
 * back to DEFAULT_RULES, list entries that are not non-empty strings are dropped, and the
 * cooldown is clamped to [0, 1 day].
 */
export function rulesFromSettings(settings: NotificationSettings): NotificationRules {
  const seconds = settings.cooldownSeconds;
  return {
    enabled: typeof settings.enabled === 'boolean' ? settings.enabled : DEFAULT_RULES.enabled,
    mutedReasons: strings(settings.mutedReasons),
    mutedNamespaces: strings(settings.mutedNamespaces),
    mutedContexts: strings(settings.mutedContexts),
    cooldownMs:
      typeof seconds === 'number' && Number.isFinite(seconds)
        ? Math.min(86_400, Math.max(0, seconds)) * 1000
        : DEFAULT_RULES.cooldownMs,
  };
}

function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((s): s is string => typeof s === 'string' && s !== '');
}
