import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialProvider, CredentialProviders } from '../../../src/kube/credentials';
import { kubeConfigForUser, loadKubeconfigs } from '../../../src/kube/kubeconfig';
import { execKubeconfig, writeExecPlugin } from './fixtures';

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
    let now = Date.now();
    const p = new CredentialProvider({
      userName: 'u',
      kubeConfigFactory: () => kubeConfigForUser(merged, 'u'),
      now: () => now,
    });
    await p.get();
    await p.get();
    assert.equal(plugin.runs(), 1);
    now += 59 * 60_000;
    await p.get();
    assert.equal(plugin.runs(), 1);
    now += 45_000; // inside the 30 s refresh margin
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
    const merged = {
      clusters: [],
      contexts: [],
      users: [
        { name: 't', user: { token: 'abc', as: 'someone' } },
        { name: 'b', user: { username: 'me', password: 'pw' } },
        {
          name: 'c',
          user: {
            'client-certificate-data': Buffer.from('CERT').toString('base64'),
            'client-key-data': Buffer.from('KEY').toString('base64'),
          },
        },
      ],
    };
    const providers = new CredentialProviders();
    const t = await providers.forUser(merged, 't').get();
    assert.equal(t.headers.Authorization, 'Bearer abc');
    assert.equal(t.headers['Impersonate-User'], 'someone');
    const b = await providers.forUser(merged, 'b').get();
    assert.equal(b.headers.Authorization, `Basic ${Buffer.from('me:pw').toString('base64')}`);
    const c = await providers.forUser(merged, 'c').get();
    assert.equal(String(c.cert), 'CERT');
    assert.equal(String(c.key), 'KEY');
    assert.equal(c.headers.Authorization, undefined);
    const none = await providers.forUser(merged, '').get();
    assert.deepEqual(none.headers, {});
  });
});
