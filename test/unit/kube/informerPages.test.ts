import * as assert from 'node:assert/strict';
import { Informer } from '../../../src/core/cache/informer';
import { stripForCache } from '../../../src/core/cache/transform';
import type { KubeObject } from '../../../src/core/cache/types';
import { PODS } from '../../../src/core/kinds';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { KubeTransport } from '../../../src/kube/transport';
import { namespace, pod } from '../../server/fixtures';
import { startTestServer, type TestServer } from '../../server/index';

const TOKEN = 'pages-token';
const PODS_TOTAL = 10_000;
const PAGE = 500;

/**
 * The informer caches every page of a paginated LIST. @kubernetes/client-node's ListWatch, given
 * a list function with `limit`, keeps the first page only (it never follows `continue`):
 * pagination is the informer's own job, proven here against the test API server over TLS.
 */
describe('Informer: a paginated first LIST against the test API server', function () {
  this.timeout(60_000);
  let server: TestServer;

  before(async () => {
    // No watch cache (kube-apiserver --watch-cache=false): the first LIST (resourceVersion 0,
    // limit 500) is read from etcd and comes back in pages of 500.
    server = await startTestServer({ watchCache: false, pageLimitMax: PAGE });
    server.addTokenUser('admin', TOKEN);
    server.grantAll('admin');
    for (let n = 0; n < 10; n++) server.create(namespace(`ns-${n}`));
    for (let i = 0; i < PODS_TOTAL; i++)
      server.create(pod(`ns-${i % 10}`, `pod-${String(i).padStart(5, '0')}`));
  });
  after(async () => server.stop());

  it(`caches all ${PODS_TOTAL} pods of ${PODS_TOTAL / PAGE} pages of ${PAGE}, each once`, async () => {
    server.clearRequests();
    const transport = new KubeTransport({
      cluster: { server: server.url, ca: Buffer.from(server.caPem), rejectUnauthorized: true },
      credentials: {
        get: async () => ({ headers: { Authorization: `Bearer ${TOKEN}` }, generation: 0 }),
        invalidate: () => {},
      },
    });
    const informer = new Informer<KubeObject>({
      name: 'pods',
      listerWatcher: createListerWatcher({ transport, kind: PODS, transform: stripForCache }),
      pageSize: PAGE,
    });
    try {
      informer.start();
      assert.equal(await informer.whenSynced(), true);
      const lists = server.requests.filter((r) => r.verb === 'list' && r.resource === 'pods');
      // The server did page: one request per page, every one after the first with a continue token.
      assert.equal(lists.length, PODS_TOTAL / PAGE);
      assert.deepEqual(
        lists.map((r) => Boolean(r.query.continue)),
        lists.map((_, i) => i > 0),
      );
      assert.equal(lists[0]!.query.limit, String(PAGE));
      const cached = informer.store.list();
      assert.equal(cached.length, PODS_TOTAL);
      const names = new Set(cached.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
      assert.equal(names.size, PODS_TOTAL);
      for (const i of [0, PAGE - 1, PAGE, PODS_TOTAL - 1]) {
        const name = `pod-${String(i).padStart(5, '0')}`;
        assert.ok(names.has(`ns-${i % 10}/${name}`), `${name} is cached`);
      }
    } finally {
      informer.stop();
      transport.dispose();
    }
  });
});
