import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { LIST_CHUNK_BYTES, sendStreamedList } from '../../server/streamedList';
import type { RequestRecord } from '../../server/types';

const ITEM = `{"metadata":{"name":"x"},"note":"${'y'.repeat(10_000)}"}`;
const HEAD = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[';

interface Served {
  url: string;
  /** Items encoded so far by the request being served. */
  encoded: () => number;
  close: () => Promise<void>;
}

/** serve answers every request with a streamed list of `count` copies of ITEM. */
async function serve(count: number): Promise<Served> {
  let encoded = 0;
  const server = http.createServer((_req, res) => {
    const record = { status: 0 } as RequestRecord;
    void sendStreamedList(
      res,
      record,
      HEAD,
      count,
      () => {
        encoded++;
        return ITEM;
      },
      ']}',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    encoded: () => encoded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** turns lets the event loop run `n` times (no timers: every pending I/O callback gets its turn). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers, agent: false }, resolve).on('error', reject);
  });
}

async function readAll(res: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const expected = (count: number) => HEAD + Array(count).fill(ITEM).join(',') + ']}';

describe('test server: streamed LIST bodies (KEP-5116, kube-apiserver 1.33+)', () => {
  let s: Served | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('sends the first items before the rest are encoded, and never runs ahead of a client that does not read', async () => {
    const count = 4000; // ~40 MB: more than any socket buffers between the two ends
    s = await serve(count);
    const res = await get(s.url);
    res.pause();
    await turns(200);
    const atStall = s.encoded();
    assert.ok(atStall > 0, 'nothing encoded');
    // The headers came with the first chunk while most items were not encoded yet; with the client
    // paused the server waits for 'drain' instead of encoding the rest into memory.
    assert.ok(atStall < count / 2, `encoded ${atStall} of ${count} for a client that read nothing`);
    await turns(200);
    assert.equal(s.encoded(), atStall, 'the server kept encoding while the client read nothing');
    assert.equal(res.headers['content-length'], undefined, 'a streamed body is chunked');
    res.resume();
    const body = await readAll(res);
    assert.equal(s.encoded(), count);
    assert.equal(body.toString('utf8'), expected(count));
    assert.ok(LIST_CHUNK_BYTES >= 64 * 1024, 'writes are not tiny');
  });

  it('gzips the stream for a client that accepts gzip; the body is the same list', async () => {
    s = await serve(300);
    const res = await get(s.url, { 'Accept-Encoding': 'gzip' });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    const raw = await readAll(res);
    assert.equal(gunzipSync(raw).toString('utf8'), expected(300));
    assert.ok(raw.length < expected(300).length / 4, 'compressed');
  });

  it('sends a list of at most 128 KiB whole, with a Content-Length and no gzip', async () => {
    s = await serve(3);
    const res = await get(s.url, { 'Accept-Encoding': 'gzip' });
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.headers['content-length'], String(Buffer.byteLength(expected(3))));
    assert.equal((await readAll(res)).toString('utf8'), expected(3));
  });

  it('stops encoding when the client goes away', async () => {
    const count = 4000;
    s = await serve(count);
    const res = await get(s.url);
    res.pause();
    await turns(50);
    res.destroy();
    await turns(200);
    const after = s.encoded();
    await turns(200);
    assert.equal(s.encoded(), after, 'still encoding for a client that left');
    assert.ok(after < count, `encoded all ${count} items for a client that left`);
  });
});
