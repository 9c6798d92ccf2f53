/**
 * streamedList: a LIST body written as it is encoded, as kube-apiserver serves lists since 1.33
 * (KEP-5116, StreamingCollectionEncodingToJSON: beta and on by default in 1.33, GA in 1.34):
 * the list's head, then its items a chunk at a time, then its tail, and the
 * deferredResponseWriter gzips that stream chunk by chunk. A client starts decoding the first
 * items while the server still encodes the rest, instead of waiting for a whole list (20 MB for
 * 10,000 pods) to be joined and compressed before its first byte.
 *
 * The gzip decision stays the real one: a body of at most GZIP_THRESHOLD_BYTES goes out whole
 * (`send`, with a Content-Length); a bigger one is gzipped for a client that accepts gzip and
 * sent chunked.
 */
import type { ServerResponse } from 'node:http';
import { createGzip, type Gzip } from 'node:zlib';
import { acceptsGzip, GZIP_THRESHOLD_BYTES, send } from './http';
import type { RequestRecord } from './types';

/** LIST_CHUNK_BYTES: items are joined into writes of about this size (kube-apiserver flushes its gzip writer every 128 KiB too). */
export const LIST_CHUNK_BYTES = 128 * 1024;

interface Sink {
  write(chunk: string): boolean;
  once(event: 'drain', fn: () => void): unknown;
  off(event: 'drain', fn: () => void): unknown;
  end(): void;
}

/**
 * sendStreamedList answers 200 with `head`, the items joined by commas, then `tail`, encoding
 * items (`encode(i)`) as the client reads: it waits for the socket (or gzip) to drain before
 * the next chunk, so a slow client holds at most one chunk per request in this process. It stops
 * encoding when the client goes away. `encode` must not throw (the headers may be sent).
 */
export async function sendStreamedList(
  res: ServerResponse,
  record: RequestRecord,
  head: string,
  count: number,
  encode: (i: number) => string,
  tail: string,
): Promise<void> {
  let i = 0;
  let started = false;
  let done = false;
  /** next is the next write: the head first, items up to LIST_CHUNK_BYTES, the tail last. */
  const next = (): string | undefined => {
    if (done) return undefined;
    let chunk = started ? '' : head;
    started = true;
    while (i < count && chunk.length < LIST_CHUNK_BYTES) chunk += (i > 0 ? ',' : '') + encode(i++);
    if (i >= count) {
      chunk += tail;
      done = true;
    }
    return chunk;
  };
  // The first write decides, as deferredResponseWriter's does.
  const first = next()!;
  if (done && Buffer.byteLength(first) <= GZIP_THRESHOLD_BYTES) {
    send(res, record, 200, first);
    return;
  }
  record.status = 200;
  if (res.headersSent || res.destroyed) return;
  const gzip = acceptsGzip(res.req?.headers['accept-encoding']);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
  });
  let sink: Sink = res;
  let zip: Gzip | undefined;
  if (gzip) {
    zip = createGzip({ level: 1 }); // the apiserver's level: BestSpeed
    zip.pipe(res);
    sink = zip;
  }
  let gone = false;
  res.once('close', () => {
    gone = true;
    zip?.destroy();
  });
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        sink.off('drain', done);
        res.off('close', done);
        resolve();
      };
      sink.once('drain', done);
      res.once('close', done);
    });
  for (let chunk: string | undefined = first; chunk !== undefined && !gone; chunk = next()) {
    if (!sink.write(chunk)) await drained();
  }
  if (!gone) sink.end();
}
