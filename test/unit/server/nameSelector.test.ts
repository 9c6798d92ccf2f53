import * as assert from 'node:assert/strict';
import { resourcePath } from '../../../src/core/kinds';
import { startTestServer, type TestServer } from '../../server';
import { namespace } from '../../server/fixtures';
import { customResource, customResourceDefinition, persistentVolumeClaim } from '../../server/fixturesAdded';
import { BUILTIN_SERVED_KINDS } from '../../server/servedKinds';
import { call, makeAdmin, watch } from './helpers';

// The single-object watch (src/core/cluster/objectWatch.ts) selects `metadata.name`, which
// kube-apiserver accepts for every kind (its field label conversion always maps metadata.name and
// metadata.namespace), custom resources included.
describe('test server: metadata.name field selector on every kind', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    token = makeAdmin(server);
    server.create(namespace('shop'));
  });
  afterEach(() => server.stop());

  it('every served kind lists and watches with fieldSelector=metadata.name (no 400), built-in and custom', async () => {
    server.create(customResourceDefinition({ group: 'example.com', kind: 'Widget', plural: 'widgets' }));
    const kinds = [
      ...BUILTIN_SERVED_KINDS.filter((k) => k.verbs.includes('watch')),
      {
        group: 'example.com',
        version: 'v1',
        kind: 'Widget',
        plural: 'widgets',
        namespaced: true,
        shortNames: [],
      },
    ];
    assert.ok(kinds.length > 20, `${kinds.length} kinds`);
    const refused: string[] = [];
    for (const k of kinds) {
      const base = resourcePath(k, k.namespaced ? 'shop' : undefined);
      const list = await call(server, `${base}?fieldSelector=metadata.name%3Dprobe`, { token });
      if (list.status !== 200) refused.push(`list ${k.plural}: ${list.status} ${list.body?.message ?? ''}`);
      const w = await watch(server, `${base}?watch=1&fieldSelector=metadata.name%3Dprobe&timeoutSeconds=5`, {
        token,
      });
      if (w.status !== 200) refused.push(`watch ${k.plural}: ${w.status}`);
      w.close();
    }
    assert.deepEqual(refused, []);
  });

  it('a name-selected watch sees only that object, in its namespace (PVC, custom resource)', async () => {
    server.create(customResourceDefinition({ group: 'example.com', kind: 'Widget', plural: 'widgets' }));
    const rv = server.currentResourceVersion();
    const pvcs = await watch(
      server,
      `/api/v1/namespaces/shop/persistentvolumeclaims?watch=1&fieldSelector=metadata.name%3Ddata&resourceVersion=${rv}`,
      { token },
    );
    const widgets = await watch(
      server,
      `/apis/example.com/v1/namespaces/shop/widgets?watch=1&fieldSelector=metadata.name%3Dw1&resourceVersion=${rv}`,
      { token },
    );
    try {
      server.create(namespace('other'));
      server.create(persistentVolumeClaim('shop', 'logs'));
      server.create(persistentVolumeClaim('other', 'data'));
      server.create(persistentVolumeClaim('shop', 'data'));
      server.create(customResource('example.com/v1', 'Widget', 'shop', 'w2'));
      server.create(customResource('example.com/v1', 'Widget', 'shop', 'w1'));
      server.delete('v1', 'PersistentVolumeClaim', 'shop', 'data');
      const seen = (await pvcs.waitFor(2)).map(
        (e) => `${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name}`,
      );
      assert.deepEqual(seen, ['ADDED shop/data', 'DELETED shop/data']);
      const w = (await widgets.waitFor(1)).map((e) => `${e.type} ${e.object.metadata.name}`);
      assert.deepEqual(w, ['ADDED w1']);
      assert.equal(pvcs.events.length, 2);
      assert.equal(widgets.events.length, 1);
    } finally {
      pvcs.close();
      widgets.close();
    }
  });
});
