/**
 * The exec plugin's life follows the context: Disconnect kills a plugin that hangs, Refresh
 * (reconnect) runs it again, and a failing plugin becomes the context's status, never a crash.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { ContextManager } from '../../../src/core/cluster/contextManager';
import { NAMESPACES, PODS } from '../../../src/core/kinds';
import { CredentialProviders } from '../../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../../src/kube/sessionFactory';
import { alive, HANG, waitFor, waitForPids, writeScript } from './execFixtures';
import { execKubeconfig } from './fixtures';

describe('exec plugins follow their context (Disconnect, Refresh, dispose)', () => {
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;
  let providers: CredentialProviders | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-sess-'));
  });
  afterEach(() => {
    manager?.dispose();
    providers?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function managerFor(script: string) {
    fs.writeFileSync(path.join(dir, 'config'), execKubeconfig(script));
    const loaded = loadKubeconfigs([path.join(dir, 'config')]);
    providers = new CredentialProviders();
    const m = new ContextManager<ContextInfo, ClusterSession>({
      sessionFactory: createKubeSessionFactory({
        config: () => loaded.config,
        credentials: providers,
        kinds: [NAMESPACES, PODS],
        informerOptions: () => ({ backoff: { initialMs: 60_000, maxMs: 60_000 } }),
      }),
    });
    m.reconcile(loaded.contexts);
    manager = m;
    return m;
  }

  it('kills a hanging plugin on Disconnect, runs it again on Refresh, kills it on dispose', async () => {
    const pidFile = path.join(dir, 'pids');
    const m = managerFor(writeScript(dir, 'hang.cjs', HANG(pidFile)));
    m.connect('one');
    const [first] = await waitForPids(pidFile, 1);
    assert.equal(m.status('one')?.phase, 'connecting');
    m.disconnect('one');
    await waitFor(() => !alive(first!), 'Disconnect to kill the plugin');
    m.connect('one');
    const [, second] = await waitForPids(pidFile, 2);
    m.reconnect('one'); // Refresh
    const [, , third] = await waitForPids(pidFile, 3);
    await waitFor(() => !alive(second!), 'Refresh to kill the old run');
    assert.ok(alive(third!));
    m.dispose();
    await waitFor(() => !alive(third!), 'dispose to kill the plugin');
  });

  it('shares one run between two contexts: disconnecting one keeps it running', async () => {
    const pidFile = path.join(dir, 'pids');
    const m = managerFor(writeScript(dir, 'hang.cjs', HANG(pidFile)));
    m.connect('one');
    m.connect('two');
    const [pid] = await waitForPids(pidFile, 1);
    m.disconnect('one');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(alive(pid!), 'context two still waits for it');
    m.disconnect('two');
    await waitFor(() => !alive(pid!), 'the last Disconnect to kill it');
  });

  it('shows a failing plugin as the context status, with its stderr tail, redacted', async () => {
    const script = writeScript(
      dir,
      'fail.cjs',
      `process.stderr.write('login required: run sso login (refresh token abcdefghijklmnop1234 expired)\\n'); process.exit(2);`,
    );
    const m = managerFor(script);
    m.connect('one');
    await waitFor(() => ['retrying', 'error'].includes(m.status('one')?.phase ?? ''), 'a failure status');
    const status = m.status('one') as { reason: string };
    assert.match(status.reason, /exec plugin .* exited with code 2: login required/);
    assert.doesNotMatch(status.reason, /abcdefghijklmnop1234/);
  });
});
