// Pure view state of the Events webview: filters, sort, grouping; chips; the free-text syntax.
import type { StreamFilter } from '../core/stream/filter';
import { resolveTimeRange } from '../core/stream/timeRange';
import {
  defaultUiState,
  type FilterPreset,
  type HostFilter,
  parseUiState,
  type TimeRange,
  type UiState,
} from '../protocol/events';
import { bucketLabel, rangeLabel } from './timeLabels';
import { t } from './l10n';

/** MinuteFilter is a timeline bar (and its context): `span` ms from `start` (60 s when absent). */
export interface MinuteFilter {
  start: number;
  context: string;
  span?: number;
}

/**
 * ViewState is everything the webview restores after being hidden (rows come from the host). `ui`
 * (filters including the object filter and its descendants toggle, sort, grouping) is also sent
 * to the host, which keeps it across window reloads; the minute and pause are local.
 */
export interface ViewState {
  ui: UiState;
  minute: MinuteFilter | null;
  paused: boolean;
}

export function initialViewState(): ViewState {
  return { ui: defaultUiState(), minute: null, paused: false };
}

/** parseViewState validates what vscode.getState() returned; anything malformed is dropped. */
export function parseViewState(v: unknown): ViewState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  const ui = parseUiState(s.ui);
  if (!ui) return undefined;
  const m = s.minute as Record<string, unknown> | null;
  const span = m && typeof m.span === 'number' && m.span > 0 && Number.isFinite(m.span) ? m.span : undefined;
  const minute: MinuteFilter | null =
    m && typeof m === 'object' && typeof m.start === 'number' && typeof m.context === 'string'
      ? { start: m.start, context: m.context, ...(span ? { span } : {}) }
      : null;
  return {
    ui,
    minute,
    paused: s.paused === true,
  };
}

/**
 * toStreamFilter builds the list filter from the view state; a relative time range ends at
 * `anchor` (now, or a replay's capture time).
 */
export function toStreamFilter(v: ViewState, anchor = Date.now()): StreamFilter {
  const u = v.ui;
  return {
    warningsOnly: u.warningsOnly,
    contexts: u.contexts,
    namespaces: u.namespaces,
    kinds: u.kinds,
    reasons: u.reasons,
    sources: u.sources,
    hosts: u.hosts,
    time: resolveTimeRange(u.timeRange, anchor),
    object: u.object,
    minute: v.minute,
    text: u.text,
  };
}

export type ChipKind =
  'type' | 'context' | 'namespace' | 'kind' | 'reason' | 'source' | 'host' | 'object' | 'minute' | 'range';

/** Chip is one removable filter. */
export interface Chip {
  kind: ChipKind;
  value: string;
  label: string;
  /** The object chip's descendants toggle, when the object has descendants. */
  descendants?: { count: number; on: boolean };
}

const LIST_FIELD = {
  context: 'contexts',
  namespace: 'namespaces',
  kind: 'kinds',
  reason: 'reasons',
  source: 'sources',
  host: 'hosts',
} as const;
type ListChip = keyof typeof LIST_FIELD;

/** chipLabel is a list filter's chip: `context: prod`, `reason: BackOff`… */
function chipLabel(k: ListChip, value: string): string {
  switch (k) {
    case 'context':
      return t('context: {0}', value);
    case 'namespace':
      return t('namespace: {0}', value);
    case 'kind':
      return t('kind: {0}', value);
    case 'reason':
      return t('reason: {0}', value);
    case 'source':
      return t('source: {0}', value);
    case 'host':
      return t('host: {0}', value);
  }
}

/** chipsOf lists the active filters as chips, in a stable order. */
export function chipsOf(v: ViewState): Chip[] {
  const chips: Chip[] = [];
  if (v.ui.warningsOnly) chips.push({ kind: 'type', value: 'Warning', label: t('type: Warning') });
  for (const k of Object.keys(LIST_FIELD) as ListChip[]) {
    for (const value of v.ui[LIST_FIELD[k]]) chips.push({ kind: k, value, label: chipLabel(k, value) });
  }
  const o = v.ui.object;
  if (o) {
    const chip: Chip = { kind: 'object', value: o.label, label: t('object: {0}', o.label) };
    if (o.descendantUids.length)
      chip.descendants = { count: o.descendantUids.length, on: o.includeDescendants };
    chips.push(chip);
  }
  if (v.ui.timeRange.mode !== 'all') {
    const r = v.ui.timeRange;
    chips.push({ kind: 'range', value: r.mode, label: t('range: {0}', rangeLabel(r)) });
  }
  if (v.minute) {
    const span = v.minute.span ?? 60_000;
    const at = `${bucketLabel(v.minute.start, span)}–${bucketLabel(v.minute.start + span, span)}`;
    chips.push({
      kind: 'minute',
      value: String(v.minute.start),
      label: v.minute.context ? t('time: {0} ({1})', at, v.minute.context) : t('time: {0}', at),
    });
  }
  return chips;
}

/** removeChip returns the state without one chip's filter. */
export function removeChip(v: ViewState, chip: Chip): ViewState {
  switch (chip.kind) {
    case 'type':
      return { ...v, ui: { ...v.ui, warningsOnly: false } };
    case 'object':
      return { ...v, ui: { ...v.ui, object: null } };
    case 'minute':
      return { ...v, minute: null };
    case 'range':
      return setTimeRange(v, defaultUiState().timeRange);
    default: {
      const field = LIST_FIELD[chip.kind];
      return { ...v, ui: { ...v.ui, [field]: v.ui[field].filter((x) => x !== chip.value) } };
    }
  }
}

/**
 * setIncludeDescendants switches the object filter between the object's own events and the
 * object's plus its descendants' (no-op without an object filter).
 */
export function setIncludeDescendants(v: ViewState, on: boolean): ViewState {
  const o = v.ui.object;
  if (!o || o.includeDescendants === on) return v;
  return { ...v, ui: { ...v.ui, object: { ...o, includeDescendants: on } } };
}

/**
 * applyHostFilter applies a command's filter (see HostFilter): with `clearOthers` every filter it
 * does not name is removed first; sort, grouping and pause are left alone.
 */
export function applyHostFilter(v: ViewState, f: HostFilter): ViewState {
  const ui: UiState = f.clearOthers
    ? {
        ...v.ui,
        warningsOnly: false,
        object: null,
        text: '',
        contexts: [],
        namespaces: [],
        kinds: [],
        reasons: [],
        sources: [],
        hosts: [],
        timeRange: defaultUiState().timeRange,
      }
    : { ...v.ui };
  if (f.object !== undefined) ui.object = f.object;
  if (f.warningsOnly !== undefined) ui.warningsOnly = f.warningsOnly;
  if (f.contexts !== undefined) ui.contexts = [...f.contexts];
  if (f.namespaces !== undefined) ui.namespaces = [...f.namespaces];
  return { ...v, ui, minute: f.clearOthers ? null : v.minute };
}

/** addChip adds a value to a list filter (no duplicates). */
export function addChip(v: ViewState, kind: ListChip, value: string): ViewState {
  const field = LIST_FIELD[kind];
  if (v.ui[field].includes(value)) return v;
  return { ...v, ui: { ...v.ui, [field]: [...v.ui[field], value] } };
}

/**
 * setTimeRange sets the list's time range; the timeline bar filter goes, since the timeline's
 * buckets change with the range.
 */
export function setTimeRange(v: ViewState, timeRange: TimeRange): ViewState {
  return { ...v, ui: { ...v.ui, timeRange }, minute: null };
}

/**
 * applyPreset replaces the filters, sort and grouping with a saved preset's; the object filter
 * and the timeline bar go (a preset holds neither), pause is left alone.
 */
export function applyPreset(v: ViewState, p: FilterPreset): ViewState {
  return { ...v, ui: { ...p.ui, object: null }, minute: null };
}

const TOKEN = /^(ctx|context|ns|namespace|kind|reason|type|source|from|host):(\S+)$/i;
const TOKEN_KIND: Record<string, ListChip | 'type'> = {
  source: 'source',
  from: 'source',
  host: 'host',
  ctx: 'context',
  context: 'context',
  ns: 'namespace',
  namespace: 'namespace',
  kind: 'kind',
  reason: 'reason',
  type: 'type',
};

/**
 * applyTokens turns `ns:foo kind:Pod reason:BackOff ctx:prod type:warning source:kubelet
 * host:node-1` words of the free text into chips (`from:` is `source:`) and leaves the other
 * words as text.
 */
export function applyTokens(v: ViewState, text: string): ViewState {
  let next = v;
  const rest: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const m = TOKEN.exec(word);
    if (!m) {
      if (word) rest.push(word);
      continue;
    }
    const kind = TOKEN_KIND[m[1]!.toLowerCase()]!;
    if (kind === 'type') {
      if (m[2]!.toLowerCase() === 'warning') next = { ...next, ui: { ...next.ui, warningsOnly: true } };
      else rest.push(word);
    } else next = addChip(next, kind, m[2]!);
  }
  return { ...next, ui: { ...next.ui, text: rest.join(' ') } };
}
