import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { PassThrough } from 'node:stream';
import * as zlib from 'node:zlib';
import { decodedBody, GUNZIP_CHUNK_BYTES } from '../../../src/kube/responses';

/** gzipResponse is a stand-in IncomingMessage whose body is `body` gzipped. */
function gzipResponse(body: Buffer): http.IncomingMessage {
  const res = new PassThrough() as unknown as http.IncomingMessage;
  res.headers = { 'content-encoding': 'gzip' };
  (res as unknown as PassThrough).end(zlib.gzipSync(body));
  return res;
}

describe('decodedBody', () => {
  it('inflates a gzipped body in chunks of at most GUNZIP_CHUNK_BYTES, and uses that size', async () => {
    const body = Buffer.alloc(1024 * 1024, '{"a":1},');
    const sizes: number[] = [];
    const chunks: Buffer[] = [];
    for await (const chunk of decodedBody(gzipResponse(body))) {
      sizes.push(chunk.length);
      chunks.push(chunk);
    }
    assert.ok(Buffer.concat(chunks).equals(body), 'the body as sent');
    assert.ok(Math.max(...sizes) <= GUNZIP_CHUNK_BYTES, `a chunk of ${Math.max(...sizes)} bytes`);
    // Bigger than zlib's 16 KiB default: fewer turns of the reader's loop for a big list.
    assert.equal(Math.max(...sizes), GUNZIP_CHUNK_BYTES);
    assert.ok(sizes.length <= Math.ceil(body.length / GUNZIP_CHUNK_BYTES) + 1, `${sizes.length} chunks`);
  });

  it('passes an unencoded body through as it comes', async () => {
    const res = new PassThrough() as unknown as http.IncomingMessage;
    res.headers = {};
    (res as unknown as PassThrough).end(Buffer.from('{"items":[]}'));
    const chunks: Buffer[] = [];
    for await (const chunk of decodedBody(res)) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString('utf8'), '{"items":[]}');
  });
});
