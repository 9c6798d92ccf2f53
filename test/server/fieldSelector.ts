/**
 * fieldSelector: parses field selectors (`f=v`, `f==v`, `f!=v`, comma-ANDed, `\,` escapes) and
 * evaluates them against the fields each kind supports, as the real server's field label
 * conversion does. An unsupported field is a 400 "field label not supported: X".
 */
import type { ResourceKind } from '../../src/core/kinds';
import type { KubeObject } from '../../src/core/cache/types';
import { badRequest } from './status';

/** FieldMatcher tests a stored object (events in their core/v1 storage form). */
export type FieldMatcher = (obj: KubeObject) => boolean;

type Getter = (o: KubeObject) => string;
type Rec = Record<string, unknown>;

function path(...keys: string[]): Getter {
  return (o) => {
    let cur: unknown = o;
    for (const k of keys) cur = cur && typeof cur === 'object' ? (cur as Rec)[k] : undefined;
    if (cur === undefined || cur === null) return '';
    return String(cur);
  };
}

const COMMON: Record<string, Getter> = {
  'metadata.name': path('metadata', 'name'),
  'metadata.namespace': path('metadata', 'namespace'),
};

const CORE_EVENT: Record<string, Getter> = {
  'involvedObject.kind': path('involvedObject', 'kind'),
  'involvedObject.namespace': path('involvedObject', 'namespace'),
  'involvedObject.name': path('involvedObject', 'name'),
  'involvedObject.uid': path('involvedObject', 'uid'),
  'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
  reason: path('reason'),
  reportingComponent: path('reportingComponent'),
  // pkg/registry/core/event/strategy.go: `source` is source.component, else reportingController.
  source: (o) => path('source', 'component')(o) || path('reportingComponent')(o),
  type: path('type'),
};

/** The events.k8s.io/v1 names, mapped onto the core/v1 storage form. */
const EVENTS_V1: Record<string, Getter> = {
  'regarding.kind': CORE_EVENT['involvedObject.kind']!,
  'regarding.namespace': CORE_EVENT['involvedObject.namespace']!,
  'regarding.name': CORE_EVENT['involvedObject.name']!,
  'regarding.uid': CORE_EVENT['involvedObject.uid']!,
  'regarding.apiVersion': CORE_EVENT['involvedObject.apiVersion']!,
  'regarding.resourceVersion': CORE_EVENT['involvedObject.resourceVersion']!,
  'regarding.fieldPath': CORE_EVENT['involvedObject.fieldPath']!,
  reason: path('reason'),
  reportingController: path('reportingComponent'),
  type: path('type'),
};

const BY_KIND: Record<string, Record<string, Getter>> = {
  'v1/Event': CORE_EVENT,
  'events.k8s.io/v1/Event': EVENTS_V1,
  'v1/Pod': {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => String(Boolean((o.spec as Rec | undefined)?.hostNetwork)),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  'v1/Namespace': { 'status.phase': path('status', 'phase') },
  'v1/Node': { 'spec.unschedulable': (o) => String(Boolean((o.spec as Rec | undefined)?.unschedulable)) },
  'apps/v1/ReplicaSet': { 'status.replicas': path('status', 'replicas') },
  'batch/v1/Job': { 'status.successful': path('status', 'successful') },
};

function fieldsFor(k: ResourceKind): Record<string, Getter> {
  const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
  return { ...COMMON, ...(BY_KIND[`${apiVersion}/${k.kind}`] ?? {}) };
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** parseFieldSelector returns a matcher for kind `k`, or undefined for an empty selector. */
export function parseFieldSelector(selector: string | undefined, k: ResourceKind): FieldMatcher | undefined {
  if (!selector || !selector.trim()) return undefined;
  const fields = fieldsFor(k);
  const tests: FieldMatcher[] = [];
  for (const raw of splitUnescaped(selector, ',')) {
    const term = raw.trim();
    if (!term) continue;
    const m = /^((?:[^=!\\]|\\.)+?)\s*(!=|==|=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const field = unescape(m[1]!.trim());
    const value = unescape(m[3]!.trim());
    const get = fields[field];
    if (!get) throw badRequest(`field label not supported: ${field}`);
    tests.push(m[2] === '!=' ? (o) => get(o) !== value : (o) => get(o) === value);
  }
  if (tests.length === 0) return undefined;
  return (o) => tests.every((t) => t(o));
}
