import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { Interner } from '../../../src/core/cache/intern';
import { type ContextManager } from '../../../src/core/cluster/contextManager';
import { type ContextInfo } from '../../../src/kube/kubeconfig';
import { METADATA_ACCEPT, METADATA_WATCH_ACCEPT } from '../../../src/kube/metadataOnly';
import { startScriptedServer, status, type ScriptedServer } from '../kube/fixtures';
import { AGG_APIS, AGG_CORE } from './fixtures';
import { waitFor } from '../fakes/waitFor';
import { startKubeSession } from '../fakes/kubeSession';

const SECRET = {
  metadata: { name: 'db', namespace: 'shop', uid: 'uid-db', resourceVersion: '5' },
  type: 'Opaque',
  data: { password: Buffer.from('hunter2').toString('base64') },
};

/**
 * A server with aggregated discovery that ignores the metadata Accept header: it sends whole
 * Secrets. Watches stay open and quiet.
 */
function serve(server: ScriptedServer, open: http.ServerResponse[]): void {
  server.handle((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api') return json(AGG_CORE);
    if (url.pathname === '/apis') return json(AGG_APIS);
    if (url.pathname.includes('customresourcedefinitions'))
      return status(res, 403, 'Forbidden', 'cannot list customresourcedefinitions');
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      open.push(res);
      return;
    }
    const items =
      url.pathname === '/api/v1/secrets'
        ? [SECRET]
        : url.pathname === '/api/v1/namespaces'
          ? [{ metadata: { name: 'shop', uid: 'uid-shop', resourceVersion: '3' } }]
          : [];
    json({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items });
  });
}

describe('Secrets as metadata only, through a session with aggregated discovery', function () {
  this.timeout(20000);
  let server: ScriptedServer;
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;
  const open: http.ServerResponse[] = [];

  beforeEach(async () => {
    server = await startScriptedServer();
    serve(server, open);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-meta-'));
  });
  afterEach(async () => {
    manager?.dispose();
    manager = undefined;
    for (const r of open.splice(0)) r.destroy();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** connect starts a session of context `c` on the scripted server. */
  function connect(interner?: Interner): ClusterSession {
    const file = path.join(dir, 'config');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "' + server.url + '"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: c, context: {cluster: c, user: u}}]',
        'current-context: c',
      ].join('\n'),
    );
    const started = startKubeSession(file, { interner });
    manager = started.manager;
    return started.session;
  }

  it('lists Secrets with the PartialObjectMetadata Accept header and keeps no data', async () => {
    const s = connect();
    await waitFor(() => s.discovery?.status.phase === 'ready', 'discovery');
    assert.deepEqual(s.discovery!.status, { phase: 'ready', mode: 'aggregated', kinds: 6, skipped: [] });
    const discoveryRequests = server.requests.filter((r) => r.url === '/api' || r.url === '/apis');
    assert.equal(discoveryRequests.length, 2, 'one round trip: /api and /apis');
    const secrets = s.discovery!.byResource('', 'secrets')!;
    assert.equal(
      server.requests.filter((r) => r.url.startsWith('/api/v1/secrets')).length,
      0,
      'nothing asked before the kind is opened',
    );
    s.acquire(secrets);
    await waitFor(() => s.kindStatusOf(secrets).phase === 'synced', 'secrets synced');
    const obj = s.storeOf(secrets)!.get('shop/db')!;
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(obj)) as object).sort(), [
      'apiVersion',
      'kind',
      'metadata',
    ]);
    assert.equal(obj.apiVersion, 'v1');
    assert.equal(obj.kind, 'Secret');
    assert.equal(JSON.stringify(obj).includes('hunter2'), false);
    assert.equal(JSON.stringify(obj).includes(SECRET.data.password), false);
    // The watch opens right after the list has synced: wait for it rather than race it.
    await waitFor(
      () =>
        server.requests.some((r) => r.url.startsWith('/api/v1/secrets') && /[?&]watch=(true|1)/.test(r.url)),
      'the secrets watch',
    );
    const secretRequests = server.requests.filter((r) => r.url.startsWith('/api/v1/secrets'));
    assert.ok(secretRequests.length >= 1);
    // A LIST asks for the List form; a WATCH for PartialObjectMetadata events (kube-apiserver
    // cannot encode an event as a List and ends the watch at its first event).
    for (const r of secretRequests) {
      const watch = /[?&]watch=(true|1)/.test(r.url);
      assert.equal(r.headers.accept, watch ? METADATA_WATCH_ACCEPT : METADATA_ACCEPT, r.url);
    }
    assert.ok(
      secretRequests.some((r) => /[?&]watch=(true|1)/.test(r.url)),
      'the secrets were watched',
    );
    // Other kinds are fetched whole.
    const pods = server.requests.find((r) => r.url.startsWith('/api/v1/pods'))!;
    assert.equal(pods.headers.accept, 'application/json');
  });

  it('does not walk metadata-only objects with the list interner (the compactor shares their strings)', async () => {
    const walked: string[] = [];
    const interner = new (class extends Interner {
      override intern<T>(obj: T): T {
        walked.push(String((obj as { kind?: unknown }).kind));
        return super.intern(obj);
      }
    })();
    const s = connect(interner);
    await waitFor(() => s.discovery?.status.phase === 'ready', 'discovery');
    const secrets = s.discovery!.byResource('', 'secrets')!;
    s.acquire(secrets);
    await waitFor(() => s.kindStatusOf(secrets).phase === 'synced', 'secrets synced');
    const obj = s.storeOf(secrets)!.get('shop/db')!;
    assert.equal(obj.metadata.uid, 'uid-db');
    assert.ok(walked.includes('Namespace'), `whole objects are interned (walked: ${walked.join(',')})`);
    assert.equal(walked.includes('Secret'), false, 'a metadata-only Secret is not walked');
  });
});
