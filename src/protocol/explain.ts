// The explanation panel's messages between the host and the Events webview (additive to
// events.ts): what is selected, the explanations the host computed for it, the next step the
// user pressed, and the rollout marks of the timeline. Plain data with guards; no vscode, no
// DOM, no Node. Every string is text: the webview inserts it as text nodes only.

/** EXPLAIN_LIMITS bound what either side accepts. */
export const EXPLAIN_LIMITS = {
  /** Events explained for one selection (a group's newest Warning per reason). */
  events: 5,
  /** Characters of one line (cause, evidence, step title, kubectl line). */
  line: 1024,
  /** Evidence lines, rollout lines and steps of one explanation. */
  evidence: 30,
  steps: 12,
  rollout: 40,
  /** Rollout marks on the timeline. */
  marks: 500,
  /** Identifiers (context, key, kind, namespace, name, uid). */
  id: 4096,
} as const;

/** ExplainEventRef names one event: its context and its key (`namespace/name`). */
export interface ExplainEventRef {
  context: string;
  key: string;
}

/** SelectionObject is the object a selected row or group is about (for "Open Manifest"). */
export interface SelectionObject {
  context: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

/**
 * ExplainSelectMessage (webview → host): the selection changed. `seq` rises on every change;
 * the host answers with an `explanation` of the same seq (and again, same seq, while the cause
 * changes). `events` are the Warnings to explain (empty for a Normal row), `object` the
 * selected object, null when nothing is selected.
 */
export interface ExplainSelectMessage {
  type: 'explainSelect';
  seq: number;
  events: ExplainEventRef[];
  object: SelectionObject | null;
}

/** ExplainStepMessage (webview → host): run step `step` of explanation `item` of panel `seq`. */
export interface ExplainStepMessage {
  type: 'explainStep';
  seq: number;
  item: number;
  step: number;
}

/** OpenManifestMessage (webview → host): open the workspace manifest of the selected object. */
export interface OpenManifestMessage {
  type: 'openManifest';
  seq: number;
}

/** ExplainStepView is one next step as the panel shows it: a button, and a kubectl line if any. */
export interface ExplainStepView {
  title: string;
  command: 'describe' | 'showEvents' | 'reveal' | 'kubectl';
  kubectl: string;
}

/** ExplainItemView is one explained Warning, every string sanitized and cut by the host. */
export interface ExplainItemView {
  event: ExplainEventRef;
  reason: string;
  /** `Pod shop/web-1`. */
  subject: string;
  cause: string;
  confidence: 'exact' | 'partial' | 'generic';
  evidence: string[];
  rollout: string[];
  steps: ExplainStepView[];
}

/**
 * ExplanationMessage (host → webview): the panel for selection `seq`. `items` is empty when
 * nothing could be explained (`note` says why); `manifest` is true when the workspace defines
 * the selected object.
 */
export interface ExplanationMessage {
  type: 'explanation';
  seq: number;
  items: ExplainItemView[];
  note: string;
  manifest: boolean;
}

/** RolloutMark is one revision of a workload rolled out at `at` (epoch ms), for the timeline. */
export interface RolloutMark {
  context: string;
  /** `Deployment shop/web`. */
  workload: string;
  revision: string;
  at: number;
}

/** RolloutMarksMessage (host → webview): every rollout mark of the timeline's hour (replaces the last). */
export interface RolloutMarksMessage {
  type: 'rolloutMarks';
  marks: RolloutMark[];
}

export type ExplainHostMessage = ExplanationMessage | RolloutMarksMessage;
export type ExplainWebviewMessage = ExplainSelectMessage | ExplainStepMessage | OpenManifestMessage;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number = EXPLAIN_LIMITS.line): v is string =>
  typeof v === 'string' && v.length <= max;
const isIndex = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
const isStrList = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((s) => isStr(s));
const STEP_COMMANDS = ['describe', 'showEvents', 'reveal', 'kubectl'] as const;
const CONFIDENCES = ['exact', 'partial', 'generic'] as const;
const oneOf = <T extends string>(v: unknown, options: readonly T[]): v is T =>
  typeof v === 'string' && (options as readonly string[]).includes(v);

function isEventRef(v: unknown): v is ExplainEventRef {
  return isRec(v) && isStr(v.context, EXPLAIN_LIMITS.id) && isStr(v.key, EXPLAIN_LIMITS.id) && v.key !== '';
}

function isSelectionObject(v: unknown): v is SelectionObject {
  return (
    isRec(v) &&
    ['context', 'kind', 'namespace', 'name', 'uid'].every((k) => isStr(v[k], EXPLAIN_LIMITS.id)) &&
    v.kind !== '' &&
    v.name !== ''
  );
}

function isStepView(v: unknown): v is ExplainStepView {
  return isRec(v) && isStr(v.title) && oneOf(v.command, STEP_COMMANDS) && isStr(v.kubectl);
}

function isItemView(v: unknown): v is ExplainItemView {
  return (
    isRec(v) &&
    isEventRef(v.event) &&
    isStr(v.reason) &&
    isStr(v.subject) &&
    isStr(v.cause) &&
    oneOf(v.confidence, CONFIDENCES) &&
    isStrList(v.evidence, EXPLAIN_LIMITS.evidence) &&
    isStrList(v.rollout, EXPLAIN_LIMITS.rollout) &&
    Array.isArray(v.steps) &&
    v.steps.length <= EXPLAIN_LIMITS.steps &&
    v.steps.every(isStepView)
  );
}

function isRolloutMark(v: unknown): v is RolloutMark {
  return (
    isRec(v) &&
    isStr(v.context, EXPLAIN_LIMITS.id) &&
    isStr(v.workload) &&
    isStr(v.revision, 64) &&
    typeof v.at === 'number' &&
    Number.isFinite(v.at)
  );
}

/** isExplainHostMessage validates an explanation or rollout-marks message from the host. */
export function isExplainHostMessage(v: unknown): v is ExplainHostMessage {
  if (!isRec(v)) return false;
  if (v.type === 'explanation')
    return (
      isIndex(v.seq) &&
      Array.isArray(v.items) &&
      v.items.length <= EXPLAIN_LIMITS.events &&
      v.items.every(isItemView) &&
      isStr(v.note) &&
      typeof v.manifest === 'boolean'
    );
  if (v.type === 'rolloutMarks')
    return Array.isArray(v.marks) && v.marks.length <= EXPLAIN_LIMITS.marks && v.marks.every(isRolloutMark);
  return false;
}

/** isExplainWebviewMessage validates a selection, step or open-manifest message from the webview. */
export function isExplainWebviewMessage(v: unknown): v is ExplainWebviewMessage {
  if (!isRec(v) || !isIndex(v.seq)) return false;
  switch (v.type) {
    case 'explainSelect':
      return (
        Array.isArray(v.events) &&
        v.events.length <= EXPLAIN_LIMITS.events &&
        v.events.every(isEventRef) &&
        (v.object === null || isSelectionObject(v.object))
      );
    case 'explainStep':
      return isIndex(v.item) && isIndex(v.step);
    case 'openManifest':
      return true;
    default:
      return false;
  }
}
