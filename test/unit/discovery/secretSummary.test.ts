import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import { readSecretSummary } from '../../../src/kube/secretSummary';
import { KubeTransport } from '../../../src/kube/transport';
import { startScriptedServer, StaticCredentials, status, type ScriptedServer } from '../kube/fixtures';

describe('kube/secretSummary', () => {
  let server: ScriptedServer;
  let transport: KubeTransport;
  beforeEach(async () => {
    server = await startScriptedServer();
    transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
    });
  });
  afterEach(async () => {
    transport.dispose();
    await server.close();
  });

  it('returns the type and decoded sizes of one GET, never a value', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: 'db',
            namespace: 'shop',
            annotations: {
              owner: 'team-a',
              'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}',
              bad: 7,
            },
          },
          type: 'kubernetes.io/basic-auth',
          data: {
            password: Buffer.from('hunter2').toString('base64'),
            username: Buffer.from('admin').toString('base64'),
          },
        }),
      );
    });
    const summary = await readSecretSummary(transport, 'shop', 'db');
    assert.deepEqual(summary, {
      type: 'kubernetes.io/basic-auth',
      sizes: { password: 7, username: 5 },
      annotations: { owner: 'team-a' },
    });
    assert.equal(JSON.stringify(summary).includes(Buffer.from('hunter2').toString('base64')), false);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.url, '/api/v1/namespaces/shop/secrets/db');
  });

  it('rejects with the ApiError of a forbidden GET', async () => {
    server.handle((_req, res) => status(res, 403, 'Forbidden', 'secrets "db" is forbidden'));
    await assert.rejects(
      readSecretSummary(transport, 'shop', 'db'),
      (e: unknown) => e instanceof ApiError && e.code === 403,
    );
  });

  it('keeps at most 1000 annotations of a GET', async () => {
    const annotations = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`a${i}`, 'v']));
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Secret', metadata: { name: 'db', annotations }, data: {} }));
    });
    const summary = await readSecretSummary(transport, 'shop', 'db');
    assert.equal(Object.keys(summary.annotations).length, 1000);
    assert.equal(summary.annotations.a999, 'v');
  });
});
