/**
 * oversize: what becomes of an object larger than ReadLimits.maxObjectBytes. It is kept, not
 * dropped (the cache must still know it exists, and a later delete must find it), with its
 * identity metadata only and the TRUNCATED_ANNOTATION giving its size in bytes on the wire.
 * Everything else (spec, status, an Event's message, annotations) is dropped.
 */
import type { KubeObject, ObjectMeta, Status } from '../core/cache/types';

/** TRUNCATED_ANNOTATION marks an object cut down to its metadata; its value is the original size. */
export const TRUNCATED_ANNOTATION = 'kube-events.dev/truncated';

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
 * Scalars of the wrong type are dropped, so the result is always small.
 */
export function truncateObject(obj: unknown, bytes: number, maxBytes: number): KubeObject {
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
  return out;
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
