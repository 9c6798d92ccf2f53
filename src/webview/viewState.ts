// Pure view state of the Events webview: filters, sort, grouping; chips; the free-text syntax.
import type { StreamFilter } from '../core/stream/filter';
import {
  defaultUiState,
  isObjectFilter,
  isUiState,
  type ObjectFilter,
  type UiState,
} from '../protocol/events';
import { minuteLabel } from './format';

/** MinuteFilter is a timeline bar's minute (and its context). */
export interface MinuteFilter {
  start: number;
  context: string;
}

/** ViewState is everything the webview restores after being hidden (rows come from the host). */
export interface ViewState {
  ui: UiState;
  object: ObjectFilter | null;
  minute: MinuteFilter | null;
  paused: boolean;
}

export function initialViewState(): ViewState {
  return { ui: defaultUiState(), object: null, minute: null, paused: false };
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
    object: isObjectFilter(s.object) ? s.object : null,
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
    object: v.object,
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
}

const LIST_FIELD = {
  context: 'contexts',
  namespace: 'namespaces',
  kind: 'kinds',
  reason: 'reasons',
} as const;
type ListChip = keyof typeof LIST_FIELD;

/** chipsOf lists the active filters as chips, in a stable order. */
export function chipsOf(v: ViewState): Chip[] {
  const chips: Chip[] = [];
  if (v.ui.warningsOnly) chips.push({ kind: 'type', value: 'Warning', label: 'type: Warning' });
  for (const k of Object.keys(LIST_FIELD) as ListChip[]) {
    for (const value of v.ui[LIST_FIELD[k]]) chips.push({ kind: k, value, label: `${k}: ${value}` });
  }
  if (v.object) chips.push({ kind: 'object', value: v.object.label, label: `object: ${v.object.label}` });
  if (v.minute) {
    const at = `${minuteLabel(v.minute.start)}–${minuteLabel(v.minute.start + 60_000)}`;
    chips.push({
      kind: 'minute',
      value: String(v.minute.start),
      label: `time: ${at}${v.minute.context ? ` (${v.minute.context})` : ''}`,
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
      return { ...v, object: null };
    case 'minute':
      return { ...v, minute: null };
    default: {
      const field = LIST_FIELD[chip.kind];
      return { ...v, ui: { ...v.ui, [field]: v.ui[field].filter((x) => x !== chip.value) } };
    }
  }
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
