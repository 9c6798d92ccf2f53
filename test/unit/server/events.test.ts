/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { event, eventV1, pod } from '../../server/fixtures';
import { call, makeAdmin, watch, within } from './helpers';

describe('test server: events', () => {
  let server: TestServer;
  let token: string;

  afterEach(() => server.stop());

  it('exposes one storage through core/v1 and events.k8s.io/v1, converting fields', async () => {
    server = await startTestServer();
    token = makeAdmin(server);
    const p = server.create(pod('web', 'a')) as any;
    const v1Watch = await watch(server, '/apis/events.k8s.io/v1/namespaces/web/events?watch=true', { token });
    const coreWatch = await watch(server, '/api/v1/namespaces/web/events?watch=true', { token });
    const core = server.create(
      event('web', p, {
        reason: 'BackOff',
        type: 'Warning',
        message: 'Back-off restarting',
        count: 3,
        source: 'kubelet',
      }),
    ) as any;
    const created = server.create(
      eventV1('web', p, {
        reason: 'Scheduled',
        note: 'assigned',
        series: { count: 2, lastObservedTime: Date.now() },
      }),
    ) as any;
    assert.equal(created.apiVersion, 'events.k8s.io/v1');
    assert.equal(created.note, 'assigned');

    const [asV1] = await v1Watch.waitFor(1);
    assert.equal(asV1!.object.apiVersion, 'events.k8s.io/v1');
    assert.equal(asV1!.object.note, 'Back-off restarting');
    assert.equal(asV1!.object.regarding.uid, p.metadata.uid);
    assert.equal(asV1!.object.deprecatedCount, 3);
    assert.equal(asV1!.object.deprecatedSource.component, 'kubelet');
    assert.equal(asV1!.object.reportingController, 'kubelet');
    assert.ok(asV1!.object.deprecatedFirstTimestamp);
    assert.equal(asV1!.object.involvedObject, undefined);
    assert.equal(asV1!.object.message, undefined);

    const coreEvents = await coreWatch.waitFor(2);
    const fromV1 = coreEvents[1]!.object;
    assert.equal(fromV1.apiVersion, 'v1');
    assert.equal(fromV1.message, 'assigned');
    assert.equal(fromV1.involvedObject.name, 'a');
    assert.equal(fromV1.reportingComponent, 'default-scheduler');
    assert.equal(fromV1.series.count, 2);
    assert.equal(fromV1.note, undefined);

    const viaCore = await call(server, `/api/v1/namespaces/web/events/${core.metadata.name}`, { token });
    const viaV1 = await call(server, `/apis/events.k8s.io/v1/namespaces/web/events/${core.metadata.name}`, {
      token,
    });
    assert.equal(viaCore.body.metadata.uid, viaV1.body.metadata.uid);
    assert.equal(viaCore.body.metadata.resourceVersion, viaV1.body.metadata.resourceVersion);
    const list = await call(server, '/apis/events.k8s.io/v1/events', { token });
    assert.equal(list.body.kind, 'EventList');
    assert.equal(list.body.items.length, 2);
    v1Watch.close();
    coreWatch.close();
  });

  it('a repeated event is the same object MODIFIED with a higher count', async () => {
    server = await startTestServer();
    token = makeAdmin(server);
    const p = server.create(pod('web', 'a')) as any;
    const e = server.create(event('web', p, { reason: 'BackOff', count: 1 })) as any;
    const w = await watch(server, `/api/v1/events?watch=true&resourceVersion=${e.metadata.resourceVersion}`, {
      token,
    });
    e.count = 2;
    server.update(e);
    const [m] = await w.waitFor(1);
    assert.equal(m!.type, 'MODIFIED');
    assert.equal(m!.object.count, 2);
    w.close();
  });

  it('deletes events after the TTL, and watchers see DELETED', async () => {
    server = await startTestServer({ eventTtlMs: 150 });
    token = makeAdmin(server);
    const p = server.create(pod('web', 'a')) as any;
    const e = server.create(event('web', p)) as any;
    const w = await watch(
      server,
      `/apis/events.k8s.io/v1/events?watch=true&resourceVersion=${e.metadata.resourceVersion}`,
      {
        token,
      },
    );
    const [d] = await within(w.waitFor(1, 2000), 2500, 'expiry');
    assert.equal(d!.type, 'DELETED');
    assert.equal(d!.object.metadata.name, e.metadata.name);
    assert.ok(Number(d!.object.metadata.resourceVersion) > Number(e.metadata.resourceVersion));
    assert.equal(server.list('v1', 'Event').length, 0);
    assert.equal(server.list('v1', 'Pod').length, 1);
    w.close();
  });

  it('expires by the injected clock, counting from the last update', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    server = await startTestServer({ eventTtlMs: 60_000, now: () => now });
    const p = server.create(pod('web', 'a')) as any;
    const e = server.create(event('web', p)) as any;
    now += 50_000;
    server.update(e);
    now += 20_000;
    assert.equal(server.expireEvents(), 0);
    now += 40_001;
    assert.equal(server.expireEvents(), 1);
  });
});
