/**
 * The cluster half of a kubeconfig entry, field by field as kubectl reads it: server (trailing
 * slash dropped), insecure-skip-tls-verify, tls-server-name, proxy-url and disable-compression
 * (no `Accept-Encoding: gzip` then, as client-go's transport does).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PODS } from '../../../src/core/kinds';
import { clusterTlsForContext, createAgent } from '../../../src/kube/clusterTls';
import { kubeConfigForContext } from '../../../src/kube/kubeconfig';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import type { MergedKubeconfig } from '../../../src/kube/kubeconfig';
import { KubeTransport } from '../../../src/kube/transport';
import { startScriptedServer, StaticCredentials } from './fixtures';

function merged(cluster: Record<string, unknown>): MergedKubeconfig {
  return {
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user: {} }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
  };
}

describe('clusterTlsForContext: the cluster fields kubectl reads', () => {
  it('reads server, insecure-skip-tls-verify, tls-server-name, proxy-url and disable-compression', () => {
    const tls = clusterTlsForContext(
      merged({
        server: 'https://127.0.0.1:6443/prefix/',
        'insecure-skip-tls-verify': true,
        'tls-server-name': 'kubernetes.default',
        'proxy-url': 'http://proxy:3128',
        'disable-compression': true,
      }),
      'x',
    );
    assert.equal(tls.server, 'https://127.0.0.1:6443/prefix');
    assert.equal(tls.rejectUnauthorized, false);
    assert.equal(tls.servername, 'kubernetes.default');
    assert.equal(tls.proxyUrl, 'http://proxy:3128');
    assert.equal(tls.disableCompression, true);
  });

  it('defaults: verify TLS, compression on', () => {
    const tls = clusterTlsForContext(merged({ server: 'https://127.0.0.1:6443' }), 'x');
    assert.equal(tls.rejectUnauthorized, true);
    assert.equal(tls.disableCompression, undefined);
    assert.equal(tls.proxyUrl, undefined);
  });

  it('disable-compression: requests do not ask for gzip; otherwise they do', async () => {
    const server = await startScriptedServer();
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]}');
    });
    try {
      for (const disable of [true, false]) {
        const transport = new KubeTransport({
          cluster: clusterTlsForContext(merged({ server: server.url, 'disable-compression': disable }), 'x'),
          credentials: new StaticCredentials(['t']),
        });
        try {
          await createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal);
        } finally {
          transport.dispose();
        }
        const asked = server.requests[server.requests.length - 1]!.headers['accept-encoding'];
        if (disable) assert.equal(asked, undefined, 'gzip asked despite disable-compression');
        else assert.match(String(asked), /gzip/);
      }
    } finally {
      await server.close();
    }
  });

  it('reads the CA from certificate-authority-data, or from a certificate-authority file with a bound', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const data = clusterTlsForContext(
      merged({ server: 'https://h', 'certificate-authority-data': Buffer.from(pem).toString('base64') }),
      'x',
    );
    assert.equal(data.ca?.toString(), pem);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ke-ca-'));
    try {
      const file = path.join(dir, 'ca.crt');
      fs.writeFileSync(file, pem);
      // The file wins over the data, as in client-go (the loader inlines files first anyway).
      const fromFile = clusterTlsForContext(
        merged({ server: 'https://h', 'certificate-authority': file, 'certificate-authority-data': 'eA==' }),
        'x',
      );
      assert.equal(fromFile.ca?.toString(), pem);
      assert.throws(
        () =>
          clusterTlsForContext(
            merged({ server: 'https://h', 'certificate-authority': path.join(dir, 'no') }),
            'x',
          ),
        /context "x": cannot read certificate-authority .*no \(ENOENT\)/,
      );
      const big = path.join(dir, 'big.crt');
      fs.writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 65));
      assert.throws(
        () => clusterTlsForContext(merged({ server: 'https://h', 'certificate-authority': big }), 'x'),
        /context "x": cannot read certificate-authority .*big\.crt/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which entry is unusable: no context, no cluster, no server, a field that is not a string', () => {
    assert.throws(
      () => clusterTlsForContext(merged({ server: 'https://h' }), 'nope'),
      /context "nope" is not defined/,
    );
    const orphan: MergedKubeconfig = { ...merged({ server: 'https://h' }), clusters: [] };
    assert.throws(() => clusterTlsForContext(orphan, 'x'), /context "x" refers to an undefined cluster/);
    assert.throws(() => clusterTlsForContext(merged({}), 'x'), /context "x": the cluster has no server/);
    assert.throws(
      () => clusterTlsForContext(merged({ server: 'https://h', 'tls-server-name': { a: 1 } }), 'x'),
      /context "x": the cluster's tls-server-name is not a string/,
    );
    // Only a true boolean skips verification (a string "true" is not one, as in client-go).
    assert.equal(
      clusterTlsForContext(merged({ server: 'https://h', 'insecure-skip-tls-verify': 'true' }), 'x')
        .rejectUnauthorized,
      true,
    );
  });

  it("a proxy-url gets client-node's proxy agent (http, https and socks proxies), loaded then only", () => {
    const m = merged({ server: 'https://10.0.0.1:6443', 'proxy-url': 'http://proxy.corp:3128' });
    const tls = clusterTlsForContext(m, 'x');
    assert.throws(() => createAgent(tls, {}), /proxy-url is set but no proxy agent is available/);
    const agent = createAgent(tls, {}, kubeConfigForContext(m, 'x')) as unknown as { proxy?: URL };
    assert.equal(String(agent.proxy), 'http://proxy.corp:3128/');
    const socks = merged({ server: 'https://10.0.0.1:6443', 'proxy-url': 'socks5://proxy.corp:1080' });
    const s = createAgent(clusterTlsForContext(socks, 'x'), {}, kubeConfigForContext(socks, 'x'));
    assert.equal(s.constructor.name, 'SocksProxyAgent');
  });

  it("connecting without a proxy-url never loads client-node (most of the extension's load time)", function () {
    this.timeout(60_000);
    // A fresh process: this one has loaded client-node for other tests.
    const root = path.resolve(__dirname, '..', '..', '..');
    const script = `
      const { clusterTlsForContext, createAgent } = require('./src/kube/clusterTls.ts');
      require('./src/kube/sessionFactory.ts');
      const merged = {
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': 'eA==' } }],
        users: [{ name: 'u', user: {} }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      };
      createAgent(clusterTlsForContext(merged, 'x'), {}).destroy();
      const loaded = Object.keys(require.cache).filter((k) => k.includes('client-node'));
      process.stdout.write(JSON.stringify(loaded));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.deepEqual(JSON.parse(out), []);
    // The check can fail: loading the entry the proxy path loads is seen.
    const control = script.replace('createAgent(', "require('./src/kube/clientNodeEntry.ts'); createAgent(");
    const seen = execFileSync(process.execPath, ['--import', 'tsx', '-e', control], {
      cwd: root,
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.ok(JSON.parse(seen).length > 0, 'the control run did not see client-node loaded');
  });
});
