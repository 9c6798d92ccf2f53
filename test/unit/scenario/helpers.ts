/**
 * helpers: shared checks for the scenario tests: an index of every object the test server
 * holds by uid, and a consistency audit of ownerReferences and events against it.
 */
import type { TestServer } from '../../server';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** KINDS are every [apiVersion, kind] the seeded cluster uses, events excluded. */
export const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['v1', 'Namespace'],
  ['v1', 'Node'],
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ControllerRevision'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'PersistentVolumeClaim'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ['cert-manager.io/v1', 'Certificate'],
  ['argoproj.io/v1alpha1', 'Application'],
];

/** byUid indexes every object by uid. */
export function byUid(server: TestServer): Map<string, Rec> {
  const m = new Map<string, Rec>();
  for (const [apiVersion, kind] of KINDS) {
    for (const o of server.list(apiVersion, kind) as Rec[]) m.set(o.metadata.uid, o);
  }
  return m;
}

/** audit returns a description of every dangling reference (empty when the cluster is consistent). */
export function audit(server: TestServer): string[] {
  const uids = byUid(server);
  const problems: string[] = [];
  for (const o of uids.values()) {
    for (const r of (o.metadata.ownerReferences ?? []) as Rec[]) {
      const owner = uids.get(r.uid);
      const where = `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
      if (!owner) problems.push(`${where}: owner ${r.kind}/${r.name} uid ${r.uid} not found`);
      else if (
        owner.kind !== r.kind ||
        owner.metadata.name !== r.name ||
        owner.metadata.namespace !== o.metadata.namespace
      )
        problems.push(
          `${where}: owner uid ${r.uid} is ${owner.kind} ${owner.metadata.name}, not ${r.kind} ${r.name}`,
        );
    }
  }
  for (const e of server.list('v1', 'Event') as Rec[]) {
    const io: Rec = e.involvedObject;
    const target = uids.get(io.uid);
    if (!target)
      problems.push(
        `event ${e.metadata.name} (${e.reason}): involvedObject ${io.kind}/${io.name} uid ${io.uid} not found`,
      );
    else if (target.kind !== io.kind || target.metadata.name !== io.name)
      problems.push(
        `event ${e.metadata.name}: uid ${io.uid} is ${target.kind} ${target.metadata.name}, not ${io.kind} ${io.name}`,
      );
  }
  return problems;
}

/** eventsFor lists core/v1 events about the object with `uid`, optionally of one reason. */
export function eventsFor(server: TestServer, namespace: string, uid: string, reason?: string): Rec[] {
  return (server.list('v1', 'Event', namespace) as Rec[]).filter(
    (e) => e.involvedObject.uid === uid && (reason === undefined || e.reason === reason),
  );
}

/** podsOf lists a namespace's pods whose `app` label is `app`. */
export function podsOf(server: TestServer, namespace: string, app: string): Rec[] {
  return (server.list('v1', 'Pod', namespace) as Rec[]).filter((p) => p.metadata.labels?.app === app);
}
