// The row menu's entries (copy an event or its group) and the replay banner's text; the English
// strings of both are here, in one place, for localization.
import type { ListItem } from '../core/stream/group';
import type { CopyFormat, ReplayInfo } from '../protocol/events';
import type { MenuItem } from './menuButton';
import { localDateTime } from './timeLabels';

const FORMATS: readonly [CopyFormat, string][] = [
  ['text', 'Text'],
  ['json', 'JSON'],
  ['yaml', 'YAML'],
];

const STRINGS = {
  copyEvent: (f: string) => `Copy Event as ${f}`,
  copyGroup: (f: string, n: number) => `Copy Group as ${f} (${n.toLocaleString('en-US')} events)`,
  replay: (file: string, at: string) => `Replay of ${file}, captured ${at}. Read-only: no live updates.`,
  unknownTime: 'at an unknown time',
  counts: (total: number, skipped: number) =>
    skipped
      ? ` ${(total - skipped).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events; ${skipped.toLocaleString('en-US')} invalid ones skipped.`
      : ` ${total.toLocaleString('en-US')} events.`,
};

/**
 * rowMenuItems lists what the menu of `item` offers: an event (or a group's member) copies
 * itself, and a member its group too; a group copies its rows, in display order. `copy` posts
 * the ids to the host, which renders and redacts them (the page never touches the clipboard).
 */
export function rowMenuItems(item: ListItem, copy: (format: CopyFormat, ids: string[]) => void): MenuItem[] {
  const items: MenuItem[] = [];
  if (item.kind !== 'group') {
    const id = item.kind === 'event' ? item.row.id : item.entry.row.id;
    for (const [format, label] of FORMATS)
      items.push({
        label: STRINGS.copyEvent(label),
        ariaLabel: STRINGS.copyEvent(label),
        run: () => copy(format, [id]),
      });
  }
  const group = item.kind === 'group' ? item : item.kind === 'member' ? item.group : undefined;
  if (group) {
    const ids = group.members.map((m) => m.row.id);
    for (const [format, label] of FORMATS) {
      const text = STRINGS.copyGroup(label, ids.length);
      items.push({ label: text, ariaLabel: text, run: () => copy(format, ids) });
    }
  }
  return items;
}

/** replayBannerText says what a replay page shows: which file, captured when, how many events. */
export function replayBannerText(info: ReplayInfo): string {
  const at = info.capturedAt > 0 ? localDateTime(info.capturedAt) : STRINGS.unknownTime;
  return STRINGS.replay(info.file, at) + STRINGS.counts(info.total, info.skipped);
}
