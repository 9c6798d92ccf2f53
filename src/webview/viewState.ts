// Pure view state of the Events webview: filters, sort, grouping; chips; the free-text syntax.
import type { StreamFilter } from '../core/stream/filter';
import { defaultUiState, type HostFilter, isUiState, type UiState } from '../protocol/events';
import { minuteLabel } from './format';
import { t } from './l10n';

/** MinuteFilter is a timeline bar's minute (and its context). */
export interface MinuteFilter {
  start: number;
  context: string;
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
  if (!isUiState(s.ui)) return undefined;
  const m = s.minute as Record<string, unknown> | null;
  const minute =
    m && typeof m === 'object' && typeof m.start === 'number' && typeof m.context === 'string'
      ? { start: m.start, context: m.context }
      : null;
  return {
    ui: s.ui,
    minute,
    paused: s.paused === true,
  };
}

/** toStreamFilter builds the list filter from the view state. */
export function toStreamFilter(v: ViewState): StreamFilter {
  const u = v.ui;
  return {
    warningsOnly: u.warningsOnly,
    contexts: u.contexts,
    namespaces: u.namespaces,
    kinds: u.kinds,
    reasons: u.reasons,
    object: u.object,
    minute: v.minute,
    text: u.text,
  };
}

export type ChipKind = 'type' | 'context' | 'namespace' | 'kind' | 'reason' | 'object' | 'minute';

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
  if (v.minute) {
    const at = `${minuteLabel(v.minute.start)}–${minuteLabel(v.minute.start + 60_000)}`;
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

const TOKEN = /^(ctx|context|ns|namespace|kind|reason|type):(\S+)$/i;
const TOKEN_KIND: Record<string, ListChip | 'type'> = {
  ctx: 'context',
  context: 'context',
  ns: 'namespace',
  namespace: 'namespace',
  kind: 'kind',
  reason: 'reason',
  type: 'type',
};

/**
 * applyTokens turns `ns:foo kind:Pod reason:BackOff ctx:prod type:warning` words of the free
 * text into chips and leaves the other words as text.
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
