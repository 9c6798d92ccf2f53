import type { EventRow } from '../../protocol/events';
import type { ContextEvent } from '../events/hub';
import { FIELD_LIMITS } from '../validate/fields';

/** OwnerRef names an object's top controller (e.g. the Deployment above a Pod's ReplicaSet). */
export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
}

/**
 * OwnerLookup returns the top controller of the object `uid` in `context`, or undefined when the
 * object has none or is not cached. It must be cheap (a cache read) and must not throw.
 */
export type OwnerLookup = (context: string, uid: string) => OwnerRef | undefined;

/** text reads a string from a cache lookup: a string as is, a number or boolean as its text, else "". */
function text(v: unknown): string {
  if (typeof v === 'string') return v.length <= FIELD_LIMITS.short ? v : v.slice(0, FIELD_LIMITS.short);
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' ? String(v) : '';
}

/**
 * toRow turns a live ContextEvent into the plain row the webview shows (not expired). Every
 * field is a string or a finite number whatever the cache holds: the owner comes from another
 * kind's cached objects, whose names are not validated (a Deployment named 5 must not make the
 * row fail the webview's guard and take its whole snapshot with it).
 */
export function toRow(e: ContextEvent, ownerOf?: OwnerLookup): EventRow {
  let owner: OwnerRef | undefined;
  if (ownerOf && e.involved.uid) {
    try {
      owner = ownerOf(e.context, e.involved.uid);
    } catch {
      owner = undefined;
    }
  }
  return {
    id: e.id,
    context: e.context,
    key: e.key,
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    lastSeen: e.lastSeen ?? 0,
    firstSeen: e.firstSeen ?? 0,
    source: e.source,
    host: e.host,
    kind: e.involved.kind,
    namespace: e.involved.namespace,
    name: e.involved.name,
    uid: e.involved.uid,
    apiVersion: e.involved.apiVersion,
    fieldPath: e.involved.fieldPath,
    ownerKind: text(owner?.kind),
    ownerName: text(owner?.name),
    ownerUid: text(owner?.uid),
    expired: 0,
    expiredAt: 0,
  };
}

/** objectLabel renders a row's involved object as `Kind/name` (or just the name). */
export function objectLabel(r: Pick<EventRow, 'kind' | 'name'>): string {
  return r.kind ? `${r.kind}/${r.name}` : r.name;
}

/** ownerLabel renders a row's owner as `Kind/name`, or '' when it has none. */
export function ownerLabel(r: Pick<EventRow, 'ownerKind' | 'ownerName'>): string {
  if (!r.ownerName) return '';
  return r.ownerKind ? `${r.ownerKind}/${r.ownerName}` : r.ownerName;
}
