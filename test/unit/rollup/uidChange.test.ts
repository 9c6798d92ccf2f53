import assert from 'node:assert/strict';
import { isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { Informer } from '../../../src/core/cache/informer';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { type KubeObject } from '../../../src/core/cache/types';
import { WarningRollup } from '../../../src/core/rollup/warningRollup';
import { FakeClock, settle } from '../fakes/fakeClock';
import { FakeListerWatcher, obj, page } from '../fakes/fakeListerWatcher';
import { ModelServer } from '../fakes/modelServer';

describe('delete + re-create under the same name, seen by a relist (new UID)', () => {
  it('reaches every handler as delete(old) + add(new); the owner forest forgets the old UID', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    const pod = (name: string, rv: string, uid: string) =>
      obj(name, rv, 'web', { kind: 'Pod', metadata: { uid } });
    lw.queueList(page([pod('web-1', '1', 'uid-old'), pod('other', '2', 'uid-other')], '5'));
    const informer = new Informer<KubeObject>({ name: 'pods', listerWatcher: lw, clock, random: () => 0.5 });
    const rollup = new WarningRollup({ clock });
    const log: string[] = [];
    informer.addEventHandler(rollup.objectHandler('Pod'));
    informer.addEventHandler({
      onAdd: (o) => log.push(`add ${metaNamespaceKey(o)} ${o.metadata.uid}`),
      onUpdate: (a, b) => log.push(`update ${a.metadata.uid}->${b.metadata.uid}`),
      onDelete: (o) =>
        log.push(
          isDeletedFinalStateUnknown<KubeObject>(o)
            ? `delete ${o.key} ${o.obj.metadata.uid} tombstone`
            : `delete ${metaNamespaceKey(o)} ${o.metadata.uid}`,
        ),
    });
    informer.start();
    await settle();
    await clock.advanceAsync(1000);
    assert.equal(rollup.trackedNodes, 2);
    log.length = 0;
    // While the watch was away, web-1 was deleted and re-created: the relist shows a new UID.
    lw.queueList(page([pod('web-1', '9', 'uid-new'), pod('other', '2', 'uid-other')], '10'));
    lw.watches[0].push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await settle();
    assert.equal(lw.lists.length, 2);
    assert.deepEqual(log, ['delete web/web-1 uid-old tombstone', 'add web/web-1 uid-new']);
    assert.equal(informer.store.get('web/web-1')?.metadata.uid, 'uid-new');
    assert.equal(rollup.trackedNodes, 2, 'the old UID is no longer in the owner forest');
    informer.stop();
    rollup.dispose();
  });

  it('an update keeping the UID is still an update', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    const server = new ModelServer(lw, { watchCache: true });
    server.create('web-1', 'web', {}, 'uid-1');
    const informer = new Informer<KubeObject>({ name: 'pods', listerWatcher: lw, clock, random: () => 0.5 });
    const log: string[] = [];
    informer.addEventHandler({
      onUpdate: (a, b) => log.push(`update ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
      onDelete: () => log.push('delete'),
    });
    informer.start();
    await settle();
    server.update('web/web-1', { v: 2 });
    await settle();
    assert.deepEqual(log, ['update 101->102']);
    informer.stop();
  });
});
