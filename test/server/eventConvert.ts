/**
 * eventConvert: core/v1 Events and events.k8s.io/v1 Events are one storage exposed two ways,
 * as in the real server. Objects are stored in the core/v1 form; these functions convert on
 * the way in and out. Neither mutates its argument.
 */
import type { KubeObject } from '../../src/core/cache/types';

type Rec = Record<string, unknown>;

/** FIELD_PAIRS maps core/v1 field names to their events.k8s.io/v1 names. */
const FIELD_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['count', 'deprecatedCount'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['reportingComponent', 'reportingController'],
];

const CORE_TO_V1 = new Map(FIELD_PAIRS.map(([a, b]) => [a, b]));
const V1_TO_CORE = new Map(FIELD_PAIRS.map(([a, b]) => [b, a]));

function rename(obj: Rec, names: Map<string, string>, apiVersion: string): KubeObject {
  const out: Rec = { kind: 'Event', apiVersion };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'kind' || k === 'apiVersion') continue;
    if (v === undefined) continue;
    out[names.get(k) ?? k] = v;
  }
  return out as KubeObject;
}

/** toEventsV1 converts a stored core/v1 Event to events.k8s.io/v1. */
export function toEventsV1(core: KubeObject): KubeObject {
  return rename(core, CORE_TO_V1, 'events.k8s.io/v1');
}

/** toCoreEvent converts an events.k8s.io/v1 Event to the core/v1 storage form. */
export function toCoreEvent(v1: KubeObject): KubeObject {
  return rename(v1, V1_TO_CORE, 'v1');
}

/** isEventsV1 tells whether an apiVersion names the events.k8s.io group. */
export function isEventsV1(apiVersion: string | undefined): boolean {
  return apiVersion === 'events.k8s.io/v1';
}
