import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { PODS } from '../../../src/core/kinds';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { SizeLimitError } from '../../../src/kube/limits';
import { KubeTransport } from '../../../src/kube/transport';
import { pod, startScriptedServer, StaticCredentials, type ScriptedServer } from './fixtures';

/** The list's items, each with a field the transforms drop. */
const item = (i: number) =>
  JSON.stringify({
    ...pod(`p${i}`, String(i)),
    metadata: { ...pod(`p${i}`, String(i)).metadata, managedFields: [{ manager: 'x' }] },
    spec: { big: 'y'.repeat(500) },
  });

describe('httpListerWatcher: a list is transformed item by item as it is decoded', () => {
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

  it("applies the caller's transform to the first item before the rest of the body has arrived", async () => {
    let sawFirst!: () => void;
    const firstTransformed = new Promise<void>((r) => (sawFirst = r));
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[${item(0)},`);
      // The rest only once the first item went through the transform: a lister that kept raw
      // items until the body ends would never get it (and the test would time out).
      void firstTransformed.then(() => res.end(`${item(1)},${item(2)}]}`));
    });
    const seen: string[] = [];
    const each = (o: KubeObject): KubeObject => {
      seen.push(o.metadata.name!);
      if (seen.length === 1) sawFirst();
      // The lister's own transform (managedFields) and kind filling ran before.
      assert.equal(o.metadata.managedFields, undefined);
      assert.equal(o.kind, 'Pod');
      return { kind: o.kind, metadata: o.metadata };
    };
    const lw = createListerWatcher({
      transport,
      kind: PODS,
      transform: (o) => ({ ...o, metadata: { ...o.metadata, managedFields: undefined } }),
    });
    const page = await lw.list({ resourceVersion: '0', limit: 500 }, new AbortController().signal, each);
    assert.deepEqual(seen, ['p0', 'p1', 'p2']);
    assert.equal(page.transformed, true);
    assert.deepEqual(
      page.items.map((i) => [i.metadata.name, i.spec]),
      [
        ['p0', undefined],
        ['p1', undefined],
        ['p2', undefined],
      ],
    );
    assert.equal(page.resourceVersion, '9');
  });

  it('without a transform the page says it is not transformed', async () => {
    server.handle((_req, res) => res.end(`{"metadata":{"resourceVersion":"9"},"items":[${item(0)}]}`));
    const page = await createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal);
    assert.equal(page.transformed, false);
    assert.equal((page.items[0]!.spec as { big: string }).big.length, 500);
  });

  it('bounds the items of one page (a server that ignores limit): more than maxListItems aborts the list', async () => {
    const body = (n: number) =>
      `{"metadata":{"resourceVersion":"9"},"items":[${Array.from({ length: n }, (_, i) => item(i)).join(',')}]}`;
    const lw = createListerWatcher({ transport, kind: PODS, limits: { maxListItems: 3 } });
    server.handle((_req, res) => res.end(body(3)));
    assert.equal((await lw.list({}, new AbortController().signal)).items.length, 3);
    server.handle((_req, res) => res.end(body(4)));
    await assert.rejects(lw.list({}, new AbortController().signal), (err: unknown) => {
      assert.ok(err instanceof SizeLimitError, String(err));
      assert.match((err as Error).message, /more than 3 items/);
      return true;
    });
  });
});
