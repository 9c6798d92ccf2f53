import type { GroupMode } from '../../protocol/events';
import type { StreamEntry } from './listModel';
import { objectLabel, ownerLabel } from './row';
import { englishL10n, type Localizer } from '../util/l10n';

/**
 * EventGroup folds similar events: the same reason on the same object ('object' mode) or on
 * objects with the same top controller ('owner' mode). `members` keep the list's sort order, so
 * `members[0]` is the group's representative (newest under the default sort).
 */
export interface EventGroup {
  readonly kind: 'group';
  readonly key: string;
  readonly mode: Exclude<GroupMode, 'none'>;
  /** The object, or the owner (`Deployment/web`), the group is about. */
  readonly label: string;
  readonly reason: string;
  readonly members: StreamEntry[];
  /** Distinct involved objects. */
  objects: number;
  /** Sum of the members' counts. */
  count: number;
  warning: boolean;
  /** Every member is expired. */
  expired: boolean;
}

/** GroupMember is an expanded group's member, shown indented below its header. */
export interface GroupMember {
  readonly kind: 'member';
  readonly entry: StreamEntry;
  readonly group: EventGroup;
}

/** ListItem is one line of the virtual list. */
export type ListItem = StreamEntry | EventGroup | GroupMember;

function objectKey(e: StreamEntry): string {
  const r = e.row;
  return r.uid || `${r.kind}/${r.namespace}/${r.name}`;
}

/**
 * groupEntries groups sorted entries in one pass; groups come out in the order of their first
 * member, so they follow the list's sort. Events without a known owner group by their object.
 */
export function groupEntries(sorted: readonly StreamEntry[], mode: Exclude<GroupMode, 'none'>): EventGroup[] {
  const groups = new Map<string, EventGroup & { uids: Set<string> }>();
  const out: EventGroup[] = [];
  for (const e of sorted) {
    const r = e.row;
    const obj = objectKey(e);
    const target = mode === 'owner' && r.ownerUid ? r.ownerUid : obj;
    const key = `${r.context}\u0000${target}\u0000${r.reason}`;
    let g = groups.get(key);
    if (!g) {
      const label = mode === 'owner' ? ownerLabel(r) || objectLabel(r) : objectLabel(r);
      g = {
        kind: 'group',
        key,
        mode,
        label,
        reason: r.reason,
        members: [],
        objects: 0,
        count: 0,
        warning: false,
        expired: true,
        uids: new Set(),
      };
      groups.set(key, g);
      out.push(g);
    }
    g.members.push(e);
    if (!g.uids.has(obj)) {
      g.uids.add(obj);
      g.objects++;
    }
    g.count += r.count;
    if (r.type === 'Warning') g.warning = true;
    if (!r.expired) g.expired = false;
  }
  return out;
}

/**
 * groupSummary describes a group: "BackOff on 37 Pods of Deployment/web", "BackOff on Pod/x";
 * its own words through `l10n` (the webview passes its bundle's; English by default).
 */
export function groupSummary(g: EventGroup, l10n: Localizer = englishL10n): string {
  const first = g.members[0]!.row;
  if (g.objects <= 1) return l10n.t('{0} on {1}', g.reason, objectLabel(first));
  const kinds = new Set(g.members.map((m) => m.row.kind));
  const oneKind = kinds.size === 1 && first.kind !== '';
  if (g.mode === 'owner' && first.ownerUid)
    return oneKind
      ? l10n.t('{0} on {1} {2}s of {3}', g.reason, g.objects, first.kind, g.label)
      : l10n.t('{0} on {1} objects of {2}', g.reason, g.objects, g.label);
  return oneKind
    ? l10n.t('{0} on {1} {2}s', g.reason, g.objects, first.kind)
    : l10n.t('{0} on {1} objects', g.reason, g.objects);
}

/** flattenGroups lays groups out as list items, members of expanded groups after their header. */
export function flattenGroups(groups: readonly EventGroup[], expanded: ReadonlySet<string>): ListItem[] {
  const items: ListItem[] = [];
  for (const g of groups) {
    items.push(g);
    if (expanded.has(g.key)) for (const entry of g.members) items.push({ kind: 'member', entry, group: g });
  }
  return items;
}
