// The row menu's entries (copy an event or its group) and the replay banner's text; the English
// strings of both are here, in one place, for localization.
import type { ListItem } from '../core/stream/group';
import type { CopyFormat, ReplayInfo } from '../protocol/events';
import type { MenuItem } from './menuButton';
import { t } from './l10n';
import { localDateTime } from './timeLabels';

const FORMATS: readonly [CopyFormat, string][] = [
  ['text', 'Text'],
  ['json', 'JSON'],
  ['yaml', 'YAML'],
];

const n = (x: number) => x.toLocaleString('en-US');
const STRINGS = {
  copyEvent: (f: string) => t('Copy Event as {0}', f),
  copyGroup: (f: string, count: number) => t('Copy Group as {0} ({1} events)', f, n(count)),
  replay: (file: string, at: string) =>
    t('Replay of {0}, captured {1}. Read-only: no live updates.', file, at),
  unknownTime: () => t('at an unknown time'),
  counts: (total: number, skipped: number) =>
    skipped
      ? t('{0} of {1} events; {2} invalid ones skipped.', n(total - skipped), n(total), n(skipped))
      : t('{0} events.', n(total)),
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
  const at = info.capturedAt > 0 ? localDateTime(info.capturedAt) : STRINGS.unknownTime();
  return `${STRINGS.replay(info.file, at)} ${STRINGS.counts(info.total, info.skipped)}`;
}
