/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect objects ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { Scenario, seedCluster, type SeededCluster } from '../../scenario/cluster';
import { FakeClock } from '../fakes/fakeClock';
import { audit, eventsFor, podsOf } from './helpers';

describe('scenario: steps', function () {
  let server: TestServer;
  let clock: FakeClock;
  let seeded: SeededCluster;
  let scenario: Scenario;
  const notices: string[] = [];

  beforeEach(async function () {
    clock = new FakeClock(Date.parse('2025-06-01T12:00:00Z'));
    server = await startTestServer({ tls: false, now: () => clock.now() });
    seeded = seedCluster(server, { now: () => clock.now() });
    notices.length = 0;
    scenario = new Scenario({ server, clock, onNotice: (l) => notices.push(l) });
    clock.advance(10_000);
  });
  afterEach(async () => {
    scenario.stop();
    await server.stop();
  });

  it('crashLoopTick updates the same BackOff event with a higher count and raises restartCount', function () {
    const pod0 = server.get('v1', 'Pod', 'prod', seeded.crashLoopPod) as any;
    const [before] = eventsFor(server, 'prod', pod0.metadata.uid, 'BackOff');
    const first = scenario.crashLoopTick();
    clock.advance(30_000);
    const second = scenario.crashLoopTick();
    const after = eventsFor(server, 'prod', pod0.metadata.uid, 'BackOff');
    assert.equal(after.length, 1, 'still one BackOff event');
    assert.equal(after[0].metadata.name, before.metadata.name);
    assert.equal(after[0].metadata.uid, before.metadata.uid);
    assert.equal(after[0].count, before.count + 2);
    assert.equal(first.backOff.metadata.uid, before.metadata.uid);
    assert.ok(Number(after[0].metadata.resourceVersion) > Number(before.metadata.resourceVersion));
    assert.ok(Date.parse(after[0].lastTimestamp) > Date.parse(before.lastTimestamp));
    assert.equal(after[0].firstTimestamp, before.firstTimestamp);
    const pod = server.get('v1', 'Pod', 'prod', seeded.crashLoopPod) as any;
    const cs = pod.status.containerStatuses[0];
    assert.equal(cs.restartCount, pod0.status.containerStatuses[0].restartCount + 2);
    assert.equal(second.pod.status.containerStatuses[0].restartCount, cs.restartCount);
    assert.equal(cs.state.waiting.reason, 'CrashLoopBackOff');
    assert.deepEqual([cs.lastState.terminated.reason, cs.lastState.terminated.exitCode], ['Error', 1]);
    assert.equal(
      eventsFor(server, 'prod', pod.metadata.uid, 'Unhealthy').length,
      1,
      'probe failures repeat in place too',
    );
    assert.match(notices.join('\n'), /CrashLoopBackOff prod\/api-.*restartCount 11/);
  });

  it('pendingTick extends the FailedScheduling series of the pending pod (events.k8s.io/v1)', function () {
    const pod = server.get('v1', 'Pod', 'prod', seeded.pendingPod) as any;
    const [fs] = eventsFor(server, 'prod', pod.metadata.uid, 'FailedScheduling');
    assert.ok(fs, 'FailedScheduling exists');
    assert.equal(fs.type, 'Warning');
    const e = scenario.pendingTick() as any;
    assert.equal(e.apiVersion, 'events.k8s.io/v1');
    assert.equal(e.metadata.uid, fs.metadata.uid);
    assert.equal(e.series.count, 7);
    assert.equal(e.regarding.name, pod.metadata.name);
    assert.equal(eventsFor(server, 'prod', pod.metadata.uid, 'FailedScheduling').length, 1);
  });

  it('imagePullTick repeats the pull failure in place', function () {
    const pod = server.get('v1', 'Pod', 'staging', seeded.imagePullPod) as any;
    const count = () => eventsFor(server, 'staging', pod.metadata.uid, 'BackOff')[0].count;
    const n = count();
    const p = scenario.imagePullTick();
    assert.equal(p.status.containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
    assert.equal(count(), n + 1);
    assert.equal(eventsFor(server, 'staging', pod.metadata.uid, 'BackOff').length, 1);
  });

  it('rollout ends with the new ReplicaSet at the desired replicas and the old one at 0', function () {
    const oldRs = (server.list('apps/v1', 'ReplicaSet', 'prod') as any[]).find((r) =>
      r.metadata.name.startsWith('web-'),
    );
    const actions = scenario.rollout();
    assert.deepEqual(
      actions.map((a) => a.replace(/web-\w+/, 'RS')),
      [
        'Scaled up replica set RS from 0 to 1',
        'Scaled down replica set RS from 3 to 2',
        'Scaled up replica set RS from 1 to 2',
        'Scaled down replica set RS from 2 to 1',
        'Scaled up replica set RS from 2 to 3',
        'Scaled down replica set RS from 1 to 0',
      ],
    );
    const dep = server.get('apps/v1', 'Deployment', 'prod', 'web') as any;
    const rses = (server.list('apps/v1', 'ReplicaSet', 'prod') as any[]).filter((r) =>
      r.metadata.name.startsWith('web-'),
    );
    assert.equal(rses.length, 2);
    const fresh = rses.find((r) => r.metadata.uid !== oldRs.metadata.uid);
    const old = rses.find((r) => r.metadata.uid === oldRs.metadata.uid);
    assert.equal(fresh.spec.replicas, 3);
    assert.equal(fresh.status.readyReplicas, 3);
    assert.equal(old.spec.replicas, 0);
    assert.equal(old.status.replicas, 0);
    assert.equal(fresh.spec.template.spec.containers[0].image, 'nginx:1.27.3');
    assert.equal(dep.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    assert.equal(fresh.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    assert.deepEqual([dep.status.replicas, dep.status.updatedReplicas, dep.status.readyReplicas], [3, 3, 3]);
    assert.equal(
      dep.status.conditions.find((c: any) => c.type === 'Progressing').reason,
      'NewReplicaSetAvailable',
    );
    const pods = podsOf(server, 'prod', 'web');
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.metadata.ownerReferences[0].uid, fresh.metadata.uid);
    const scaling = eventsFor(server, 'prod', dep.metadata.uid, 'ScalingReplicaSet').map((e) => e.message);
    assert.ok(
      scaling.includes(`Scaled down replica set ${old.metadata.name} from 1 to 0`),
      scaling.join('\n'),
    );

    // A second rollout goes back to the first template: the old ReplicaSet is revived, not duplicated.
    clock.advance(60_000);
    scenario.rollout();
    const again = (server.list('apps/v1', 'ReplicaSet', 'prod') as any[]).filter((r) =>
      r.metadata.name.startsWith('web-'),
    );
    assert.equal(again.length, 2);
    assert.equal(again.find((r) => r.metadata.uid === oldRs.metadata.uid).spec.replicas, 3);
    assert.equal(
      (server.get('apps/v1', 'Deployment', 'prod', 'web') as any).metadata.annotations[
        'deployment.kubernetes.io/revision'
      ],
      '3',
    );
  });

  it('scaleStep scales staging/worker 2 -> 5 -> 3 with events', function () {
    assert.deepEqual(scenario.scaleStep(), { from: 2, to: 5 });
    assert.equal(podsOf(server, 'staging', 'worker').length, 5);
    clock.advance(50_000);
    assert.deepEqual(scenario.scaleStep(), { from: 5, to: 3 });
    const pods = podsOf(server, 'staging', 'worker');
    assert.equal(pods.length, 3);
    const dep = server.get('apps/v1', 'Deployment', 'staging', 'worker') as any;
    assert.deepEqual([dep.spec.replicas, dep.status.replicas, dep.status.readyReplicas], [3, 3, 3]);
    const msgs = eventsFor(server, 'staging', dep.metadata.uid, 'ScalingReplicaSet').map((e) => e.message);
    assert.ok(
      msgs.some((m) => / from 2 to 5$/.test(m)) && msgs.some((m) => / from 5 to 3$/.test(m)),
      msgs.join('\n'),
    );
    const rs = server.get(
      'apps/v1',
      'ReplicaSet',
      'staging',
      pods[0].metadata.ownerReferences[0].name,
    ) as any;
    assert.equal(eventsFor(server, 'staging', rs.metadata.uid, 'SuccessfulDelete').length, 2);
  });

  it('completeJob takes the running Job to Complete: pod Succeeded, succeeded=1, Completed event', function () {
    const job0 = server.get('batch/v1', 'Job', 'batch', seeded.runningJob) as any;
    assert.equal(job0.status.active, 1);
    const [pod0] = (server.list('v1', 'Pod', 'batch') as any[]).filter(
      (p) => p.metadata.labels['job-name'] === seeded.runningJob,
    );
    assert.equal(pod0.status.phase, 'Running');
    clock.advance(20_000);
    const done = scenario.completeJob() as any;
    assert.equal(done.metadata.name, seeded.runningJob);
    const job = server.get('batch/v1', 'Job', 'batch', seeded.runningJob) as any;
    assert.equal(job.status.succeeded, 1);
    assert.equal(job.status.active, undefined);
    assert.ok(job.status.conditions.some((c: any) => c.type === 'Complete' && c.status === 'True'));
    const pod = server.get('v1', 'Pod', 'batch', pod0.metadata.name) as any;
    assert.equal(pod.status.phase, 'Succeeded');
    assert.equal(pod.status.containerStatuses[0].state.terminated.reason, 'Completed');
    assert.equal(eventsFor(server, 'batch', job.metadata.uid, 'Completed')[0].message, 'Job completed');
    // The history limit (3) pruned the oldest run, with the CronJob's SuccessfulDelete.
    const cron = server.get('batch/v1', 'CronJob', 'batch', 'report-sync') as any;
    assert.equal((server.list('batch/v1', 'Job', 'batch') as any[]).length, 3);
    assert.equal(eventsFor(server, 'batch', cron.metadata.uid, 'SuccessfulDelete').length, 1);
    assert.equal(cron.status.active, undefined);
    // Next: a new run; job names never repeat.
    const names = new Set<string>();
    for (let i = 0; i < 6; i++) {
      names.add(scenario.jobStep().metadata.name);
      clock.advance(1000);
    }
    assert.equal(names.size, 3);
  });

  it('many steps keep every ownerReference consistent and write no event in the future', function () {
    for (let i = 0; i < 5; i++) {
      scenario.crashLoopTick();
      scenario.imagePullTick();
      scenario.pendingTick();
      scenario.scaleStep();
      scenario.jobStep();
      scenario.rollout();
      clock.advance(7_000);
    }
    // Events outlive deleted pods (as on a real cluster); any other dangling or mismatched reference is a bug.
    const problems = audit(server).filter((p) => !(p.startsWith('event ') && p.endsWith('not found')));
    assert.deepEqual(problems, []);
    for (const e of server.list('v1', 'Event') as any[]) {
      const t = Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime);
      assert.ok(t <= clock.now(), `${e.reason} at ${t} > ${clock.now()}`);
    }
    for (const p of server.list('v1', 'Pod') as any[])
      assert.ok(Date.parse(p.metadata.creationTimestamp) <= clock.now());
  });
});
