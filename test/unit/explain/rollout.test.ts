import * as assert from 'node:assert/strict';
import { explain } from '../../../src/core/explain/explain';
import { describeRollout, rolloutContext } from '../../../src/core/explain/rollout';
import { diffTemplates } from '../../../src/core/explain/templateDiff';
import type { KubeObject } from '../../../src/core/cache/types';
import { controllerRevision } from '../../server/fixturesAdded';
import { cacheOf, container, ev, NOW, obj, pod, rawEvent, replicaSet, uidOf, type Rec } from './builders';

const template = (image: string, extra: Rec = {}) => ({
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      container({ image, requests: { cpu: '100m' }, env: [{ name: 'MODE', value: 'a' }], ...extra }),
    ],
    volumes: [{ name: 'cfg', configMap: { name: 'web' } }],
  },
});

const ROLLED = NOW - 10 * 60_000;

function cluster(oldWarnings: number) {
  const deploy = obj('Deployment', 'shop', 'web');
  const rs6 = replicaSet('shop', 'web-6', 'web', '6', template('web:1.6'), NOW - 86_400_000);
  const rs7 = replicaSet(
    'shop',
    'web-7',
    'web',
    '7',
    template('web:1.7', {
      env: [
        { name: 'MODE', value: 'b' },
        { name: 'FEATURE_X', value: '1' },
      ],
      limits: { memory: '256Mi' },
    }),
    ROLLED,
  );
  const p7 = pod('shop', 'web-7-abc', { owner: { kind: 'ReplicaSet', name: 'web-7' }, node: 'n1' });
  const p6 = pod('shop', 'web-6-old', { owner: { kind: 'ReplicaSet', name: 'web-6' }, node: 'n1' });
  const warning = ev(
    'BackOff',
    'Back-off restarting failed container app in pod web-7-abc_shop(x)',
    { kind: 'Pod', namespace: 'shop', name: 'web-7-abc' },
    { fieldPath: 'spec.containers{app}', firstSeen: ROLLED + 40_000, count: 4 },
  );
  const events = [rawEvent('e1', warning)];
  if (oldWarnings)
    events.push(
      rawEvent(
        'e0',
        ev(
          'BackOff',
          'Back-off restarting failed container app in pod web-6-old_shop(y)',
          { kind: 'Pod', namespace: 'shop', name: 'web-6-old' },
          { count: oldWarnings, firstSeen: NOW - 80_000_000 },
        ),
      ),
    );
  return { cache: cacheOf({ Deployment: [deploy], ReplicaSet: [rs6, rs7], Pod: [p6, p7] }, events), warning };
}

describe('explain/rollout', () => {
  it('says the warning started 40 s after web rolled out revision 7, with the diff from revision 6', () => {
    const { cache, warning } = cluster(0);
    const r = rolloutContext(warning, cache)!;
    assert.equal(r.revision, '7');
    assert.equal(r.previousRevision, '6');
    assert.equal(r.sinceRollout, 40_000);
    assert.equal(r.startedAfterRollout, true);
    assert.deepEqual(r.warningsPerRevision, [
      { revision: '7', warnings: 4 },
      { revision: '6', warnings: 0 },
    ]);
    assert.equal(describeRollout(r), 'first seen 40s after web rolled out revision 7');
    const texts = r.changes.map((c) => c.text);
    assert.ok(texts.includes('app: image web:1.6 → web:1.7'), texts.join('\n'));
    assert.ok(texts.includes('app: env added FEATURE_X'), texts.join('\n'));
    assert.ok(texts.includes('app: env changed MODE'), texts.join('\n'));
    assert.ok(
      texts.some((t) => /app: resources requests cpu=100m → requests cpu=100m; limits memory=256Mi/.test(t)),
      texts.join('\n'),
    );
    const x = explain(warning, cache, NOW);
    assert.equal(x.rollout?.revision, '7');
    assert.ok(
      x.evidence.some(
        (e) => e.text === 'first seen 40s after web rolled out revision 7' && e.ref?.kind === 'Deployment',
      ),
    );
  });

  it('does not blame the rollout when the previous revision warned the same way', () => {
    const { cache, warning } = cluster(9);
    const r = rolloutContext(warning, cache)!;
    assert.equal(r.startedAfterRollout, false);
    assert.deepEqual(r.warningsPerRevision, [
      { revision: '7', warnings: 4 },
      { revision: '6', warnings: 9 },
    ]);
    assert.match(describeRollout(r), /revision 6 warned the same way/);
  });

  it('env values never appear in the diff (they may be secrets)', () => {
    const changes = diffTemplates(
      { spec: { containers: [{ name: 'a', env: [{ name: 'TOKEN', value: 'hunter2' }] }] } },
      { spec: { containers: [{ name: 'a', env: [{ name: 'TOKEN', value: 's3cr3t' }] }] } },
    );
    assert.deepEqual(
      changes.map((c) => c.text),
      ['a: env changed TOKEN'],
    );
    assert.ok(!JSON.stringify(changes).includes('s3cr3t') && !JSON.stringify(changes).includes('hunter2'));
  });

  it('lists probes, volumes and containers added or removed, bounded', () => {
    const before = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
        volumes: [{ name: 'v1', emptyDir: {} }],
      },
    };
    const after = {
      spec: {
        containers: [
          { name: 'a', image: 'x', livenessProbe: { httpGet: { port: 80 } } },
          { name: 'c', image: 'z' },
        ],
        volumes: [{ name: 'v2', emptyDir: {} }],
      },
    };
    assert.deepEqual(
      diffTemplates(before, after).map((c) => c.text),
      [
        'container b removed',
        'a: livenessProbe added',
        'container c added (z)',
        'volume v1 removed',
        'volume v2 added',
      ],
    );
    const many = {
      spec: { containers: Array.from({ length: 50 }, (_, i) => ({ name: `c${i}`, image: 'i' })) },
    };
    assert.equal(diffTemplates({}, many).length, 20);
  });

  it('StatefulSet pods use ControllerRevisions when they are cached', () => {
    const owner = { kind: 'StatefulSet', name: 'db' };
    const cr = (rev: number, hash: string, image: string, created: number) =>
      obj(
        'ControllerRevision',
        'shop',
        `db-${hash}`,
        { revision: rev, data: { spec: { template: { spec: { containers: [{ name: 'db', image }] } } } } },
        {
          creationTimestamp: new Date(created).toISOString(),
          labels: { 'controller-revision-hash': hash },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'StatefulSet',
              name: 'db',
              uid: uidOf('StatefulSet', 'shop', 'db'),
              controller: true,
            },
          ],
        },
      );
    const p = pod('shop', 'db-0', { owner, labels: { 'controller-revision-hash': 'bbb' }, node: 'n1' });
    const cache = cacheOf({
      StatefulSet: [obj('StatefulSet', 'shop', 'db')],
      ControllerRevision: [cr(1, 'aaa', 'pg:15', NOW - 1e8), cr(2, 'bbb', 'pg:16', NOW - 120_000)],
      Pod: [p],
    });
    const w = ev(
      'BackOff',
      'Back-off restarting failed container db in pod db-0_shop(x)',
      { kind: 'Pod', namespace: 'shop', name: 'db-0' },
      { firstSeen: NOW - 60_000 },
    );
    const r = rolloutContext(w, cache)!;
    assert.equal(r.revision, '2');
    assert.equal(r.workload.kind, 'StatefulSet');
    assert.equal(r.sinceRollout, 60_000);
    assert.deepEqual(
      r.changes.map((c) => c.text),
      ['db: image pg:15 → pg:16'],
    );
    // Without ControllerRevisions in the cache there is no context, rather than a wrong one.
    assert.equal(rolloutContext(w, cacheOf({ Pod: [p] })), undefined);
  });

  // ControllerRevisions as the real controllers write them (test/server fixturesAdded): the
  // StatefulSet controller labels its CRs controller.kubernetes.io/hash and puts the revision's
  // NAME in the pod's controller-revision-hash; the DaemonSet controller puts the hash in both.
  function revisions(kind: 'StatefulSet' | 'DaemonSet', name: string, podHash: (cr: KubeObject) => string) {
    const owner = { kind, namespace: 'shop', name, uid: uidOf(kind, 'shop', name) };
    const tpl = (image: string, extra: Rec = {}) => ({
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image, ...extra }] },
    });
    const at = (t: number) => ({ creationTimestamp: t });
    const crs = [
      controllerRevision(owner, 'aaa111', 1, tpl('img:1'), at(NOW - 1e8)),
      controllerRevision(owner, 'bbb222', 2, tpl('img:2', { args: ['--x'] }), at(NOW - 120_000)),
    ];
    const pods = [
      pod('shop', `${name}-old`, {
        owner: { kind, name },
        labels: { 'controller-revision-hash': podHash(crs[0]!) },
        node: 'n1',
      }),
      pod('shop', `${name}-new`, {
        owner: { kind, name },
        labels: { 'controller-revision-hash': podHash(crs[1]!) },
        node: 'n1',
      }),
    ];
    const warning = ev(
      'Failed',
      `Failed to pull image "img:2": rpc error: code = NotFound desc = img:2: not found`,
      { kind: 'Pod', namespace: 'shop', name: `${name}-new` },
      { firstSeen: NOW - 118_000, count: 3 },
    );
    const objects = { [kind]: [obj(kind, 'shop', name)], ControllerRevision: crs, Pod: pods };
    return { objects, warning, events: [rawEvent('w1', warning)] };
  }

  for (const [kind, podHash] of [
    ['StatefulSet', (cr: KubeObject) => cr.metadata.name!],
    ['DaemonSet', (cr: KubeObject) => cr.metadata.labels!['controller-revision-hash']!],
  ] as const) {
    it(`${kind}: "started after <name> rolled out revision 2", warnings per revision, the diff from revision 1`, () => {
      const { objects, warning, events } = revisions(kind, 'db', podHash);
      const r = rolloutContext(warning, cacheOf(objects, events))!;
      assert.ok(r, 'a rollout context');
      assert.deepEqual(r.workload, { kind, namespace: 'shop', name: 'db' });
      assert.equal(r.revision, '2');
      assert.equal(r.previousRevision, '1');
      assert.equal(r.sinceRollout, 2_000);
      assert.equal(r.startedAfterRollout, true);
      assert.equal(describeRollout(r), 'first seen 2s after db rolled out revision 2');
      assert.deepEqual(r.warningsPerRevision, [
        { revision: '2', warnings: 3 },
        { revision: '1', warnings: 0 },
      ]);
      assert.deepEqual(
        r.changes.map((c) => c.text),
        ['db: image img:1 → img:2', 'db: command/args changed'],
      );
      // The $patch directive of the stored template is no change.
      assert.ok(!r.changes.some((c) => c.text.includes('$patch')));
    });
  }

  it("ignores another namespace's ControllerRevisions and a pod whose revision is not cached", () => {
    const { objects, warning, events } = revisions('StatefulSet', 'db', (cr) => cr.metadata.name!);
    const moved = objects.ControllerRevision.map((cr) => ({
      ...cr,
      metadata: { ...cr.metadata, namespace: 'other' },
    }));
    assert.equal(
      rolloutContext(warning, cacheOf({ ...objects, ControllerRevision: moved }, events)),
      undefined,
    );
    const stale = { ...objects, ControllerRevision: objects.ControllerRevision.slice(0, 1) };
    assert.equal(rolloutContext(warning, cacheOf(stale, events)), undefined);
  });

  it('gives no context for a pod without a workload', () => {
    const cache = cacheOf({ Pod: [pod('shop', 'lone')] });
    assert.equal(
      rolloutContext(ev('BackOff', 'x', { kind: 'Pod', namespace: 'shop', name: 'lone' }), cache),
      undefined,
    );
  });
});
