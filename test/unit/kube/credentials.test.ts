import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialProvider, CredentialProviders } from '../../../src/kube/credentials';
import { loadKubeconfigs, type MergedKubeconfig } from '../../../src/kube/kubeconfig';
import { UserAuth } from '../../../src/kube/userAuth';
import { FakeClock } from '../fakes/fakeClock';
import { alive, HANG, waitFor, waitForPids, writeScript } from './execFixtures';
import { execKubeconfig, writeExecPlugin } from './fixtures';

function users(list: { name: string; user: Record<string, unknown> }[]): MergedKubeconfig {
  return { clusters: [], contexts: [], users: list };
}

describe('credentials', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-cred-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function load(script: string) {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, execKubeconfig(script));
    return loadKubeconfigs([file]).config;
  }

  it('runs the exec plugin once for many concurrent callers, and again after invalidate', async () => {
    const plugin = writeExecPlugin(dir, { delayMs: 100 });
    const merged = load(plugin.script);
    const providers = new CredentialProviders();
    const p = providers.forUser(merged, 'u');
    assert.equal(providers.forUser(merged, 'u'), p, 'one provider per user');
    const all = await Promise.all(Array.from({ length: 12 }, () => p.get()));
    assert.equal(plugin.runs(), 1);
    assert.ok(all.every((c) => c.headers.Authorization === 'Bearer exec-token-1'));
    // No expirationTimestamp: cached until invalidated (client-go's rule).
    await p.get();
    assert.equal(plugin.runs(), 1);
    p.invalidate(all[0]);
    const fresh = await p.get();
    assert.equal(plugin.runs(), 2);
    assert.equal(fresh.headers.Authorization, 'Bearer exec-token-2');
    // A stale credential does not invalidate its successor.
    p.invalidate(all[0]);
    await p.get();
    assert.equal(plugin.runs(), 2);
  });

  it('refreshes an exec credential before its expirationTimestamp', async () => {
    const plugin = writeExecPlugin(dir, { expiresInMs: 60 * 60_000 });
    const merged = load(plugin.script);
    const clock = new FakeClock(Date.now());
    const p = new CredentialProviders({ clock }).forUser(merged, 'u');
    await p.get();
    await p.get();
    assert.equal(plugin.runs(), 1);
    clock.advance(59 * 60_000);
    await p.get();
    assert.equal(plugin.runs(), 1);
    clock.advance(45_000); // inside the 30 s refresh margin
    const c = await p.get();
    assert.equal(plugin.runs(), 2);
    assert.equal(c.headers.Authorization, 'Bearer exec-token-2');
  });

  it('keeps tokens out of error messages', async () => {
    const plugin = writeExecPlugin(dir, { bad: true });
    const merged = load(plugin.script);
    const p = new CredentialProviders().forUser(merged, 'u');
    await assert.rejects(p.get(), (err: Error) => {
      assert.match(err.message, /cannot get credentials for user "u"/);
      assert.doesNotMatch(err.message, /exec-token/);
      return true;
    });
  });

  it('gives static tokens and basic auth as headers, client certs as TLS material', async () => {
    const merged = users([
      { name: 't', user: { token: 'abc', as: 'someone', 'as-groups': ['devs'], 'as-uid': '42' } },
      { name: 'b', user: { username: 'me', password: 'pw' } },
      {
        name: 'c',
        user: {
          'client-certificate-data': Buffer.from('CERT').toString('base64'),
          'client-key-data': Buffer.from('KEY').toString('base64'),
        },
      },
    ]);
    const providers = new CredentialProviders();
    const t = await providers.forUser(merged, 't').get();
    assert.equal(t.headers.Authorization, 'Bearer abc');
    assert.equal(t.headers['Impersonate-User'], 'someone');
    assert.equal(t.headers['Impersonate-Group'], 'devs');
    assert.equal(t.headers['Impersonate-Uid'], '42');
    const b = await providers.forUser(merged, 'b').get();
    assert.equal(b.headers.Authorization, `Basic ${Buffer.from('me:pw').toString('base64')}`);
    const c = await providers.forUser(merged, 'c').get();
    assert.equal(String(c.cert), 'CERT');
    assert.equal(String(c.key), 'KEY');
    assert.equal(c.headers.Authorization, undefined);
    const none = await providers.forUser(merged, '').get();
    assert.deepEqual(none.headers, {});
  });

  it('refuses impersonation it cannot send correctly (several groups) instead of joining them', async () => {
    const merged = users([{ name: 't', user: { token: 'abc', as: 'x', 'as-groups': ['a', 'b'] } }]);
    await assert.rejects(new CredentialProviders().forUser(merged, 't').get(), /more than one group/);
  });

  it("reads kubectl's tokenFile (relative to the kubeconfig), trimmed like kubectl, and re-reads it", async () => {
    fs.writeFileSync(path.join(dir, 'tok'), 'file-token\n'); // what `echo` writes
    fs.writeFileSync(
      path.join(dir, 'config'),
      JSON.stringify({
        clusters: [{ name: 'c', cluster: { server: 'https://k' } }],
        users: [
          { name: 'kubectl', user: { tokenFile: 'tok' } },
          { name: 'client-node', user: { 'token-file': 'tok' } },
        ],
        contexts: [],
      }),
    );
    const merged = loadKubeconfigs([path.join(dir, 'config')]).config;
    const clock = new FakeClock();
    const providers = new CredentialProviders({ clock });
    const a = await providers.forUser(merged, 'kubectl').get();
    assert.equal(a.headers.Authorization, 'Bearer file-token');
    const b = await providers.forUser(merged, 'client-node').get();
    assert.equal(b.headers.Authorization, 'Bearer file-token');
    fs.writeFileSync(path.join(dir, 'tok'), '  rotated  \r\n');
    clock.advance(60_000);
    assert.equal((await providers.forUser(merged, 'kubectl').get()).headers.Authorization, 'Bearer rotated');
  });

  it('refuses a token file that is empty, a FIFO or huge, and a token no header can carry', async () => {
    fs.writeFileSync(path.join(dir, 'empty'), '\n');
    fs.writeFileSync(path.join(dir, 'big'), Buffer.alloc(2 * 1024 * 1024, 0x61));
    fs.writeFileSync(path.join(dir, 'twolines'), 'abc\ndef\n');
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const merged = users([
      { name: 'empty', user: { tokenFile: path.join(dir, 'empty') } },
      { name: 'big', user: { tokenFile: path.join(dir, 'big') } },
      { name: 'fifo', user: { tokenFile: path.join(dir, 'fifo') } },
      { name: 'dir', user: { tokenFile: dir } },
      { name: 'zero', user: { tokenFile: '/dev/zero' } },
      { name: 'twolines', user: { tokenFile: path.join(dir, 'twolines') } },
      { name: 'inline', user: { token: 'abc\u0000def' } },
    ]);
    const providers = new CredentialProviders();
    const get = (u: string) => providers.forUser(merged, u).get();
    await assert.rejects(get('empty'), /tokenFile .* is empty/);
    await assert.rejects(get('big'), /larger than 1024 KiB/);
    await assert.rejects(get('fifo'), /cannot read tokenFile \(\/.*\/fifo is a FIFO, not a regular file\)/);
    await assert.rejects(get('dir'), /is a directory, not a regular file/);
    await assert.rejects(get('zero'), /tokenFile \(\/dev\/zero is a device, not a regular file\)/);
    await assert.rejects(
      get('twolines'),
      (e: Error) => /cannot be sent in an HTTP header/.test(e.message) && !/abc/.test(e.message),
    );
    await assert.rejects(get('inline'), /the token holds characters that cannot be sent/);
  });

  it('reads client-certificate and client-key files, bounded', async () => {
    fs.writeFileSync(path.join(dir, 'c.crt'), 'CERTFILE');
    fs.writeFileSync(path.join(dir, 'c.key'), 'KEYFILE');
    const merged = users([
      {
        name: 'f',
        user: { 'client-certificate': path.join(dir, 'c.crt'), 'client-key': path.join(dir, 'c.key') },
      },
      { name: 'half', user: { 'client-certificate': path.join(dir, 'c.crt') } },
      { name: 'dev', user: { 'client-certificate': '/dev/zero', 'client-key': path.join(dir, 'c.key') } },
    ]);
    const providers = new CredentialProviders();
    const f = await providers.forUser(merged, 'f').get();
    assert.equal(String(f.cert), 'CERTFILE');
    assert.equal(String(f.key), 'KEYFILE');
    await assert.rejects(providers.forUser(merged, 'half').get(), /must be given together/);
    await assert.rejects(
      providers.forUser(merged, 'dev').get(),
      /client-certificate \(\/dev\/zero is a device/,
    );
  });

  it('refuses auth-providers kubectl dropped (gcp, azure) with a clear message', async () => {
    const merged = users([{ name: 'g', user: { 'auth-provider': { name: 'gcp', config: {} } } }]);
    await assert.rejects(
      new CredentialProviders().forUser(merged, 'g').get(),
      /auth-provider "gcp" is not supported/,
    );
  });

  it('kills a hanging plugin when its last user releases it, and runs it again on reconnect', async () => {
    const pidFile = path.join(dir, 'pids');
    const script = writeScript(dir, 'hang.cjs', HANG(pidFile));
    const merged = load(script);
    const providers = new CredentialProviders();
    const p = providers.forUser(merged, 'u');
    const one = p.acquire();
    const two = p.acquire();
    const pending = p.get();
    pending.catch(() => undefined);
    const [first] = await waitForPids(pidFile, 1);
    one.dispose(); // another context still waits: the plugin keeps running
    assert.ok(alive(first!));
    two.dispose(); // Disconnect of the last context
    await assert.rejects(pending, /cancelled/);
    await waitFor(() => !alive(first!), 'the plugin to be killed');
    // Refresh (connect again): a new provider, a new run.
    const again = providers.forUser(merged, 'u');
    assert.notEqual(again, p);
    const lease = again.acquire();
    void again.get().catch(() => undefined);
    const [, second] = await waitForPids(pidFile, 2);
    assert.notEqual(second, first);
    providers.dispose(); // dispose kills it too
    await waitFor(() => !alive(second!), 'the plugin to be killed on dispose');
    lease.dispose();
    await assert.rejects(again.get(), /disposed/);
  });

  it('turns an exec timeout into a credential error naming the user, and retries on the next get', async () => {
    const clock = new FakeClock();
    let runs = 0;
    const auth = new UserAuth({
      userName: 'u',
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'x' } },
      clock,
      runExec: async () => {
        runs++;
        if (runs === 1) throw new Error('exec plugin "x" did not finish within 60 s');
        return { token: 'late' };
      },
    });
    const p = new CredentialProvider({ userName: 'u', auth, clock });
    await assert.rejects(
      p.get(),
      /cannot get credentials for user "u": exec plugin "x" did not finish within 60 s/,
    );
    assert.equal((await p.get()).headers.Authorization, 'Bearer late');
  });

  it('passes cluster info to a plugin that asks for it, one provider per cluster', async () => {
    const script = writeScript(
      dir,
      'info.cjs',
      `const i = JSON.parse(process.env.KUBERNETES_EXEC_INFO); process.stdout.write(JSON.stringify({apiVersion: i.apiVersion, kind: 'ExecCredential', status: {token: Buffer.from(i.spec.cluster.server + '|' + i.spec.cluster['certificate-authority-data'] + '|' + JSON.stringify(i.spec.cluster.config)).toString('hex')}}));`,
    );
    fs.writeFileSync(path.join(dir, 'ca.crt'), 'CA!');
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [script],
      provideClusterInfo: true,
    };
    const merged: MergedKubeconfig = {
      clusters: [
        {
          name: 'a',
          cluster: {
            server: 'https://a',
            'certificate-authority': path.join(dir, 'ca.crt'),
            extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { k: 1 } }],
          },
        },
        { name: 'b', cluster: { server: 'https://b' } },
      ],
      users: [{ name: 'u', user: { exec } }],
      contexts: [],
    };
    const providers = new CredentialProviders();
    const decode = (h?: string) => Buffer.from(h!.replace('Bearer ', ''), 'hex').toString();
    assert.notEqual(providers.forUser(merged, 'u', 'a'), providers.forUser(merged, 'u', 'b'));
    assert.equal(
      decode((await providers.forUser(merged, 'u', 'a').get()).headers.Authorization),
      `https://a|${Buffer.from('CA!').toString('base64')}|{"k":1}`,
    );
    assert.equal(
      decode((await providers.forUser(merged, 'u', 'b').get()).headers.Authorization),
      'https://b|undefined|undefined',
    );
  });
});
