/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { ADDED_KINDS, apiVersionOf, resourcePath, type ResourceKind } from '../../../src/core/kinds';
import { startTestServer, type TestServer } from '../../server';
import { customResource, customResourceDefinition } from '../../server/fixturesAdded';
import { call, makeAdmin, watch } from './helpers';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function objectOf(k: ResourceKind, name: string): any {
  return {
    apiVersion: apiVersionOf(k),
    kind: k.kind,
    metadata: { name, ...(k.namespaced ? { namespace: 'web' } : {}) },
    ...(k.kind === 'CustomResourceDefinition'
      ? customResourceDefinition({ group: `${name}.example.com`, kind: 'Thing', plural: 'things' })
      : {}),
  };
}

function nameOf(k: ResourceKind, base: string): string {
  return k.kind === 'CustomResourceDefinition' ? `things.${base}.example.com` : base;
}

describe('test server: the added built-in kinds', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  for (const k of ADDED_KINDS) {
    it(`${apiVersionOf(k)} ${k.kind}: create, get, list, watch, table, delete over HTTP`, async () => {
      const path = resourcePath(k, 'web');
      const name = nameOf(k, 'one');
      const body = objectOf(k, 'one');
      body.metadata.name = name;
      const created = await call(server, path, { token, method: 'POST', body });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.kind, k.kind);
      const rv = created.body.metadata.resourceVersion;
      const w = await watch(server, `${path}?watch=true&resourceVersion=${rv}`, { token });
      const two = objectOf(k, 'two');
      two.metadata.name = nameOf(k, 'two');
      assert.equal((await call(server, path, { token, method: 'POST', body: two })).status, 201);
      // A CRD's controller writes its status right after each create (MODIFIED events).
      const seen = await w.waitFor(k.kind === 'CustomResourceDefinition' ? 2 : 1);
      assert.ok(
        seen.some((e) => `${e.type} ${e.object.metadata.name}` === `ADDED ${nameOf(k, 'two')}`),
        JSON.stringify(seen.map((e) => e.type)),
      );
      w.close();
      const list = await call(server, path, { token });
      assert.equal(list.body.kind, `${k.kind}List`);
      assert.equal(list.body.items.length, 2);
      const table = await call(server, path, { token, headers: { Accept: TABLE } });
      assert.equal(table.body.kind, 'Table');
      assert.equal(table.body.columnDefinitions[0].name, 'Name');
      assert.deepEqual(
        table.body.rows.map((r: any) => String(r.cells[0]).replace(/ \(default\)$/, '')),
        [name, nameOf(k, 'two')].sort(),
      );
      const del = await call(server, `${path}/${name}`, { token, method: 'DELETE' });
      assert.equal(del.status, 200);
      assert.equal((await call(server, `${path}/${name}`, { token })).status, 404);
    });
  }

  it('prints kubectl columns for the kinds with a dedicated printer', async () => {
    const columns = async (k: ResourceKind) =>
      (
        await call(server, resourcePath(k, 'web'), { token, headers: { Accept: TABLE } })
      ).body.columnDefinitions
        .filter((c: any) => c.priority === 0)
        .map((c: any) => c.name.toUpperCase())
        .join(' ');
    const byKind = Object.fromEntries(
      await Promise.all(ADDED_KINDS.map(async (k) => [k.kind, await columns(k)])),
    );
    assert.equal(
      byKind.PersistentVolumeClaim,
      'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE',
    );
    assert.equal(byKind.HorizontalPodAutoscaler, 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE');
    assert.equal(byKind.Secret, 'NAME TYPE DATA AGE');
    assert.equal(byKind.ConfigMap, 'NAME DATA AGE');
    assert.equal(byKind.Ingress, 'NAME CLASS HOSTS ADDRESS PORTS AGE');
    assert.equal(byKind.PodDisruptionBudget, 'NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE');
    assert.equal(byKind.CustomResourceDefinition, 'NAME CREATED AT');
  });

  it('prints a custom resource with its printer columns (JSONPath filters), or Name and Age when it declares none', async () => {
    server.create(
      customResourceDefinition({
        group: 'cert-manager.io',
        kind: 'Certificate',
        plural: 'certificates',
        printerColumns: [
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
        ],
      }),
    );
    server.create(
      customResource('cert-manager.io/v1', 'Certificate', 'web', 'tls', {
        spec: { secretName: 'tls-secret' },
        status: {
          conditions: [
            { type: 'Issuing', status: 'True' },
            { type: 'Ready', status: 'False' },
          ],
        },
      }),
    );
    const t = await call(server, '/apis/cert-manager.io/v1/namespaces/web/certificates', {
      token,
      headers: { Accept: TABLE },
    });
    assert.deepEqual(
      t.body.columnDefinitions.map((c: any) => c.name),
      ['Name', 'Ready', 'Secret'],
    );
    assert.deepEqual(t.body.rows[0].cells, ['tls', 'False', 'tls-secret']);
    server.create(customResourceDefinition({ group: 'example.com', kind: 'Widget', plural: 'widgets' }));
    server.create(customResource('example.com/v1', 'Widget', 'web', 'w', { spec: {} }));
    const plain = await call(server, '/apis/example.com/v1/namespaces/web/widgets', {
      token,
      headers: { Accept: TABLE },
    });
    assert.deepEqual(
      plain.body.columnDefinitions.map((c: any) => c.name),
      ['Name', 'Age'],
    );
    assert.match(plain.body.rows[0].cells[1], /^\d+s$/);
  });

  it('deletes a collection by label selector, leaving the rest', async () => {
    for (const [name, app] of [
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]) {
      server.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'web', labels: { app } },
        data: {},
      });
    }
    const r = await call(server, '/api/v1/namespaces/web/configmaps?labelSelector=app%3Dx', {
      token,
      method: 'DELETE',
    });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.items.map((i: any) => i.metadata.name),
      ['a', 'b'],
    );
    assert.deepEqual(
      (server.list('v1', 'ConfigMap', 'web') as any[]).map((o) => o.metadata.name),
      ['c'],
    );
  });
});
