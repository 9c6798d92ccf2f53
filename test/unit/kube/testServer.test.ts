import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeObject } from '../../../src/core/cache/types';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { ContextManager } from '../../../src/core/cluster/contextManager';
import type { ContextStatus } from '../../../src/core/cluster/status';
import { NAMESPACES, PODS } from '../../../src/core/kinds';
import { CredentialProviders } from '../../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo, type LoadedKubeconfigs } from '../../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../../src/kube/sessionFactory';
import { startTestServer, type TestServer } from '../../server/index';
import { namespace, pod } from '../../server/fixtures';
import { writeExecPlugin } from './fixtures';
import { waitFor } from '../fakes/waitFor';

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('kube adapters against the test API server', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;

  before(async () => {
    server = await startTestServer({ bookmarkIntervalMs: 1000 });
    for (const n of ['a', 'b', 'default']) server.create(namespace(n));
    server.create(pod('a', 'pa'));
    server.create(pod('b', 'pb'));
  });
  after(async () => server.stop());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-it-'))));
  afterEach(() => {
    manager?.dispose();
    manager = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  }

  function connectAll(loaded: LoadedKubeconfigs): ContextManager<ContextInfo, ClusterSession> {
    const m = new ContextManager<ContextInfo, ClusterSession>({
      sessionFactory: createKubeSessionFactory({
        config: () => loaded.config,
        credentials: new CredentialProviders(),
        kinds: [NAMESPACES, PODS],
        informerOptions: () => ({ backoff: { initialMs: 50, maxMs: 200 } }),
      }),
    });
    m.reconcile(loaded.contexts);
    for (const c of loaded.contexts) m.connect(c.name);
    manager = m;
    return m;
  }

  const phase = (m: ContextManager<ContextInfo, ClusterSession>, name: string) => m.status(name)?.phase;

  it('lists and watches pods with a token user', async () => {
    server.addTokenUser('tok-user', 'tok-secret');
    server.grantAll('tok-user');
    const loaded = loadKubeconfigs([
      write('config', server.kubeconfig({ user: 'tok-user', token: 'tok-secret', contextName: 'tok' })),
    ]);
    const m = connectAll(loaded);
    await waitFor(() => phase(m, 'tok') === 'synced', 'synced');
    const s = m.session('tok')!;
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/pa', 'b/pb']);
    const added: string[] = [];
    s.addEventHandler(PODS, { onAdd: (o: KubeObject, initial) => !initial && added.push(o.metadata.name!) });
    server.create(pod('a', 'new-pod'));
    await waitFor(() => added.includes('new-pod'), 'watch event');
    server.delete('v1', 'Pod', 'a', 'new-pod');
    await waitFor(() => s.store(PODS).get('a/new-pod') === undefined, 'delete');
    const watches = server.requests.filter((r) => r.user === 'tok-user' && r.verb === 'watch');
    assert.ok(watches.every((r) => r.query.allowWatchBookmarks === 'true'));
  });

  it('lists with a client-certificate user', async () => {
    const cert = server.issueClientCert('cert-user');
    server.grantAll('cert-user');
    const loaded = loadKubeconfigs([
      write('config', server.kubeconfig({ user: 'cert-user', clientCert: cert, contextName: 'cert' })),
    ]);
    const m = connectAll(loaded);
    await waitFor(() => phase(m, 'cert') === 'synced', 'synced');
    assert.equal(m.session('cert')!.store(PODS).size >= 2, true);
    assert.ok(server.requests.some((r) => r.user === 'cert-user' && r.verb === 'list'));
  });

  it('falls back to allowed namespaces after a 403, and is forbidden where nothing is allowed', async () => {
    server.addTokenUser('ns-user', 'ns-secret');
    server.allow('ns-user', { verbs: ['list', 'watch'], resources: ['namespaces'] });
    server.allow('ns-user', { verbs: ['list', 'watch'], resources: ['pods'], namespaces: ['b'] });
    server.addTokenUser('nobody', 'nobody-secret');
    const loaded = loadKubeconfigs([
      write('ns', server.kubeconfig({ user: 'ns-user', token: 'ns-secret', contextName: 'limited' })),
      write('nobody', server.kubeconfig({ user: 'nobody', token: 'nobody-secret', contextName: 'nobody' })),
    ]);
    const m = connectAll(loaded);
    const s = m.session('limited')!;
    await waitFor(
      () => s.watchedNamespaces(PODS)?.join() === 'b' && phase(m, 'limited') === 'synced',
      'fallback',
    );
    assert.deepEqual(s.store(PODS).listKeys(), ['b/pb']);
    await waitFor(() => phase(m, 'nobody') === 'forbidden', 'forbidden');
    assert.match((m.status('nobody') as { reason: string }).reason, /forbidden/i);
  });

  it('shows ECONNREFUSED for an unreachable server and a clear error for a malformed kubeconfig, while another context syncs', async () => {
    server.addTokenUser('good', 'good-secret');
    server.grantAll('good');
    const port = await closedPort();
    const unreachable = JSON.stringify({
      clusters: [{ name: 'dead', cluster: { server: `https://127.0.0.1:${port}` } }],
      users: [{ name: 'u', user: { token: 'x' } }],
      contexts: [
        { name: 'dead', context: { cluster: 'dead', user: 'u' } },
        { name: 'dangling', context: { cluster: 'missing', user: 'u' } },
      ],
    });
    const loaded = loadKubeconfigs([
      write('bad', 'clusters:\n- name: x\n  cluster: {server: "https://x", token: "sekrit"\n'),
      write('dead', unreachable),
      write('good', server.kubeconfig({ user: 'good', token: 'good-secret', contextName: 'good' })),
    ]);
    assert.equal(loaded.errors.length, 1);
    assert.match(loaded.errors[0]!.message, /bad: invalid YAML at line/);
    assert.doesNotMatch(loaded.errors[0]!.message, /sekrit/);
    const m = connectAll(loaded);
    await waitFor(() => phase(m, 'good') === 'synced' && phase(m, 'dead') === 'retrying', 'statuses');
    assert.match((m.status('dead') as { reason: string }).reason, /ECONNREFUSED/);
    assert.deepEqual(m.status('dangling'), {
      phase: 'error',
      reason: 'context "dangling" refers to cluster "missing", which is not defined',
    } satisfies ContextStatus);
  });

  it('re-runs the exec plugin once after a 401 and recovers', async () => {
    const plugin = writeExecPlugin(dir);
    server.addTokenUser('exec-user', 'exec-token-2');
    server.grantAll('exec-user');
    const text = JSON.stringify({
      clusters: [
        {
          name: 'c',
          cluster: {
            server: server.url,
            'certificate-authority-data': Buffer.from(server.caPem).toString('base64'),
          },
        },
      ],
      users: [
        {
          name: 'u',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: process.execPath,
              args: [plugin.script],
            },
          },
        },
      ],
      contexts: [{ name: 'exec', context: { cluster: 'c', user: 'u' } }],
    });
    const m = connectAll(loadKubeconfigs([write('config', text)]));
    await waitFor(() => phase(m, 'exec') === 'synced', 'synced');
    // Two informers started at once: one run for the first token, one after its 401.
    assert.equal(plugin.runs(), 2);
  });
});
