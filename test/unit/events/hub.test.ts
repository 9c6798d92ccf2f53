import * as assert from 'node:assert/strict';
import type { ResourceEventHandler } from '../../../src/core/cache/handlers';
import type { KubeObject } from '../../../src/core/cache/types';
import { EventHub, type EventChange, type EventSource } from '../../../src/core/events/hub';
import { FakeClock } from '../fakes/fakeClock';

class FakeSource implements EventSource {
  handlers = new Set<ResourceEventHandler<KubeObject>>();
  addEventHandler(h: ResourceEventHandler<KubeObject>) {
    this.handlers.add(h);
    return { dispose: () => this.handlers.delete(h) };
  }
  each(f: (h: ResourceEventHandler<KubeObject>) => void) {
    for (const h of this.handlers) f(h);
  }
}

const ev = (name: string, count = 1, type = 'Warning'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'web', resourceVersion: String(count) },
  involvedObject: { kind: 'Pod', name: 'p', namespace: 'web', uid: 'u1' },
  reason: 'BackOff',
  type,
  count,
});

describe('events/hub EventHub', () => {
  let clock: FakeClock;
  let hub: EventHub;
  let batches: (readonly EventChange[])[];
  beforeEach(() => {
    clock = new FakeClock();
    hub = new EventHub({ clock, batchMs: 100 });
    batches = [];
    hub.onDidChange((b) => batches.push(b));
  });
  afterEach(() => hub.dispose());

  it('merges contexts, keeps ids distinct, and batches changes in order', () => {
    const a = new FakeSource();
    const b = new FakeSource();
    hub.attach('alpha', a);
    hub.attach('beta', b);
    a.each((h) => h.onAdd!(ev('e1'), true));
    b.each((h) => h.onAdd!(ev('e1'), false));
    a.each((h) => h.onUpdate!(ev('e1'), ev('e1', 2)));
    assert.equal(batches.length, 0, 'nothing before the batch window');
    clock.advance(100);
    assert.equal(batches.length, 1);
    const [batch] = batches;
    assert.deepEqual(
      batch!.map((c) => [c.type, c.event.context, c.event.count, c.type === 'upsert' && c.initial]),
      [
        ['upsert', 'alpha', 1, true],
        ['upsert', 'beta', 1, false],
        ['upsert', 'alpha', 2, false],
      ],
    );
    const third = batch![2]!;
    assert.equal(third.type === 'upsert' && third.previous?.count, 1, 'an update carries the previous event');
    assert.equal(hub.size, 2);
  });

  it('reports deletes and tombstones, and drops a detached context as deletes', () => {
    const a = new FakeSource();
    hub.attach('alpha', a);
    a.each((h) => h.onAdd!(ev('e1'), false));
    a.each((h) => h.onAdd!(ev('e2'), false));
    a.each((h) => h.onDelete!(ev('e1')));
    a.each((h) => h.onDelete!({ key: 'web/e2', obj: ev('e2'), finalStateUnknown: true }));
    hub.flush();
    assert.deepEqual(
      batches[0]!.filter((c) => c.type === 'delete').map((c) => c.type === 'delete' && c.finalStateUnknown),
      [false, true],
    );
    assert.equal(hub.size, 0);
    a.each((h) => h.onAdd!(ev('e3'), false));
    hub.detach('alpha');
    hub.flush();
    assert.equal(hub.size, 0);
    assert.equal(a.handlers.size, 0, 'detach unsubscribes');
    assert.deepEqual(
      batches[1]!.map((c) => c.type),
      ['upsert', 'delete'],
    );
  });

  it('dispose leaves no timer', () => {
    const a = new FakeSource();
    hub.attach('alpha', a);
    a.each((h) => h.onAdd!(ev('e1'), false));
    hub.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });
});
