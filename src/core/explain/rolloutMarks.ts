/**
 * rolloutMarks: the rollouts the Events timeline marks. A Deployment's revision N rolled out
 * when the Deployment controller created its ReplicaSet (annotation
 * deployment.kubernetes.io/revision; creationTimestamp), so each ReplicaSet controlled by a
 * Deployment and created within the window is one mark. A ReplicaSet re-used by a rollback
 * keeps its creation time and gets a new revision: the mark then says the revision it holds
 * now, at the time it was first rolled out (what the cache knows). StatefulSet and DaemonSet
 * revisions are marked by revisionMarks.
 */
import type { KubeObject } from '../cache/types';
import { parseTime } from '../events/model';
import { controllerOf } from '../resources/ownership';
import { rec, str } from '../resources/read';
import { sanitizeText } from '../notify/sanitize';
import type { RolloutMark } from '../../protocol/explain';
import { REVISION_ANNOTATION } from './rollout';

/** MAX_ROLLOUT_MARKS bounds the marks of one context (newest kept). */
export const MAX_ROLLOUT_MARKS = 200;

/**
 * rolloutMarks returns the marks of `context` for ReplicaSets created in [from, to), newest
 * first, at most `max`. It reads the objects and never mutates them; a ReplicaSet without a
 * Deployment controller, a revision or a creation time is skipped.
 */
export function rolloutMarks(
  context: string,
  replicaSets: Iterable<KubeObject>,
  from: number,
  to: number,
  max = MAX_ROLLOUT_MARKS,
): RolloutMark[] {
  const out: RolloutMark[] = [];
  for (const rs of replicaSets) {
    const at = parseTime(rs.metadata?.creationTimestamp);
    if (at === undefined || at < from || at >= to) continue;
    const owner = controllerOf(rs);
    const name = owner?.kind === 'Deployment' ? str(owner.name) : undefined;
    if (!name) continue;
    const revision = str(rec(rs.metadata.annotations)[REVISION_ANNOTATION]);
    if (!revision) continue;
    const ns = str(rs.metadata.namespace) ?? '';
    out.push({
      context,
      workload: sanitizeText(`Deployment ${ns ? `${ns}/` : ''}${name}`, 300),
      revision: sanitizeText(revision, 32),
      at,
    });
  }
  out.sort((a, b) => b.at - a.at);
  return out.slice(0, max);
}
