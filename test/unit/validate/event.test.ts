import * as assert from 'node:assert/strict';
import { Informer } from '../../../src/core/cache/informer';
import type { KubeObject } from '../../../src/core/cache/types';
import { createEventCompactor } from '../../../src/core/events/compact';
import { EventHub } from '../../../src/core/events/hub';
import { normalizeEvent } from '../../../src/core/events/model';
import { EventStreamPublisher } from '../../../src/core/stream/publisher';
import { FIELD_LIMITS } from '../../../src/core/validate/fields';
import { validateEvent } from '../../../src/core/validate/event';
import { validateObjectMeta } from '../../../src/core/validate/objectMeta';
import { isHostMessage } from '../../../src/protocol/events';
import { FakeListerWatcher, page } from '../fakes/fakeListerWatcher';

function ev(name: unknown, uid: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'web', resourceVersion: '1', uid } as KubeObject['metadata'],
    involvedObject: { kind: 'Pod', name: `pod-${uid}`, namespace: 'web', uid: `pod-${uid}` },
    reason: 'BackOff',
    type: 'Warning',
    message: `message ${uid}`,
    lastTimestamp: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Feeds `items` through a real informer (with the event transform) into a hub and a publisher. */
async function pipeline(items: KubeObject[], ownerOf?: (ctx: string, uid: string) => unknown) {
  const lw = new FakeListerWatcher<KubeObject>();
  lw.queueList(page(items, '10'));
  const invalid: string[] = [];
  const informer = new Informer({
    name: 'prod events',
    listerWatcher: lw,
    transform: createEventCompactor(undefined, {
      onInvalid: (key, p) => invalid.push(`${key}: ${p.join('; ')}`),
    }),
  });
  const hub = new EventHub({ batchMs: 0 });
  hub.attach('prod', informer);
  informer.start();
  await informer.whenSynced();
  for (let i = 0; i < 5; i++) await tick();
  hub.flush();
  const publisher = new EventStreamPublisher({
    feed: hub,
    maxEvents: 100,
    ownerOf: ownerOf as never,
  });
  await publisher.start();
  const dispose = () => {
    informer.stop();
    hub.dispose();
    publisher.dispose();
  };
  return { lw, informer, hub, publisher, invalid, dispose };
}

describe('validate/event: one bad object never poisons a view, a batch or the hub keys', () => {
  it('a name that is a number keeps every event, under the key the store uses', async () => {
    const p = await pipeline([ev('good', 'a'), ev(5, 'b'), ev(6, 'c')]);
    try {
      assert.deepEqual(p.informer.store.listKeys().sort(), ['web/5', 'web/6', 'web/good']);
      assert.deepEqual(
        p.hub
          .list()
          .map((e) => e.key)
          .sort(),
        ['web/5', 'web/6', 'web/good'],
      );
      const rows = p.publisher.rows();
      assert.deepEqual(rows.map((r) => r.name).sort(), ['pod-a', 'pod-b', 'pod-c']);
      assert.ok(isHostMessage({ type: 'snapshot', rows, first: true, last: true, now: 1, ui: null }));
      assert.equal(p.invalid.length, 2, p.invalid.join('\n'));
      assert.match(p.invalid[0]!, /metadata\.name: number where a string belongs/);
      // Deleting one numeric-named event removes that one only.
      p.lw.lastWatch!.push({
        type: 'DELETED',
        object: ev(5, 'b', { metadata: { name: 5, namespace: 'web', resourceVersion: '11', uid: 'b' } }),
      });
      for (let i = 0; i < 5; i++) await tick();
      p.hub.flush();
      assert.deepEqual(
        p.hub
          .list()
          .map((e) => e.key)
          .sort(),
        ['web/6', 'web/good'],
      );
    } finally {
      p.dispose();
    }
  });

  it('names that are objects, arrays or null key as a missing name and never collide with a valid one', async () => {
    const p = await pipeline([ev('good', 'a'), ev({ x: 1 }, 'b'), ev([1, 2], 'c'), ev(null, 'd')]);
    try {
      const storeKeys = p.informer.store.listKeys().sort();
      const hubKeys = p.hub
        .list()
        .map((e) => e.key)
        .sort();
      assert.deepEqual(hubKeys, storeKeys, 'the hub and the store agree on every key');
      assert.ok(hubKeys.includes('web/good'));
      const good = p.publisher.rows().find((r) => r.key === 'web/good');
      assert.equal(good?.message, 'message a', 'the valid event is untouched');
    } finally {
      p.dispose();
    }
  });

  it('an owner whose name or uid is not a string does not make a row invalid (nor the snapshot)', async () => {
    const p = await pipeline([ev('good', 'a'), ev('other', 'b')], (_ctx, uid) =>
      uid === 'pod-b' ? { kind: 'Deployment', name: 42, uid: { bad: true } } : undefined,
    );
    try {
      const rows = p.publisher.rows();
      assert.equal(rows.length, 2);
      const other = rows.find((r) => r.key === 'web/other')!;
      assert.equal(other.ownerName, '42');
      assert.equal(other.ownerUid, '');
      assert.ok(isHostMessage({ type: 'snapshot', rows, first: true, last: true, now: 1, ui: null }));
    } finally {
      p.dispose();
    }
  });

  it('every mistyped field is dropped or coerced, and reported', () => {
    const input = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: 7,
        namespace: ['x'],
        uid: { a: 1 },
        labels: { ok: 'v', bad: 3, worse: { x: 1 } },
        annotations: 'nope',
        ownerReferences: [{ kind: 'ReplicaSet', name: 9, uid: 'u' }, 'junk'],
        generation: '3',
      },
      reason: { html: '<b>' },
      message: ['a', 'b'],
      type: 1,
      count: '12',
      involvedObject: ['not', 'an', 'object'],
      source: { component: 3, host: null },
      series: { count: 'x', lastObservedTime: 5 },
      related: null,
      eventTime: null,
      extra: { kept: true },
    };
    const frozen = JSON.stringify(input);
    const { object, problems } = validateEvent(input);
    assert.equal(JSON.stringify(input), frozen, 'input not mutated');
    assert.deepEqual(object.metadata, {
      name: '7',
      labels: { ok: 'v', bad: '3' },
      ownerReferences: [{ kind: 'ReplicaSet', name: '9', uid: 'u' }],
    });
    assert.equal(object.reason, undefined);
    assert.equal(object.message, undefined);
    assert.equal(object.type, '1');
    assert.equal(object.count, undefined);
    assert.equal(object.involvedObject, undefined);
    assert.deepEqual(object.source, { component: '3', host: null });
    assert.deepEqual(object.series, { lastObservedTime: '5' });
    assert.equal(object.related, null);
    assert.equal(object.eventTime, null);
    assert.deepEqual(object.extra, { kept: true });
    assert.ok(problems.length >= 12, problems.join('\n'));
    assert.deepEqual(validateEvent(object).problems, [], 'idempotent');
    const e = normalizeEvent(object);
    assert.equal(e.name, '7');
    assert.equal(e.key, '7');
  });

  it('a valid event comes back as the same object (no copy, no report)', () => {
    const good = ev('good', 'a', { series: null, related: null, count: 3 });
    const { object, problems } = validateEvent(good);
    assert.equal(object, good);
    assert.deepEqual(problems, []);
  });

  it('long strings are cut at FIELD_LIMITS; non-objects become an empty event', () => {
    const { object } = validateEvent(
      ev('n'.repeat(5000), 'a', { message: 'm'.repeat(1_000_000), reason: 'r'.repeat(1_000_000) }),
    );
    assert.equal(object.metadata.name!.length, FIELD_LIMITS.short);
    assert.equal((object.message as string).length, FIELD_LIMITS.message);
    assert.equal((object.reason as string).length, FIELD_LIMITS.short);
    for (const v of [null, 3, 'x', [1], undefined])
      assert.deepEqual(validateEvent(v).object, { metadata: {} });
    assert.deepEqual(validateObjectMeta([], []), {});
  });
});
