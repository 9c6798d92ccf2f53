// The Events webview's message protocol: every message the host and the webview exchange, with
// guards that validate each field. Neither side acts on a message its guard rejected.
// No vscode, no DOM, no Node: both bundles import this file.
import {
  type ExplainHostMessage,
  type ExplainWebviewMessage,
  isExplainHostMessage,
  isExplainWebviewMessage,
} from './explain';

/**
 * EventRow is one event as the webview sees it: plain strings and numbers only. Times are epoch
 * milliseconds, 0 when the event carries no time (never rendered as a date). `expired` is 1 once
 * the API server deleted the event (TTL) or it was lost from sight, else 0.
 */
export interface EventRow {
  id: string;
  context: string;
  /** The Event object's own namespace/name. */
  key: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen: number;
  firstSeen: number;
  source: string;
  host: string;
  /** The involved object (involvedObject / regarding). */
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  fieldPath: string;
  /** The involved object's top controller, when the host knows it ('' otherwise). */
  ownerKind: string;
  ownerName: string;
  ownerUid: string;
  expired: 0 | 1;
  /** When the event was marked expired (epoch ms), 0 while live. */
  expiredAt: number;
}

/** ObjectRefMessage names a Kubernetes object for reveal/describe. */
export interface ObjectRefMessage {
  context: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

/**
 * ObjectFilter restricts the list to events about one object ("Show Events" from the tree):
 * `uids` holds the object's own uid(s), `descendantUids` its descendants' (a Deployment's
 * ReplicaSets and Pods), which count only while `includeDescendants` is on; the webview flips
 * that toggle itself, without asking the host. `label` names the object on its chip
 * ("Deployment/web").
 */
export interface ObjectFilter {
  context: string;
  uids: string[];
  descendantUids: string[];
  includeDescendants: boolean;
  label: string;
}

/**
 * HostFilter is a filter the host sets from a command ("Show Events", "Show Warnings"). With
 * `clearOthers`, every filter it does not name is removed first (text, context, namespace, kind,
 * reason, time, and the object and type filters when absent). `object` replaces the object filter
 * (null removes it); `warningsOnly` sets the type filter; `contexts` and `namespaces` replace
 * those chips; an absent field keeps what the user had (unless `clearOthers`).
 */
export interface HostFilter {
  object?: ObjectFilter | null;
  warningsOnly?: boolean;
  contexts?: string[];
  namespaces?: string[];
  clearOthers: boolean;
}

export type SortColumn =
  'lastSeen' | 'type' | 'context' | 'namespace' | 'object' | 'reason' | 'message' | 'count' | 'source';
export const SORT_COLUMNS: readonly SortColumn[] = [
  'lastSeen',
  'type',
  'context',
  'namespace',
  'object',
  'reason',
  'message',
  'count',
  'source',
];

export type GroupMode = 'none' | 'object' | 'owner';
export const GROUP_MODES: readonly GroupMode[] = ['none', 'object', 'owner'];

export type ExportFormat = 'json' | 'csv';

/** CopyFormat is how a copied event (or group) lands on the clipboard. */
export type CopyFormat = 'text' | 'json' | 'yaml';
export const COPY_FORMATS: readonly CopyFormat[] = ['text', 'json', 'yaml'];

/**
 * TimeRangeMode: the last 5 / 15 / 60 minutes before now (in a replay: before the capture), all
 * of the history, or `custom` from–to (epoch ms, both inclusive; `from` and `to` are 0 otherwise).
 */
export type TimeRangeMode = 'all' | '5m' | '15m' | '1h' | 'custom';
export const TIME_RANGE_MODES: readonly TimeRangeMode[] = ['all', '5m', '15m', '1h', 'custom'];

/** TimeRange is the list's time window over each event's last-seen time; see TimeRangeMode. */
export interface TimeRange {
  mode: TimeRangeMode;
  from: number;
  to: number;
}

/** FilterPreset is a named filter set the user saved (the object filter is never part of it). */
export interface FilterPreset {
  name: string;
  ui: UiState;
}

/**
 * ReplayInfo labels a page showing an exported file instead of the live stream: the file's name,
 * when it was captured (epoch ms, 0 when unknown), and how many records it held and were skipped
 * as invalid.
 */
export interface ReplayInfo {
  file: string;
  capturedAt: number;
  total: number;
  skipped: number;
}

/**
 * UiState is the webview's persisted view state (filters, sort, grouping); not the rows. The
 * object filter, with its descendants toggle, is part of it, so it survives a window reload.
 */
export interface UiState {
  warningsOnly: boolean;
  object: ObjectFilter | null;
  text: string;
  contexts: string[];
  namespaces: string[];
  kinds: string[];
  reasons: string[];
  /** Reporting component (source.component / reportingController) chips. */
  sources: string[];
  /** Reporting host (source.host / reportingInstance) chips. */
  hosts: string[];
  timeRange: TimeRange;
  sort: SortColumn;
  descending: boolean;
  group: GroupMode;
}

/** Host → webview. */
export type HostMessage =
  /** snapshot: the full history in chunks; `first` clears the webview's rows, `last` ends it. */
  | { type: 'snapshot'; rows: EventRow[]; first: boolean; last: boolean; now: number; ui: UiState | null }
  /**
   * delta: coalesced changes since the last delta, applied in order upsert, expire, remove.
   * `sentAt` is the host's clock (epoch ms) when it posted the delta: diagnostics only (the
   * bench splits host time from VS Code's transport with it); the page never trusts it.
   */
  | { type: 'delta'; upsert: EventRow[]; expire: ExpireEntry[]; remove: string[]; sentAt?: number }
  /** setFilter: a command's filter (see HostFilter); also scrolls to the newest and follows. */
  | { type: 'setFilter'; filter: HostFilter }
  /** requestExport: the export command asks for the visible rows; answered with `export`. */
  | { type: 'requestExport'; format: ExportFormat }
  /** explanation, rolloutMarks: the explanation panel and the timeline's marks (see explain.ts). */
  | ExplainHostMessage
  /** presets: the saved filter presets (after `ready`, and whenever they change). */
  | { type: 'presets'; presets: FilterPreset[] }
  /** focusFilter: the keybinding asks to put the focus in the filter box. */
  | { type: 'focusFilter' }
  /** replay: this page shows an exported file, read-only (sent before its snapshot). */
  | { type: 'replay'; info: ReplayInfo };

export interface ExpireEntry {
  id: string;
  at: number;
}

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  /** ack: the page applied the last delta and painted a frame; the host may send the next one. */
  | { type: 'ack' }
  | ({ type: 'revealObject' } & ObjectRefMessage)
  | ({ type: 'describe' } & ObjectRefMessage)
  /** explain: open the explanation of a Warning, named by its context and key. */
  | { type: 'explain'; context: string; key: string }
  /** export: the ids of the visible rows, in display order. */
  | { type: 'export'; format: ExportFormat; ids: string[] }
  | { type: 'filterChanged'; ui: UiState }
  /** explainSelect, explainStep, openManifest: the explanation panel (see explain.ts). */
  | ExplainWebviewMessage
  /** copy: put these rows (one event, or a group's rows in display order) on the clipboard. */
  | { type: 'copy'; format: CopyFormat; ids: string[] }
  /** savePreset: ask the user for a name and save `ui` under it. */
  | { type: 'savePreset'; ui: UiState }
  /** deletePreset: delete the preset `name`; '' asks the user which. */
  | { type: 'deletePreset'; name: string };

/**
 * Limits on what either side accepts: from the webview (ids, strings, filter text, lists), and
 * the length of a row's strings from the host (`maxRowText` for message, `maxRowString` for the
 * rest; the host's own caps are far lower, see core/validate FIELD_LIMITS).
 */
export const LIMITS = {
  maxIds: 1_000_000,
  maxString: 4096,
  maxText: 1024,
  maxList: 1000,
  maxRowString: 65_536,
  maxRowText: 2_097_152,
  maxPresets: 50,
  maxPresetName: 80,
} as const;

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStr(v: unknown, max = Infinity): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isBool(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

function isStrArray(v: unknown, maxLen: number, maxStr: number): v is string[] {
  if (!Array.isArray(v) || v.length > maxLen) return false;
  for (const s of v) if (!isStr(s, maxStr)) return false;
  return true;
}

function isOneOf<T extends string>(v: unknown, options: readonly T[]): v is T {
  return typeof v === 'string' && (options as readonly string[]).includes(v);
}

const ROW_STRINGS = [
  'id',
  'context',
  'key',
  'type',
  'reason',
  'message',
  'source',
  'host',
  'kind',
  'namespace',
  'name',
  'uid',
  'apiVersion',
  'fieldPath',
  'ownerKind',
  'ownerName',
  'ownerUid',
] as const;
const ROW_NUMBERS = ['count', 'lastSeen', 'firstSeen', 'expiredAt'] as const;

/**
 * isEventRow validates every field of a row (used on snapshots, deltas and persisted history):
 * each string a string within LIMITS, each number finite, `expired` 0 or 1.
 */
export function isEventRow(v: unknown): v is EventRow {
  if (!isRec(v)) return false;
  for (const k of ROW_STRINGS)
    if (!isStr(v[k], k === 'message' ? LIMITS.maxRowText : LIMITS.maxRowString)) return false;
  for (const k of ROW_NUMBERS) if (!isNum(v[k])) return false;
  return v.expired === 0 || v.expired === 1;
}

function isRowArray(v: unknown): v is EventRow[] {
  return Array.isArray(v) && v.every(isEventRow);
}

/** isObjectFilter validates a "Show Events" object filter. */
export function isObjectFilter(v: unknown): v is ObjectFilter {
  return (
    isRec(v) &&
    isStr(v.context, LIMITS.maxString) &&
    isStr(v.label, LIMITS.maxString) &&
    isStrArray(v.uids, LIMITS.maxIds, LIMITS.maxString) &&
    isStrArray(v.descendantUids, LIMITS.maxIds, LIMITS.maxString) &&
    isBool(v.includeDescendants)
  );
}

/** isHostFilter validates a command's filter (an optional field may be missing or undefined). */
export function isHostFilter(v: unknown): v is HostFilter {
  return (
    isRec(v) &&
    isBool(v.clearOthers) &&
    (v.object === undefined || v.object === null || isObjectFilter(v.object)) &&
    (v.warningsOnly === undefined || isBool(v.warningsOnly)) &&
    (v.contexts === undefined || isStrArray(v.contexts, LIMITS.maxList, LIMITS.maxString)) &&
    (v.namespaces === undefined || isStrArray(v.namespaces, LIMITS.maxList, LIMITS.maxString))
  );
}

/**
 * mergeHostFilters folds `next` into a filter still waiting for a page (`prev`), so that applying
 * the result equals applying `prev` then `next`: a `clearOthers` filter replaces what was pending,
 * otherwise the fields `next` names win.
 */
export function mergeHostFilters(prev: HostFilter | null, next: HostFilter): HostFilter {
  if (!prev || next.clearOthers) return next;
  const merged: HostFilter = { clearOthers: prev.clearOthers };
  const object = next.object !== undefined ? next.object : prev.object;
  const warningsOnly = next.warningsOnly ?? prev.warningsOnly;
  const contexts = next.contexts ?? prev.contexts;
  const namespaces = next.namespaces ?? prev.namespaces;
  if (object !== undefined) merged.object = object;
  if (warningsOnly !== undefined) merged.warningsOnly = warningsOnly;
  if (contexts !== undefined) merged.contexts = contexts;
  if (namespaces !== undefined) merged.namespaces = namespaces;
  return merged;
}

/**
 * isTimeRange validates a time range: a known mode, finite times, and for `custom` a window
 * with from <= to (both 0 for the other modes is not required: they are ignored).
 */
export function isTimeRange(v: unknown): v is TimeRange {
  return (
    isRec(v) &&
    isOneOf(v.mode, TIME_RANGE_MODES) &&
    isNum(v.from) &&
    isNum(v.to) &&
    (v.mode !== 'custom' || v.from <= v.to)
  );
}

/** isUiState validates persisted UI state; anything unknown or oversized is rejected. */
export function isUiState(v: unknown): v is UiState {
  const list = (x: unknown) => isStrArray(x, LIMITS.maxList, LIMITS.maxString);
  return (
    isRec(v) &&
    isBool(v.warningsOnly) &&
    (v.object === null || isObjectFilter(v.object)) &&
    isStr(v.text, LIMITS.maxText) &&
    list(v.contexts) &&
    list(v.namespaces) &&
    list(v.kinds) &&
    list(v.reasons) &&
    list(v.sources) &&
    list(v.hosts) &&
    isTimeRange(v.timeRange) &&
    isOneOf(v.sort, SORT_COLUMNS) &&
    isBool(v.descending) &&
    isOneOf(v.group, GROUP_MODES)
  );
}

/**
 * parseUiState reads UI state saved by this or an older version: the fields added since
 * (sources, hosts, timeRange) default when absent; then everything is validated as isUiState.
 */
export function parseUiState(v: unknown): UiState | undefined {
  if (!isRec(v)) return undefined;
  const d = defaultUiState();
  const up = {
    ...v,
    sources: v.sources ?? d.sources,
    hosts: v.hosts ?? d.hosts,
    timeRange: v.timeRange ?? d.timeRange,
  };
  return isUiState(up) ? up : undefined;
}

/** isPresetName: a non-blank name of at most LIMITS.maxPresetName characters. */
export function isPresetName(v: unknown): v is string {
  return isStr(v, LIMITS.maxPresetName) && v.trim() !== '';
}

/** isFilterPreset validates one preset (its name, and its state as isUiState, without object). */
export function isFilterPreset(v: unknown): v is FilterPreset {
  return isRec(v) && isPresetName(v.name) && isUiState(v.ui) && v.ui.object === null;
}

function isReplayInfo(v: unknown): v is ReplayInfo {
  return (
    isRec(v) && isStr(v.file, LIMITS.maxString) && isNum(v.capturedAt) && isNum(v.total) && isNum(v.skipped)
  );
}

function isObjectRefMessage(v: Rec): boolean {
  return (
    isStr(v.context, LIMITS.maxString) &&
    isStr(v.kind, LIMITS.maxString) &&
    isStr(v.namespace, LIMITS.maxString) &&
    isStr(v.name, LIMITS.maxString) &&
    isStr(v.uid, LIMITS.maxString) &&
    v.name !== '' &&
    v.kind !== ''
  );
}

function isExpireEntry(v: unknown): v is ExpireEntry {
  return isRec(v) && typeof v.id === 'string' && isNum(v.at);
}

/** isHostMessage validates a message from the host (the webview checks every message). */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRec(v)) return false;
  switch (v.type) {
    case 'snapshot':
      return (
        isRowArray(v.rows) &&
        isBool(v.first) &&
        isBool(v.last) &&
        isNum(v.now) &&
        (v.ui === null || isUiState(v.ui))
      );
    case 'delta':
      return (
        isRowArray(v.upsert) &&
        Array.isArray(v.expire) &&
        v.expire.every(isExpireEntry) &&
        Array.isArray(v.remove) &&
        v.remove.every((s) => typeof s === 'string') &&
        (v.sentAt === undefined || isNum(v.sentAt))
      );
    case 'setFilter':
      return isHostFilter(v.filter);
    case 'requestExport':
      return isOneOf(v.format, ['json', 'csv'] as const);
    case 'presets':
      return (
        Array.isArray(v.presets) && v.presets.length <= LIMITS.maxPresets && v.presets.every(isFilterPreset)
      );
    case 'focusFilter':
      return true;
    case 'replay':
      return isReplayInfo(v.info);
    default:
      return isExplainHostMessage(v);
  }
}

/**
 * parseHostMessage validates a message from the host as isHostMessage does, except that the
 * rows of a snapshot or delta are validated one by one: an invalid row is left out (and
 * counted in `dropped`) instead of failing the message, so one bad row never empties the view
 * nor takes the other rows of its chunk with it. Returns undefined when the message itself is
 * invalid; the result is a new message holding only valid rows.
 */
export function parseHostMessage(v: unknown): { message: HostMessage; dropped: number } | undefined {
  if (!isRec(v) || (v.type !== 'snapshot' && v.type !== 'delta')) {
    return isHostMessage(v) ? { message: v, dropped: 0 } : undefined;
  }
  const field = v.type === 'snapshot' ? 'rows' : 'upsert';
  const rows = v[field];
  if (!Array.isArray(rows)) return undefined;
  const valid = rows.filter(isEventRow);
  const message = { ...v, [field]: valid };
  return isHostMessage(message) ? { message, dropped: rows.length - valid.length } : undefined;
}

/** isWebviewMessage validates a message from the webview (the host checks every message). */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isRec(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'ack':
      return true;
    case 'revealObject':
    case 'describe':
      return isObjectRefMessage(v);
    case 'explain':
      return isStr(v.context, LIMITS.maxString) && isStr(v.key, LIMITS.maxString) && v.key !== '';
    case 'export':
      return (
        isOneOf(v.format, ['json', 'csv'] as const) && isStrArray(v.ids, LIMITS.maxIds, LIMITS.maxString)
      );
    case 'filterChanged':
      return isUiState(v.ui);
    case 'copy':
      return isOneOf(v.format, COPY_FORMATS) && isStrArray(v.ids, LIMITS.maxIds, LIMITS.maxString);
    case 'savePreset':
      return isUiState(v.ui);
    case 'deletePreset':
      return v.name === '' || isPresetName(v.name);
    default:
      return isExplainWebviewMessage(v);
  }
}

/** defaultUiState is the state of a fresh view: everything, newest first, ungrouped. */
export function defaultUiState(): UiState {
  return {
    warningsOnly: false,
    object: null,
    text: '',
    contexts: [],
    namespaces: [],
    kinds: [],
    reasons: [],
    sources: [],
    hosts: [],
    timeRange: { mode: 'all', from: 0, to: 0 },
    sort: 'lastSeen',
    descending: true,
    group: 'none',
  };
}
