/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../server';
import { deployment, pod } from '../../server/fixtures';
import { call, watch } from './helpers';

describe('test server: authentication and RBAC', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    server.addTokenUser('alice', 'alice-token', ['devs']);
    server.create(pod('web', 'a'));
    server.create(pod('db', 'b'));
    server.create(deployment('web', 'd'));
  });
  after(() => server.stop());

  it('rejects missing and unknown credentials with the real 401 body', async () => {
    for (const token of [undefined, 'wrong']) {
      const r = await call(server, '/api/v1/pods', token ? { token } : {});
      assert.equal(r.status, 401);
      assert.deepEqual(r.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    assert.equal((await call(server, '/api', {})).status, 401);
  });

  it('lets any authenticated user read discovery', async () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/apis/events.k8s.io/v1', '/version']) {
      const r = await call(server, path, { token: 'alice-token' });
      assert.equal(r.status, 200, path);
    }
    const core = await call(server, '/api/v1', { token: 'alice-token' });
    const pods = core.body.resources.find((r: any) => r.name === 'pods');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.equal(pods.namespaced, true);
  });

  it('forbids what is not allowed, worded like RBAC', async () => {
    const list = await call(server, '/api/v1/pods', { token: 'alice-token' });
    assert.equal(list.status, 403);
    assert.deepEqual(list.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'pods is forbidden: User "alice" cannot list resource "pods" in API group "" at the cluster scope',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    const ns = await call(server, '/apis/apps/v1/namespaces/web/deployments/d', { token: 'alice-token' });
    assert.equal(ns.status, 403);
    assert.equal(
      ns.body.message,
      'deployments.apps "d" is forbidden: User "alice" cannot get resource "deployments" in API group "apps" in the namespace "web"',
    );
    assert.deepEqual(ns.body.details, { name: 'd', group: 'apps', kind: 'deployments' });
  });

  it('allows per namespace, additively, and for groups', async () => {
    server.allow('alice', { verbs: ['list', 'watch'], resources: ['pods'], namespaces: ['web'] });
    assert.equal((await call(server, '/api/v1/namespaces/web/pods', { token: 'alice-token' })).status, 200);
    assert.equal((await call(server, '/api/v1/namespaces/db/pods', { token: 'alice-token' })).status, 403);
    assert.equal((await call(server, '/api/v1/pods', { token: 'alice-token' })).status, 403);
    assert.equal((await call(server, '/api/v1/namespaces/web/pods/a', { token: 'alice-token' })).status, 403);
    const w = await watch(server, '/api/v1/namespaces/web/pods?watch=true', { token: 'alice-token' });
    assert.equal(w.status, 200);
    w.close();
    server.allow('devs', { verbs: '*', resources: ['deployments'] });
    assert.equal((await call(server, '/apis/apps/v1/deployments', { token: 'alice-token' })).status, 200);
    const denied = server.requests.filter((r) => r.user === 'alice' && r.status === 403);
    assert.ok(denied.length >= 3);
    assert.ok(denied.every((r) => r.resource !== undefined && r.verb !== undefined));
  });

  it('authenticates client certificates signed by the CA (CN user, O groups)', async () => {
    const cert = server.issueClientCert('carol', ['ops']);
    server.allow('ops', { verbs: ['list'], resources: ['pods'] });
    const r = await call(server, '/api/v1/pods', { cert });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 2);
    assert.equal(server.requests[server.requests.length - 1]!.user, 'carol');
    const denied = await call(server, '/apis/apps/v1/deployments', { cert });
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /User "carol" cannot list/);
  });

  it('rejects a client certificate from another CA with 401', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-events-foreign-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/O=system:masters/CN=mallory',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          join(dir, 'c.pem'),
        ],
        { stdio: 'pipe' },
      );
      const cert = {
        certPem: readFileSync(join(dir, 'c.pem'), 'utf8'),
        keyPem: readFileSync(join(dir, 'k.pem'), 'utf8'),
      };
      const r = await call(server, '/api/v1/pods', { cert });
      assert.equal(r.status, 401);
      assert.equal(r.body.reason, 'Unauthorized');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers SelfSubjectAccessReviews from the rules', async () => {
    server.addTokenUser('dave', 'dave-token');
    server.allow('dave', { verbs: ['list', 'watch'], resources: ['events'], namespaces: ['web'] });
    const ask = async (attrs: Record<string, string>) => {
      const r = await call(server, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        token: 'dave-token',
        method: 'POST',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: attrs },
        },
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.kind, 'SelfSubjectAccessReview');
      return r.body.status.allowed as boolean;
    };
    assert.equal(await ask({ verb: 'list', resource: 'events', namespace: 'web' }), true);
    assert.equal(await ask({ verb: 'list', resource: 'events', namespace: 'db' }), false);
    assert.equal(await ask({ verb: 'list', resource: 'events' }), false);
    assert.equal(await ask({ verb: 'delete', resource: 'events', namespace: 'web' }), false);
    const rules = await call(server, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      token: 'dave-token',
      method: 'POST',
      body: { spec: { namespace: 'web' } },
    });
    assert.ok(rules.body.status.resourceRules.some((r: any) => r.resources.includes('events')));
  });

  it('lets everyone do everything when authorize is false', async () => {
    const open = await startTestServer({ authorize: false, tls: false });
    try {
      open.create(pod('web', 'x'));
      const r = await call(open, '/api/v1/pods', {});
      assert.equal(r.status, 200);
      assert.equal(r.body.items.length, 1);
      assert.ok(open.url.startsWith('http://'));
    } finally {
      await open.stop();
    }
  });
});
