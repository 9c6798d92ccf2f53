/**
 * warningGroups: the live Warning events on an object and its descendants, grouped by reason,
 * as the Problems panel shows them (one diagnostic per group).
 */
import type { KubeEvent } from '../events/model';
import { isWarning } from '../events/model';
import type { MuteMatcher } from '../notify/rules';
import { sanitizeText } from '../notify/sanitize';
import { englishL10n, type Localizer } from '../util/l10n';

/** GroupObject is one object a group's events are about. */
export interface GroupObject {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/**
 * WarningGroup is the Warning events of one reason on an object or its descendants: `count`
 * sums the events' counts, `message` is the latest event's (by last seen), `objects` lists at
 * most MAX_GROUP_OBJECTS distinct objects (latest first), `objectCount` all of them. `subject`
 * describes them for a message: `web`, `pods of web`, `web and 3 descendants`.
 */
export interface WarningGroup {
  readonly reason: string;
  readonly count: number;
  readonly message: string;
  readonly lastSeen: number | undefined;
  readonly objects: readonly GroupObject[];
  readonly objectCount: number;
  readonly subject: string;
}

/** MAX_GROUP_OBJECTS bounds the objects kept per group (related information, messages). */
export const MAX_GROUP_OBJECTS = 20;

/** PLURALS names descendants' kinds in a subject (`pods of web`). */
function plural(kind: string): string {
  const lower = kind.toLowerCase();
  return lower.endsWith('s') ? `${lower}es` : `${lower}s`;
}

/** TargetEvents are the events of one object; `self` marks the manifest's own object. */
export interface TargetEvents {
  readonly object: GroupObject;
  readonly self: boolean;
  readonly events: readonly KubeEvent[];
}

/**
 * groupWarnings groups the counted Warning events of `targets` by reason, newest group first.
 * An event counts iff it is a Warning, its last seen is within `windowMs` of `now` (an event
 * without a time counts), and `mute` does not mute its (context, namespace, reason). `name` is
 * the manifest object's name, for subjects.
 */
export function groupWarnings(
  targets: readonly TargetEvents[],
  options: { now: number; windowMs: number; context: string; mute: MuteMatcher; name: string },
): WarningGroup[] {
  interface Acc {
    reason: string;
    count: number;
    message: string;
    lastSeen: number | undefined;
    objects: Map<string, { o: GroupObject; self: boolean; at: number }>;
  }
  const byReason = new Map<string, Acc>();
  for (const t of targets) {
    for (const e of t.events) {
      if (!isWarning(e)) continue;
      if (e.lastSeen !== undefined && e.lastSeen + options.windowMs <= options.now) continue;
      const ns = e.involved.namespace || e.namespace;
      if (options.mute.match(options.context, ns, e.reason)) continue;
      let acc = byReason.get(e.reason);
      if (!acc)
        byReason.set(
          e.reason,
          (acc = { reason: e.reason, count: 0, message: '', lastSeen: undefined, objects: new Map() }),
        );
      acc.count += Math.max(1, e.count);
      const at = e.lastSeen ?? -Infinity;
      if (acc.message === '' || at > (acc.lastSeen ?? -Infinity)) {
        acc.message = e.message;
        acc.lastSeen = e.lastSeen;
      }
      const prev = acc.objects.get(t.object.uid || t.object.name);
      if (!prev || prev.at < at)
        acc.objects.set(t.object.uid || t.object.name, { o: t.object, self: t.self, at });
    }
  }
  return [...byReason.values()]
    .sort((a, b) => (b.lastSeen ?? -Infinity) - (a.lastSeen ?? -Infinity) || a.reason.localeCompare(b.reason))
    .map((acc) => {
      const objs = [...acc.objects.values()].sort((a, b) => b.at - a.at);
      return {
        reason: acc.reason,
        count: acc.count,
        message: acc.message,
        lastSeen: acc.lastSeen,
        objects: objs.slice(0, MAX_GROUP_OBJECTS).map((x) => x.o),
        objectCount: objs.length,
        subject: subjectOf(objs, options.name),
      };
    });
}

function subjectOf(objs: readonly { o: GroupObject; self: boolean }[], name: string): string {
  const others = objs.filter((x) => !x.self);
  if (others.length === 0) return name;
  const kinds = new Set(others.map((x) => x.o.kind));
  const self = others.length < objs.length;
  if (!self && kinds.size === 1) return `${plural(others[0]!.o.kind)} of ${name}`;
  const n = others.length;
  return `${self ? `${name} and ` : ''}${n} descendant${n === 1 ? '' : 's'}${self ? '' : ` of ${name}`}`;
}

/**
 * formatWarning renders a group as one plain-text line, cluster text sanitised (sanitizeText):
 * `BackOff x37 (pods of web): Back-off restarting failed container api …`.
 */
export function formatWarning(g: WarningGroup, maxMessage = 300, l10n: Localizer = englishL10n): string {
  const message = sanitizeText(g.message, maxMessage);
  const reason = sanitizeText(g.reason, 100) || l10n.t('(no reason)');
  return `${reason} x${g.count} (${sanitizeText(g.subject, 200)})${message ? `: ${message}` : ''}`;
}
