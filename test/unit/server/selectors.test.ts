/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { event, pod } from '../../server/fixtures';
import { parseLabelSelector } from '../../server/labelSelector';
import { call, makeAdmin, watch } from './helpers';

describe('test server: selectors', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  const names = (r: { body: any }) => r.body.items.map((o: any) => o.metadata.name);

  it('parses the label selector grammar', () => {
    const m = parseLabelSelector('app=web,tier in (front, back),!legacy,env!=prod,team')!;
    assert.equal(m({ app: 'web', tier: 'front', env: 'dev', team: 'a' }), true);
    assert.equal(m({ app: 'web', tier: 'front', team: 'a' }), true);
    assert.equal(m({ app: 'web', tier: 'middle', team: 'a' }), false);
    assert.equal(m({ app: 'web', tier: 'front', team: 'a', legacy: 'x' }), false);
    assert.equal(m({ app: 'web', tier: 'front', env: 'prod', team: 'a' }), false);
    assert.equal(m({ app: 'web', tier: 'front' }), false);
    assert.equal(parseLabelSelector('x notin (a)')!(undefined), true);
    assert.equal(parseLabelSelector('x==1')!({ x: '1' }), true);
  });

  it('filters lists by label selector', async () => {
    server.create(pod('web', 'a', { labels: { app: 'web', tier: 'front' } }));
    server.create(pod('web', 'b', { labels: { app: 'web', tier: 'back' } }));
    server.create(pod('web', 'c', { labels: { app: 'db' } }));
    const q = (s: string) => call(server, `/api/v1/pods?labelSelector=${encodeURIComponent(s)}`, { token });
    assert.deepEqual(names(await q('app=web')), ['a', 'b']);
    assert.deepEqual(names(await q('app!=web')), ['c']);
    assert.deepEqual(names(await q('tier in (back,side)')), ['b']);
    assert.deepEqual(names(await q('tier notin (back)')), ['a', 'c']);
    assert.deepEqual(names(await q('tier')), ['a', 'b']);
    assert.deepEqual(names(await q('!tier')), ['c']);
    assert.equal((await q('a b c')).status, 400);
  });

  it('filters lists by field selector, including event fields', async () => {
    const a = server.create(pod('web', 'a')) as any;
    const b = server.create(pod('web', 'b')) as any;
    server.create(event('web', a, { reason: 'BackOff', type: 'Warning', source: 'kubelet' }));
    server.create(event('web', b, { reason: 'Pulled', source: 'kubelet' }));
    server.create(event('web', a, { reason: 'Scheduled', source: 'default-scheduler' }));
    const q = async (s: string) =>
      (await call(server, `/api/v1/events?fieldSelector=${encodeURIComponent(s)}`, { token })).body.items.map(
        (e: any) => e.reason,
      );
    assert.deepEqual((await q(`involvedObject.uid=${a.metadata.uid}`)).sort(), ['BackOff', 'Scheduled']);
    assert.deepEqual(await q('type=Warning'), ['BackOff']);
    assert.deepEqual((await q('type!=Warning,source=kubelet')).sort(), ['Pulled']);
    assert.deepEqual(
      (await q('involvedObject.name==b,involvedObject.kind=Pod,involvedObject.namespace=web')).sort(),
      ['Pulled'],
    );
    assert.deepEqual(await q('reason=Scheduled,reportingComponent=default-scheduler'), ['Scheduled']);
    const pods = await call(server, '/api/v1/pods?fieldSelector=metadata.name%3Db', { token });
    assert.deepEqual(names(pods), ['b']);
    const v1 = await call(server, '/apis/events.k8s.io/v1/events?fieldSelector=regarding.name%3Db', {
      token,
    });
    assert.deepEqual(
      v1.body.items.map((e: any) => e.reason),
      ['Pulled'],
    );
  });

  it('rejects an unsupported field like the real server', async () => {
    const r = await call(server, '/api/v1/pods?fieldSelector=spec.containers%3Dx', { token });
    assert.equal(r.status, 400);
    assert.equal(r.body.reason, 'BadRequest');
    assert.equal(r.body.message, 'field label not supported: spec.containers');
  });

  it('filtered watches turn updates that stop (start) matching into DELETED (ADDED)', async () => {
    server.create(pod('web', 'a', { labels: { app: 'web' } }));
    const rv = server.currentResourceVersion();
    const w = await watch(server, `/api/v1/pods?watch=true&labelSelector=app%3Dweb&resourceVersion=${rv}`, {
      token,
    });
    const fw = await watch(
      server,
      `/api/v1/pods?watch=true&fieldSelector=status.phase%3DRunning&resourceVersion=${rv}`,
      {
        token,
      },
    );
    const a = server.get('v1', 'Pod', 'web', 'a') as any;
    a.metadata.labels = { app: 'other' };
    a.status.phase = 'Succeeded';
    server.update(a);
    server.create(pod('web', 'ignored', { labels: { app: 'db' }, phase: 'Pending' }));
    a.metadata.labels = { app: 'web' };
    a.status.phase = 'Running';
    server.update(a);
    a.metadata.annotations = { touched: 'yes' };
    server.update(a);
    server.delete('v1', 'Pod', 'web', 'a');
    for (const reader of [w, fw]) {
      const events = await reader.waitFor(4);
      assert.deepEqual(
        events.map((e) => e.type),
        ['DELETED', 'ADDED', 'MODIFIED', 'DELETED'],
      );
      // The unmatch DELETED carries the previous (matching) state with the update's resourceVersion.
      assert.equal(events[0]!.object.status.phase, 'Running');
      assert.equal(events[0]!.object.metadata.resourceVersion, String(Number(rv) + 1));
      assert.ok(events.every((e) => e.object.metadata.name === 'a'));
      reader.close();
    }
  });
});
