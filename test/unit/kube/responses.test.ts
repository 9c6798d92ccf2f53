import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as zlib from 'node:zlib';
import { ApiError } from '../../../src/core/cache/errors';
import { PODS } from '../../../src/core/kinds';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { parseRetryAfter, readBody, sanitizeStatus } from '../../../src/kube/responses';
import { KubeTransport } from '../../../src/kube/transport';
import { startScriptedServer, StaticCredentials, type ScriptedServer } from './fixtures';

const MiB = 1024 * 1024;

/** pump writes `total` bytes of `chunk`s with backpressure, stopping when the client goes away. */
function pump(res: http.ServerResponse, chunk: Buffer, total: number, onDone: (written: number) => void) {
  let written = 0;
  let stopped = false;
  res.once('close', () => {
    stopped = true;
    onDone(written);
  });
  const go = () => {
    while (!stopped && written < total) {
      written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', go);
    }
    if (!stopped) res.end();
  };
  go();
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('99999999', now), 99999999, 'the reflector clamps, not the parser');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0, 'a past date is now');
  });
  it('rejects negative, fractional, non-numeric and malformed values', () => {
    for (const bad of [
      '-1',
      '1.5',
      'NaN',
      'Infinity',
      '',
      'abc',
      '1e3',
      '0x10',
      '12abc',
      'Thu, 01 Jan',
      '9'.repeat(40),
    ]) {
      assert.equal(parseRetryAfter(bad, now), undefined, bad);
    }
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});

describe('sanitizeStatus', () => {
  it('keeps only a non-negative integer retryAfterSeconds', () => {
    const retry = (v: unknown) =>
      ApiError.fromStatus(
        sanitizeStatus({ kind: 'Status', code: 429, details: { retryAfterSeconds: v as number } }),
      ).retryAfterSeconds;
    assert.equal(retry(3), 3);
    assert.equal(retry(0), 0);
    for (const bad of [-5, 1.5, Number.NaN, '7', null, 1e300, {}])
      assert.equal(retry(bad), undefined, String(bad));
    assert.deepEqual(sanitizeStatus({ kind: 'Status', details: 'x' as never }), { kind: 'Status' });
  });
});

describe('error and small bodies', () => {
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

  it('reads a 300 MB error body only up to 64 KiB, then closes the connection', async () => {
    let written = -1;
    const closed = new Promise<void>((resolve) =>
      server.handle((_req, res) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        pump(res, Buffer.alloc(64 * 1024, 0x61), 300 * MiB, (n) => {
          written = n;
          resolve();
        });
      }),
    );
    const before = process.memoryUsage().rss;
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
      (e: ApiError) => {
        assert.equal(e.code, 500);
        assert.ok(e.message.length < 300, 'the message carries a snippet only');
        return true;
      },
    );
    await closed;
    assert.ok(written < 32 * MiB, `the server wrote ${written} bytes before the client hung up`);
    assert.ok(process.memoryUsage().rss - before < 100 * MiB, 'memory stays bounded');
  });

  it('bounds a gzip-bomb error body by its decoded size', async () => {
    // 200 MB of zeros as 25 concatenated gzip members of 8 MiB (~200 KB on the wire).
    const member = zlib.gzipSync(Buffer.alloc(8 * MiB), { level: 1 });
    const bomb = Buffer.concat(Array.from({ length: 25 }, () => member));
    server.handle((_req, res) => {
      res.writeHead(503, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' });
      res.end(bomb);
    });
    const before = process.memoryUsage().rss;
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
      (e: ApiError) => e.code === 503,
    );
    assert.ok(process.memoryUsage().rss - before < 100 * MiB);
  });

  it('decodes a gzipped Status body with a validated Retry-After', async () => {
    server.handle((_req, res) => {
      res.writeHead(429, { 'Content-Encoding': 'gzip', 'Retry-After': '-3' });
      res.end(
        zlib.gzipSync(
          JSON.stringify({
            kind: 'Status',
            code: 429,
            reason: 'TooManyRequests',
            message: 'later',
            details: { retryAfterSeconds: 'soon' },
          }),
        ),
      );
    });
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
      (e: ApiError) => {
        assert.equal(e.reason, 'TooManyRequests');
        assert.equal(e.message, 'later');
        assert.equal(e.retryAfterSeconds, undefined);
        return true;
      },
    );
  });

  it('takes an HTTP-date Retry-After on a non-Status body', async () => {
    server.handle((_req, res) => {
      res.writeHead(503, { 'Retry-After': new Date(Date.now() + 60_000).toUTCString() });
      res.end('busy');
    });
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
      (e: ApiError) => {
        assert.ok(e.retryAfterSeconds! >= 58 && e.retryAfterSeconds! <= 61, String(e.retryAfterSeconds));
        return true;
      },
    );
  });

  it('readBody rejects a small answer over its cap', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(2000));
    });
    const res = await transport.request('/x', {});
    await assert.rejects(readBody(res, 1000), /exceeds 1000 bytes/);
  });
});
