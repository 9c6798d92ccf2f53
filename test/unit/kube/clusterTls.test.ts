/**
 * The cluster half of a kubeconfig entry, field by field as kubectl reads it: server (trailing
 * slash dropped), insecure-skip-tls-verify, tls-server-name, proxy-url and disable-compression
 * (no `Accept-Encoding: gzip` then, as client-go's transport does).
 */
import * as assert from 'node:assert/strict';
import { PODS } from '../../../src/core/kinds';
import { clusterTlsForContext } from '../../../src/kube/clusterTls';
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
});
