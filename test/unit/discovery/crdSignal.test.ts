import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { createCrdSignal } from '../../../src/kube/crdSignal';
import { METADATA_ACCEPT, METADATA_WATCH_ACCEPT } from '../../../src/kube/metadataOnly';
import { KubeTransport } from '../../../src/kube/transport';
import { FakeClock } from '../fakes/fakeClock';
import { startScriptedServer, StaticCredentials, status, type ScriptedServer } from '../kube/fixtures';

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

const crd = (name: string, rv: string) => ({
  apiVersion: 'meta.k8s.io/v1',
  kind: 'PartialObjectMetadata',
  metadata: { name, uid: `uid-${name}`, resourceVersion: rv, generation: 1 },
});

describe('kube/crdSignal', () => {
  let server: ScriptedServer;
  let transport: KubeTransport;
  const open: http.ServerResponse[] = [];
  beforeEach(async () => {
    server = await startScriptedServer();
    transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
    });
  });
  afterEach(async () => {
    for (const r of open.splice(0)) r.destroy();
    transport.dispose();
    await server.close();
  });

  it('says changed for CRDs added after the initial list, not for those listed', async () => {
    server.handle((req, res) => {
      if (req.url?.includes('watch=true')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(
          JSON.stringify({ type: 'ADDED', object: crd('certificates.cert-manager.io', '11') }) + '\n',
        );
        open.push(res);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'PartialObjectMetadataList',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { resourceVersion: '10' },
          items: [crd('applications.argoproj.io', '5')],
        }),
      );
    });
    let changed = 0;
    const unavailable: string[] = [];
    const signal = createCrdSignal({ transport })({
      changed: () => changed++,
      unavailable: (r) => unavailable.push(r),
    });
    await until(() => changed === 1, 'a change');
    assert.deepEqual(unavailable, []);
    // Lists ask for the List form, watches for PartialObjectMetadata events (as client-go).
    for (const r of server.requests) {
      const watch = /[?&]watch=(true|1)/.test(r.url);
      assert.equal(r.headers.accept, watch ? METADATA_WATCH_ACCEPT : METADATA_ACCEPT, r.url);
    }
    assert.ok(server.requests[0]!.url.startsWith('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'));
    signal.dispose();
  });

  it('is unavailable on 403, and stops asking', async () => {
    server.handle((_req, res) => status(res, 403, 'Forbidden', 'cannot list customresourcedefinitions'));
    const unavailable: string[] = [];
    const clock = new FakeClock();
    const signal = createCrdSignal({ transport, clock })({
      changed: () => undefined,
      unavailable: (r) => unavailable.push(r),
    });
    await until(() => unavailable.length === 1, 'unavailable');
    assert.match(unavailable[0]!, /forbidden/);
    const asked = server.requests.length;
    await clock.advanceAsync(10 * 60_000);
    assert.equal(server.requests.length, asked, 'no retry after giving up');
    signal.dispose();
  });
});
