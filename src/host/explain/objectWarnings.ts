import { INVOLVED_UID_INDEX } from '../../core/cache/indexers';
import { metaNamespaceKey } from '../../core/cache/store';
import type { ContextEvent } from '../../core/events/hub';
import { eventId } from '../../core/events/hub';
import { EVENTS } from '../../core/kinds';
import { descendants } from '../../core/resources/ownership';
import type { Connections } from '../contexts/connections';
import { objectKey } from '../describe/describeProvider';
import type { ObjectRef } from '../describe/describeUri';

/** MAX_OBJECT_WARNINGS bounds the events read for one object and its descendants. */
export const MAX_OBJECT_WARNINGS = 1000;

/**
 * objectWarnings returns the live Warning events about an object and its descendants (a
 * Deployment's ReplicaSets and Pods), newest first, at most MAX_OBJECT_WARNINGS. It reads the
 * events by the involved-uid index: the cost follows the object's own events, not the cluster's.
 */
export function objectWarnings(connections: Connections, ref: ObjectRef): ContextEvent[] {
  const session = connections.session(ref.context);
  const uid = session?.storeOf(ref.kind)?.get(objectKey(ref))?.metadata.uid;
  if (!session || !uid) return [];
  const uids = [uid];
  const lookup = connections.ownerLookup(ref.context);
  if (lookup) for (const d of descendants(uid, lookup)) if (d.obj.metadata.uid) uids.push(d.obj.metadata.uid);
  const events = session.store(EVENTS);
  const out: ContextEvent[] = [];
  for (const u of uids) {
    for (const raw of events.byIndex(INVOLVED_UID_INDEX, u)) {
      if (out.length >= MAX_OBJECT_WARNINGS) break;
      const e = connections.hub.get(eventId(ref.context, metaNamespaceKey(raw)));
      if (e?.type === 'Warning') out.push(e);
    }
  }
  return out.sort((a, b) => (b.lastSeen || 0) - (a.lastSeen || 0));
}
