/**
 * oversize: what becomes of an object larger than ReadLimits.maxObjectBytes. It is kept, not
 * dropped (the cache must still know it exists, and a later delete must find it), with its
 * identity metadata only and the TRUNCATED_ANNOTATION giving its size in bytes on the wire.
 * Everything else (spec, status, annotations) is dropped. An Event keeps its references (so it
 * still shows under its object) and gets a reason and message that say what happened, so that
 * every view (rows, tooltips, describe) shows the cut without knowing about it.
 */
import type { KubeObject, ObjectMeta, Status } from '../core/cache/types';
import { TRUNCATED_ANNOTATION } from '../core/resources/summary';
import { formatBytes } from './limits';

/** TRUNCATED_ANNOTATION marks an object cut down to its metadata; its value is the original size. */
export { TRUNCATED_ANNOTATION };

/** TRUNCATED_REASON is the reason given to an Event cut down to its metadata. */
export const TRUNCATED_REASON = 'KubeEventsTooLarge';

/** An Event's references and short scalars, kept when small (checked again by validateEvent). */
const EVENT_REFS = ['involvedObject', 'regarding', 'related'] as const;
const EVENT_SCALARS = ['type', 'eventTime', 'firstTimestamp', 'lastTimestamp', 'count'] as const;

const IDENTITY_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
] as const;

/**
 * truncateObject returns `obj` with only apiVersion, kind and its identity metadata (plus labels
 * and ownerReferences while they fit in `maxBytes`), marked with TRUNCATED_ANNOTATION = `bytes`.
 * Scalars of the wrong type are dropped, so the result is always small. `defaults` fill in
 * apiVersion and kind when the object has none (list items usually have none).
 */
export function truncateObject(
  obj: unknown,
  bytes: number,
  maxBytes: number,
  defaults?: { apiVersion: string; kind: string },
): KubeObject {
  const src = isRecord(obj) ? obj : {};
  const meta = isRecord(src.metadata) ? src.metadata : {};
  const metadata: ObjectMeta = {};
  for (const f of IDENTITY_FIELDS) {
    const v = meta[f];
    if (typeof v === 'string' || (f === 'generation' && typeof v === 'number')) metadata[f] = v as never;
  }
  metadata.annotations = { [TRUNCATED_ANNOTATION]: String(bytes) };
  const out: KubeObject = { metadata };
  if (typeof src.apiVersion === 'string') out.apiVersion = src.apiVersion.slice(0, 256);
  if (typeof src.kind === 'string') out.kind = src.kind.slice(0, 256);
  for (const extra of ['labels', 'ownerReferences'] as const) {
    const v = meta[extra];
    if (v === undefined || typeof v !== 'object' || v === null) continue;
    // Only ever stringifies a value the caller already parsed from under maxLineBytes.
    if (JSON.stringify(v).length <= maxBytes / 4) metadata[extra] = v as never;
  }
  if (defaults && out.apiVersion === undefined) out.apiVersion = defaults.apiVersion;
  if (defaults && out.kind === undefined) out.kind = defaults.kind;
  if (out.kind === 'Event') markEvent(src, out, bytes, maxBytes);
  return out;
}

/** markEvent keeps an oversize Event's references and short fields, and says why the rest is gone. */
function markEvent(src: Record<string, unknown>, out: KubeObject, bytes: number, maxBytes: number): void {
  const e = out as KubeObject & Record<string, unknown>;
  for (const ref of EVENT_REFS) {
    const v = src[ref];
    if (isRecord(v) && JSON.stringify(v).length <= 4096) e[ref] = v;
  }
  for (const f of EVENT_SCALARS) {
    const v = src[f];
    if ((typeof v === 'string' && v.length <= 64) || (typeof v === 'number' && Number.isFinite(v))) e[f] = v;
  }
  e.reason = TRUNCATED_REASON;
  const text = `This event was ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} limit: only its metadata was kept.`;
  if (typeof out.apiVersion === 'string' && out.apiVersion.startsWith('events.k8s.io/')) e.note = text;
  else e.message = text;
}

/** truncateStatus cuts a watch ERROR's Status down to its code, reason and 1 KiB of message. */
export function truncateStatus(obj: unknown): Status {
  const src = isRecord(obj) ? obj : {};
  const status: Status = { kind: 'Status' };
  if (typeof src.code === 'number') status.code = src.code;
  if (typeof src.reason === 'string') status.reason = src.reason.slice(0, 256);
  if (typeof src.message === 'string') status.message = src.message.slice(0, 1024);
  return status;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
