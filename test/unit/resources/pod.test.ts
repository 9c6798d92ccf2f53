import * as assert from 'node:assert/strict';
import { podColumns, RECENT_RESTART_MS } from '../../../src/core/resources/pod';
import { summarize } from '../../../src/core/resources/summary';
import type { Health } from '../../../src/core/resources/types';
import { PODS } from '../../../src/core/kinds';
import { pod, replicaSet } from '../../server/fixtures';
import { cond, cs, DAY, HOUR, MIN, NOW, rawPod, running, terminated, waiting, type RawPod } from './helpers';

const sidecarSpec = [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' }];

// Each expectation follows kubectl 1.32 printPod (pkg/printers/internalversion/printers.go).
const cases: {
  name: string;
  pod: RawPod;
  status: string;
  ready: string;
  restarts: string;
  health: Health;
}[] = [
  {
    name: 'running and ready',
    pod: {
      phase: 'Running',
      containers: [cs('c0', running(), { ready: true })],
      conditions: [cond('Ready', 'True')],
    },
    status: 'Running',
    ready: '1/1',
    restarts: '0',
    health: 'ok',
  },
  {
    name: 'running, readiness probe not passed',
    pod: {
      phase: 'Running',
      containers: [cs('c0', running(), { ready: false })],
      conditions: [cond('Ready', 'False')],
    },
    status: 'Running',
    ready: '0/1',
    restarts: '0',
    health: 'warning',
  },
  {
    name: 'pending without container statuses',
    pod: { phase: 'Pending' },
    status: 'Pending',
    ready: '0/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'pending and unschedulable (STATUS stays Pending)',
    pod: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'Unschedulable')] },
    status: 'Pending',
    ready: '0/1',
    restarts: '0',
    health: 'warning',
  },
  {
    name: 'scheduling gated',
    pod: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] },
    status: 'SchedulingGated',
    ready: '0/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'container creating',
    pod: { phase: 'Pending', containers: [cs('c0', waiting('ContainerCreating'))] },
    status: 'ContainerCreating',
    ready: '0/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'crash loop with restarts and the latest termination time',
    pod: {
      phase: 'Running',
      containers: [
        cs('c0', running(), { ready: true, restartCount: 1, lastFinishedAgo: 3 * HOUR }),
        cs('c1', waiting('CrashLoopBackOff', 'back-off 5m0s'), { restartCount: 4, lastFinishedAgo: 2 * MIN }),
      ],
    },
    status: 'CrashLoopBackOff',
    ready: '1/2',
    restarts: '5 (2m ago)',
    health: 'error',
  },
  {
    name: 'image pull back-off',
    pod: { phase: 'Pending', containers: [cs('c0', waiting('ImagePullBackOff'))] },
    status: 'ImagePullBackOff',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'err image pull',
    pod: { phase: 'Pending', containers: [cs('c0', waiting('ErrImagePull'))] },
    status: 'ErrImagePull',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'create container config error',
    pod: { phase: 'Pending', containers: [cs('c0', waiting('CreateContainerConfigError'))] },
    status: 'CreateContainerConfigError',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'succeeded',
    pod: { phase: 'Succeeded', containers: [cs('c0', terminated({ reason: 'Completed' }))] },
    status: 'Completed',
    ready: '0/1',
    restarts: '0',
    health: 'done',
  },
  {
    name: 'failed with Error',
    pod: { phase: 'Failed', containers: [cs('c0', terminated({ reason: 'Error', exitCode: 1 }))] },
    status: 'Error',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'OOMKilled while the pod runs',
    pod: {
      phase: 'Running',
      containers: [cs('c0', terminated({ reason: 'OOMKilled', exitCode: 137 }), { restartCount: 2 })],
    },
    status: 'OOMKilled',
    ready: '0/1',
    restarts: '2',
    health: 'error',
  },
  {
    name: 'terminated without reason, by a signal',
    pod: { phase: 'Running', containers: [cs('c0', terminated({ exitCode: 137, signal: 9 }))] },
    status: 'Signal:9',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'terminated without reason, with an exit code',
    pod: { phase: 'Running', containers: [cs('c0', terminated({ exitCode: 3 }))] },
    status: 'ExitCode:3',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'first init container running',
    pod: {
      phase: 'Pending',
      initSpec: [{ name: 'i0' }, { name: 'i1' }],
      init: [cs('i0', running()), cs('i1', waiting('PodInitializing'))],
      containers: [cs('c0', waiting('PodInitializing'))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:0/2',
    ready: '0/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'second init container running after the first completed',
    pod: {
      phase: 'Pending',
      initSpec: [{ name: 'i0' }, { name: 'i1' }],
      init: [cs('i0', terminated({ reason: 'Completed' })), cs('i1', running())],
      containers: [cs('c0', waiting('PodInitializing'))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:1/2',
    ready: '0/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'init container waiting in PodInitializing counts as Init:N/M',
    pod: {
      phase: 'Pending',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', waiting('PodInitializing'))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:0/1',
    ready: '0/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'init container crash looping',
    pod: {
      phase: 'Pending',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', waiting('CrashLoopBackOff'), { restartCount: 3, lastFinishedAgo: 30_000 })],
      containers: [cs('c0', waiting('PodInitializing'))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:CrashLoopBackOff',
    ready: '0/1',
    restarts: '3 (30s ago)',
    health: 'error',
  },
  {
    name: 'init container failed with a reason',
    pod: {
      phase: 'Failed',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', terminated({ reason: 'Error', exitCode: 1 }))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:Error',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'init container failed without a reason: exit code',
    pod: {
      phase: 'Pending',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', terminated({ exitCode: 2 }))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:ExitCode:2',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'init container failed without a reason: signal',
    pod: {
      phase: 'Pending',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', terminated({ exitCode: 143, signal: 15 }))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:Signal:15',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'sidecar started and ready counts in READY and RESTARTS',
    pod: {
      phase: 'Running',
      initSpec: sidecarSpec,
      init: [
        cs('proxy', running(), { started: true, ready: true, restartCount: 1, lastFinishedAgo: 20 * MIN }),
      ],
      containers: [cs('c0', running(), { ready: true })],
      conditions: [cond('Initialized', 'True'), cond('Ready', 'True')],
    },
    status: 'Running',
    ready: '2/2',
    restarts: '1 (20m ago)',
    health: 'ok',
  },
  {
    name: 'sidecar not started yet',
    pod: {
      phase: 'Pending',
      initSpec: sidecarSpec,
      init: [cs('proxy', running(), { started: false })],
      containers: [cs('c0', waiting('PodInitializing'))],
      conditions: [cond('Initialized', 'False')],
    },
    status: 'Init:0/1',
    ready: '0/2',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'one container completed, another running, pod Ready',
    pod: {
      phase: 'Running',
      containers: [cs('c0', terminated({ reason: 'Completed' })), cs('c1', running(), { ready: true })],
      conditions: [cond('Ready', 'True')],
    },
    status: 'Running',
    ready: '1/2',
    restarts: '0',
    health: 'warning',
  },
  {
    name: 'one container completed, another running, pod not Ready',
    pod: {
      phase: 'Running',
      containers: [cs('c0', terminated({ reason: 'Completed' })), cs('c1', running(), { ready: true })],
      conditions: [cond('Ready', 'False')],
    },
    status: 'NotReady',
    ready: '1/2',
    restarts: '0',
    health: 'warning',
  },
  {
    name: 'completed while the pod still runs, nothing running',
    pod: {
      phase: 'Running',
      containers: [cs('c0', terminated({ reason: 'Completed' }), { restartCount: 1 })],
    },
    status: 'Completed',
    ready: '0/1',
    restarts: '1',
    health: 'warning',
  },
  {
    name: 'terminating',
    pod: { phase: 'Running', deleted: true, containers: [cs('c0', running(), { ready: true })] },
    status: 'Terminating',
    ready: '1/1',
    restarts: '0',
    health: 'progressing',
  },
  {
    name: 'deleted on a lost node',
    pod: {
      phase: 'Running',
      reason: 'NodeLost',
      deleted: true,
      containers: [cs('c0', running(), { ready: true })],
    },
    status: 'Unknown',
    ready: '1/1',
    restarts: '0',
    health: 'unknown',
  },
  {
    name: 'deleted after success is not Terminating',
    pod: { phase: 'Succeeded', deleted: true, containers: [cs('c0', terminated({ reason: 'Completed' }))] },
    status: 'Completed',
    ready: '0/1',
    restarts: '0',
    health: 'done',
  },
  {
    name: 'evicted without container statuses',
    pod: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
    status: 'Evicted',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'evicted: a container reason overrides the pod reason',
    pod: {
      phase: 'Failed',
      reason: 'Evicted',
      containers: [cs('c0', terminated({ reason: 'ContainerStatusUnknown', exitCode: 137 }))],
    },
    status: 'ContainerStatusUnknown',
    ready: '0/1',
    restarts: '0',
    health: 'error',
  },
  {
    name: 'restarts without a termination time print the bare count',
    pod: {
      phase: 'Running',
      containers: [cs('c0', running(), { ready: true, restartCount: 3 })],
      conditions: [cond('Ready', 'True')],
    },
    status: 'Running',
    ready: '1/1',
    restarts: '3',
    health: 'ok',
  },
  {
    name: 'recent restart of a ready pod',
    pod: {
      phase: 'Running',
      containers: [cs('c0', running(), { ready: true, restartCount: 1, lastFinishedAgo: 3 * MIN })],
      conditions: [cond('Ready', 'True')],
    },
    status: 'Running',
    ready: '1/1',
    restarts: '1 (3m ago)',
    health: 'warning',
  },
  {
    name: 'no phase at all',
    pod: {},
    status: '',
    ready: '0/1',
    restarts: '0',
    health: 'unknown',
  },
];

describe('resources/pod printPod columns', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.status || '(empty)'} ${c.ready} ${c.restarts}`, () => {
      const obj = rawPod(c.pod);
      const cols = podColumns(obj, NOW);
      assert.equal(cols.status, c.status);
      assert.equal(`${cols.ready}/${cols.total}`, c.ready);
      assert.equal(cols.restartsText, c.restarts);
      const s = summarize(PODS, obj, NOW);
      assert.equal(s.status, c.status);
      assert.equal(s.health, c.health);
      assert.deepEqual(s.ready, { ready: cols.ready, desired: cols.total });
      assert.equal(s.restarts, cols.restarts);
    });
  }

  it('covers at least 15 distinct kubectl statuses', () => {
    assert.ok(new Set(cases.map((c) => c.status)).size >= 15);
  });

  it('Initialized=True runs the app-container pass, which keeps an init reason while containers run', () => {
    const obj = rawPod({
      phase: 'Running',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', terminated({ reason: 'Error', exitCode: 1 }))],
      containers: [cs('c0', running(), { ready: true })],
      conditions: [cond('Initialized', 'True'), cond('Ready', 'True')],
    });
    // initializing, but Initialized=True: the app-container pass runs and leaves the init reason
    // in place because the only container is running (kubectl does the same).
    assert.equal(podColumns(obj, NOW).status, 'Init:Error');
    assert.equal(podColumns(obj, NOW).ready, 1);
  });

  it('counts only sidecar restarts once initialised (plain init restarts are dropped, as kubectl does)', () => {
    const obj = rawPod({
      phase: 'Running',
      initSpec: [{ name: 'i0' }],
      init: [cs('i0', terminated({ reason: 'Completed' }), { restartCount: 4, lastFinishedAgo: MIN })],
      containers: [cs('c0', running(), { ready: true, restartCount: 1 })],
      conditions: [cond('Initialized', 'True'), cond('Ready', 'True')],
    });
    assert.equal(podColumns(obj, NOW).restartsText, '1');
  });
});

describe('resources/pod summary', () => {
  it('describes ready, restarts and age on one line, and fills the tooltip', () => {
    const obj = rawPod({
      phase: 'Running',
      createdAgo: 3 * HOUR,
      containers: [
        cs('c0', running(), { ready: true }),
        cs('c1', waiting('CrashLoopBackOff', 'back-off 5m0s restarting failed container'), {
          restartCount: 5,
          lastFinishedAgo: 2 * MIN,
        }),
      ],
      readinessGates: ['example.com/gate'],
      conditions: [cond('example.com/gate', 'True')],
    });
    const s = summarize('Pod', obj, NOW);
    assert.equal(s.description, '1/2 · 5 restarts (2m ago) · 3h');
    const f = Object.fromEntries(s.fields.map((x) => [x.label, x.value]));
    assert.equal(f['Status'], 'CrashLoopBackOff');
    assert.equal(f['Ready'], '1/2');
    assert.equal(f['Restarts'], '5 (2m ago)');
    assert.equal(f['Age'], '3h');
    assert.equal(f['Node'], 'node-1');
    assert.equal(f['IP'], '<none>');
    assert.equal(f['Readiness Gates'], '1/1');
    assert.equal(f['Images'], 'img0:1,img1:1');
    assert.equal(f['Message'], 'back-off 5m0s restarting failed container');
  });

  it('says "1 restart" in the singular', () => {
    const obj = rawPod({
      phase: 'Running',
      containers: [cs('c0', running(), { ready: true, restartCount: 1 })],
    });
    assert.equal(summarize(PODS, obj, NOW).description, '1/1 · 1 restart · 3h');
  });

  it('leaves an unknown creation time out of the description and shows <unknown> in the tooltip', () => {
    const obj = pod('web', 'p', { startTime: NOW - HOUR });
    const s = summarize(PODS, obj, NOW);
    assert.equal(s.description, '1/1');
    assert.equal(s.fields.find((f) => f.label === 'Age')?.value, '<unknown>');
    assert.ok(!s.description.includes('y'), 'no decades-old age');
  });

  it('reads fixture pods like kubectl: owner, IP, node, waiting reasons', () => {
    const rs = replicaSet('web', 'api-7d9f', { uid: 'rs-uid' });
    const obj = pod('web', 'api-7d9f-x', {
      owner: rs,
      creationTimestamp: NOW - 2 * HOUR,
      podIP: '10.244.0.9',
      nodeName: 'node-2',
      containers: [{ waitingReason: 'ImagePullBackOff', restartCount: 0 }],
    });
    const s = summarize('pods', obj, NOW);
    assert.equal(s.status, 'ImagePullBackOff');
    assert.equal(s.health, 'error');
    assert.equal(s.description, '0/1 · 120m'); // kubectl's HumanDuration: minutes below 3h
    const f = Object.fromEntries(s.fields.map((x) => [x.label, x.value]));
    assert.equal(f['Controlled By'], 'ReplicaSet/api-7d9f');
    assert.equal(f['IP'], '10.244.0.9');
    assert.equal(f['Node'], 'node-2');
  });

  it('fixture crash loop: lastState.terminated makes the restarts carry an age', () => {
    const obj = pod('web', 'p', {
      creationTimestamp: NOW - DAY,
      startTime: NOW - 5 * MIN,
      containers: [{ waitingReason: 'CrashLoopBackOff', restartCount: 7, lastTerminatedReason: 'Error' }],
    });
    const s = summarize(PODS, obj, NOW);
    assert.equal(s.status, 'CrashLoopBackOff');
    assert.equal(s.fields.find((f) => f.label === 'Restarts')?.value, '7 (5m ago)');
    assert.equal(s.description, '0/1 · 7 restarts (5m ago) · 24h');
  });

  it('never throws on malformed pods', () => {
    const weird = [
      { metadata: {} },
      { metadata: { name: 'x' }, spec: null, status: null },
      {
        metadata: {},
        spec: { containers: 'nope' },
        status: { containerStatuses: [null, 3, { state: null }] },
      },
      { metadata: { creationTimestamp: 'garbage' }, status: { phase: 'Running', conditions: {} } },
    ];
    for (const w of weird) assert.doesNotThrow(() => summarize(PODS, w as never, NOW));
    assert.equal(
      summarize(PODS, weird[3] as never, NOW).fields.find((f) => f.label === 'Age')?.value,
      '<unknown>',
    );
  });

  it('RECENT_RESTART_MS is ten minutes', () => {
    assert.equal(RECENT_RESTART_MS, 10 * MIN);
  });
});
