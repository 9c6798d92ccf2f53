/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { customResource, customResourceDefinition } from '../../server/fixturesAdded';
import { call, makeAdmin, watch, within } from './helpers';

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const CERTS = '/apis/cert-manager.io/v1/namespaces/prod/certificates';

const certificateCrd = () =>
  customResourceDefinition({
    group: 'cert-manager.io',
    kind: 'Certificate',
    plural: 'certificates',
    shortNames: ['cert'],
  });

describe('test server: CustomResourceDefinitions', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  async function post(path: string, body: unknown): Promise<any> {
    const r = await call(server, path, { token, method: 'POST', body });
    assert.equal(r.status, 201, r.text);
    return r.body;
  }

  it('serves the resource once the CRD is created, and marks the CRD Established and NamesAccepted', async () => {
    assert.equal((await call(server, CERTS, { token })).status, 404, 'not served before');
    await post(CRDS, certificateCrd());
    const crd = (await call(server, `${CRDS}/certificates.cert-manager.io`, { token })).body;
    const cond = Object.fromEntries(crd.status.conditions.map((c: any) => [c.type, c]));
    assert.equal(cond.Established.status, 'True');
    assert.equal(cond.Established.reason, 'InitialNamesAccepted');
    assert.equal(cond.NamesAccepted.status, 'True');
    assert.equal(cond.NamesAccepted.reason, 'NoConflicts');
    assert.deepEqual(crd.status.storedVersions, ['v1']);
    assert.equal(crd.status.acceptedNames.listKind, 'CertificateList');
    assert.deepEqual(crd.status.acceptedNames.shortNames, ['cert']);
    const created = await post(
      CERTS,
      customResource('cert-manager.io/v1', 'Certificate', 'prod', 'web', { spec: { secretName: 'web' } }),
    );
    assert.equal(created.metadata.generation, 1);
    assert.equal(created.apiVersion, 'cert-manager.io/v1');
    const list = (await call(server, CERTS, { token })).body;
    assert.equal(list.kind, 'CertificateList');
    assert.deepEqual(
      list.items.map((i: any) => i.metadata.name),
      ['web'],
    );
    assert.equal(list.items[0].kind, undefined, 'list items carry no kind');
  });

  it('rejects an invalid CRD with 422', async () => {
    const bad = certificateCrd() as any;
    bad.metadata.name = 'certs.cert-manager.io';
    const r = await call(server, CRDS, { token, method: 'POST', body: bad });
    assert.equal(r.status, 422);
    assert.match(r.body.message, /must be spec.names.plural\+"."\+spec.group/);
  });

  it('applies the status subresource rules: the object keeps its status, /status changes only the status', async () => {
    server.create(certificateCrd());
    const created = await post(
      CERTS,
      customResource('cert-manager.io/v1', 'Certificate', 'prod', 'web', {
        spec: { secretName: 'web' },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      }),
    );
    assert.equal(created.status, undefined, 'status is dropped on create');
    const withStatus = {
      ...created,
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Failed' }] },
    };
    const put = await call(server, `${CERTS}/web/status`, { token, method: 'PUT', body: withStatus });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.status.conditions[0].status, 'False');
    assert.equal(put.body.metadata.generation, 1, 'a status write does not bump the generation');
    const specChange = { ...put.body, spec: { secretName: 'other' }, status: { conditions: [] } };
    const main = await call(server, `${CERTS}/web`, { token, method: 'PUT', body: specChange });
    assert.equal(main.status, 200, main.text);
    assert.equal(main.body.spec.secretName, 'other');
    assert.equal(main.body.status.conditions[0].status, 'False', 'the main resource ignores status');
    assert.equal(main.body.metadata.generation, 2, 'a spec change bumps the generation');
  });

  it('answers 404 for /status when the CRD declares no status subresource', async () => {
    server.create(
      customResourceDefinition({
        group: 'argoproj.io',
        kind: 'Application',
        plural: 'applications',
        version: 'v1alpha1',
        status: false,
      }),
    );
    const path = '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications';
    const created = await post(
      path,
      customResource('argoproj.io/v1alpha1', 'Application', 'argocd', 'shop', {
        spec: {},
        status: { health: { status: 'Degraded' } },
      }),
    );
    assert.equal(
      created.status.health.status,
      'Degraded',
      'without the subresource, status is stored as written',
    );
    assert.equal((await call(server, `${path}/shop/status`, { token })).status, 404);
  });

  it('serves cluster-scoped custom resources without a namespace', async () => {
    server.create(
      customResourceDefinition({
        group: 'karpenter.sh',
        kind: 'NodeClaim',
        plural: 'nodeclaims',
        scope: 'Cluster',
      }),
    );
    server.create(customResource('karpenter.sh/v1', 'NodeClaim', undefined, 'default-abc', { spec: {} }));
    const r = await call(server, '/apis/karpenter.sh/v1/nodeclaims/default-abc', { token });
    assert.equal(r.status, 200);
    assert.equal(r.body.metadata.namespace, undefined);
  });

  it('on delete: watchers get DELETED for every instance, their watch ends, then the resource is 404', async () => {
    server.create(certificateCrd());
    server.create(customResource('cert-manager.io/v1', 'Certificate', 'prod', 'a', { spec: {} }));
    server.create(customResource('cert-manager.io/v1', 'Certificate', 'prod', 'b', { spec: {} }));
    const rv = server.currentResourceVersion();
    const w = await watch(server, `${CERTS}?watch=true&resourceVersion=${rv}`, { token });
    const crdWatch = await watch(server, `${CRDS}?watch=true&resourceVersion=${rv}`, { token });
    const del = await call(server, `${CRDS}/certificates.cert-manager.io`, { token, method: 'DELETE' });
    assert.equal(del.status, 200);
    assert.ok(del.body.metadata.deletionTimestamp, 'answered with the CRD marked for deletion');
    const events = await w.waitFor(2);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['DELETED a', 'DELETED b'],
    );
    assert.equal(await within(w.ended, 2000, 'the watch to end'), 'end');
    const crdEvents = await crdWatch.waitFor(2);
    assert.deepEqual(
      crdEvents.map((e) => e.type),
      ['MODIFIED', 'DELETED'],
      'marked (Terminating), then gone',
    );
    assert.equal(
      crdEvents[0].object.status.conditions.find((c: any) => c.type === 'Terminating').status,
      'True',
    );
    crdWatch.close();
    assert.equal((await call(server, CERTS, { token })).status, 404);
    assert.equal((await call(server, `${CRDS}/certificates.cert-manager.io`, { token })).status, 404);
    // Re-creating the CRD serves an empty resource again.
    server.create(certificateCrd());
    const again = await call(server, CERTS, { token });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.items, []);
  });

  it('serves every served version from one keyspace, converting apiVersion only', async () => {
    const crd = certificateCrd() as any;
    crd.spec.versions.push({ ...crd.spec.versions[0], name: 'v1beta1', storage: false });
    server.create(crd);
    server.create(
      customResource('cert-manager.io/v1', 'Certificate', 'prod', 'web', { spec: { secretName: 'web' } }),
    );
    const beta = await call(server, '/apis/cert-manager.io/v1beta1/namespaces/prod/certificates/web', {
      token,
    });
    assert.equal(beta.status, 200);
    assert.equal(beta.body.apiVersion, 'cert-manager.io/v1beta1');
    assert.equal(beta.body.spec.secretName, 'web');
  });

  it('does not accept a CRD whose names another kind serves: NamesAccepted False, not served', async () => {
    await post(CRDS, customResourceDefinition({ group: 'apps', kind: 'Fake', plural: 'deployments' }));
    const crd = (await call(server, `${CRDS}/deployments.apps`, { token })).body;
    const cond = Object.fromEntries(crd.status.conditions.map((c: any) => [c.type, c]));
    assert.equal(cond.NamesAccepted.status, 'False');
    assert.equal(cond.NamesAccepted.reason, 'NameConflict');
    assert.equal(cond.Established.status, 'False');
    server.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'prod' },
      spec: {},
    });
    const d = await call(server, '/apis/apps/v1/namespaces/prod/deployments/web', { token });
    assert.equal(d.body.kind, 'Deployment', 'the built-in kind is still served');
    server.delete('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, 'deployments.apps');
    assert.equal(
      (await call(server, '/apis/apps/v1/namespaces/prod/deployments/web', { token })).status,
      200,
    );
  });
});
