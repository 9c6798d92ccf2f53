import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { ApiError } from '../../../src/core/cache/errors';
import { watchableKinds } from '../../../src/core/discovery/catalog';
import { AGGREGATED_ACCEPT, createDiscoveryClient } from '../../../src/kube/discoveryClient';
import { SizeLimitError } from '../../../src/kube/limits';
import { KubeTransport } from '../../../src/kube/transport';
import { startScriptedServer, StaticCredentials, status, type ScriptedServer } from '../kube/fixtures';
import { AGG_APIS, AGG_CORE, LEGACY_API, LEGACY_APIS, LEGACY_GROUPS } from './fixtures';

function json(res: http.ServerResponse, body: unknown, contentType = 'application/json'): void {
  res.writeHead(200, { 'Content-Type': contentType });
  res.end(JSON.stringify(body));
}

const wantsAggregated = (req: http.IncomingMessage) =>
  String(req.headers.accept ?? '').includes('as=APIGroupDiscoveryList');

describe('kube/discoveryClient', () => {
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

  /** legacyServer answers like a server without aggregated discovery; `inFlight` tracks the peak. */
  function legacyServer(delayMs = 5): { peak: () => number } {
    let now = 0;
    let peak = 0;
    server.handle((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      if (path === '/api') return json(res, LEGACY_API);
      if (path === '/apis') return json(res, LEGACY_APIS);
      now++;
      peak = Math.max(peak, now);
      setTimeout(() => {
        now--;
        const doc = LEGACY_GROUPS[path];
        if (doc) json(res, doc);
        else status(res, 503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
      }, delayMs);
    });
    return { peak: () => peak };
  }

  it('uses aggregated discovery: two requests (/api and /apis) with the v2 Accept header', async () => {
    server.handle((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (!wantsAggregated(req)) return json(res, path === '/api' ? LEGACY_API : LEGACY_APIS);
      const ct = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
      json(res, path === '/api' ? AGG_CORE : AGG_APIS, ct);
    });
    const result = await createDiscoveryClient({ transport }).discover(new AbortController().signal);
    assert.equal(result.mode, 'aggregated');
    assert.equal(server.requests.length, 2);
    assert.deepEqual(server.requests.map((r) => r.url).sort(), ['/api', '/apis']);
    for (const r of server.requests) assert.equal(r.headers.accept, AGGREGATED_ACCEPT);
    const ids = watchableKinds(result.kinds).map((k) => `${k.group}/${k.version}/${k.plural}`);
    assert.deepEqual(ids, [
      '/v1/pods',
      '/v1/persistentvolumeclaims',
      '/v1/secrets',
      '/v1/persistentvolumes',
      'autoscaling/v2/horizontalpodautoscalers',
      'cert-manager.io/v1/certificates',
    ]);
    const pv = result.kinds.find((k) => k.plural === 'persistentvolumes')!;
    assert.equal(pv.namespaced, false);
    assert.deepEqual(pv.shortNames, ['pv']);
  });

  it('falls back to the legacy documents when the server ignores the header, reusing its index', async () => {
    legacyServer();
    const result = await createDiscoveryClient({ transport }).discover(new AbortController().signal);
    assert.equal(result.mode, 'legacy');
    // /api, /apis, then one per group version: v1, apps/v1, autoscaling/v2, autoscaling/v1,
    // cert-manager.io/v1, metrics.k8s.io/v1beta1. The index is not fetched twice.
    assert.equal(server.requests.length, 8);
    assert.equal(result.requests, 8);
    assert.equal(server.requests.filter((r) => r.url === '/apis').length, 1);
    const ids = watchableKinds(result.kinds).map((k) => `${k.group}/${k.version}/${k.plural}`);
    assert.deepEqual(ids, [
      '/v1/pods',
      '/v1/persistentvolumeclaims',
      'apps/v1/deployments',
      'autoscaling/v2/horizontalpodautoscalers',
      'cert-manager.io/v1/certificates',
    ]);
    // The 503 group is skipped and named, not fatal.
    assert.deepEqual(result.skipped, ['metrics.k8s.io/v1beta1']);
  });

  it('fetches legacy group versions with bounded parallelism', async () => {
    const { peak } = legacyServer(20);
    await createDiscoveryClient({ transport, concurrency: 2 }).discover(new AbortController().signal);
    assert.equal(peak(), 2);
  });

  it('fetches at most maxGroupVersions legacy documents and names the rest', async () => {
    legacyServer();
    const result = await createDiscoveryClient({ transport, maxGroupVersions: 2 }).discover(
      new AbortController().signal,
    );
    assert.equal(server.requests.length, 4);
    assert.deepEqual(result.skipped, [
      'autoscaling/v2',
      'autoscaling/v1',
      'cert-manager.io/v1',
      'metrics.k8s.io/v1beta1',
    ]);
  });

  it('rejects with the ApiError when discovery is forbidden', async () => {
    server.handle((_req, res) =>
      status(res, 403, 'Forbidden', 'forbidden: User "u" cannot get path "/apis"'),
    );
    await assert.rejects(
      createDiscoveryClient({ transport }).discover(new AbortController().signal),
      (err: unknown) => err instanceof ApiError && err.code === 403,
    );
  });

  it('rejects a discovery document over the byte cap', async () => {
    server.handle((_req, res) => json(res, { ...AGG_APIS, padding: 'x'.repeat(5000) }));
    await assert.rejects(
      createDiscoveryClient({ transport, maxBodyBytes: 4096 }).discover(new AbortController().signal),
      SizeLimitError,
    );
  });

  it('rejects a body that is not JSON as an ApiError 500, without echoing it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    await assert.rejects(
      createDiscoveryClient({ transport }).discover(new AbortController().signal),
      (err: unknown) => err instanceof ApiError && err.code === 500 && !err.message.includes('proxy login'),
    );
  });
});
