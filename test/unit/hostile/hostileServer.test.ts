/**
 * Hostile API servers (issue 11), fed through the real engine: each case connects a healthy
 * context (the test API server) and a hostile one (an ad-hoc server misbehaving one way), and
 * asserts that the hostile server gets a bounded number of requests, RSS and the event loop stay
 * bounded, the hostile context's status says what is wrong (redacted), and the healthy context
 * still sees a written Event quickly. Real time with short configured limits (harness.ts);
 * each case takes about 2 s.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { RETRY_AFTER_MAX_MS } from '../../../src/core/cache/errors';
import { alive, HANG, pids, PRINT_FOREVER, writeScript } from '../kube/execFixtures';
import { startTestServer, type TestServer } from '../../server/index';
import {
  emptyList,
  HOSTILE_TOKEN,
  isWatch,
  prepareHealthy,
  runHostileCase,
  streamBody,
  type CaseResult,
  type HostileHandler,
  waitFor,
} from './harness';

/** Generous bounds: the machine is shared; the precise figures are bench scenario 11's. */
const MAX_REQUESTS_PER_MINUTE = 900;
const MAX_RSS_GROWTH_MIB = 150;
const MAX_LOOP_DELAY_MS = 500;
const MAX_HEALTHY_LATENCY_MS = 1000;
const DURATION_MS = 2000;

const MB = 1024 * 1024;
/** Under a watch flood (test "isolates a watch flood"): generous for a loaded 2-core machine. */
const MAX_FLOOD_MEDIAN_MS = 40;
const MAX_FLOOD_P90_MS = 120;

/**
 * floodChunk is one pre-built 256 KiB chunk of MODIFIED events over 100 names, sent again and
 * again: the hostile server costs this process no JSON work, only the engine's decoding does.
 */
function floodChunk(): string {
  let chunk = '';
  for (let k = 0; chunk.length < 256 * 1024; k++) {
    const obj = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `flood-${k % 100}`, namespace: 'x', resourceVersion: String(k + 2) },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'x' },
      reason: 'Flood',
      message: 'm',
    };
    chunk += JSON.stringify({ type: k < 100 ? 'ADDED' : 'MODIFIED', object: obj }) + '\n';
  }
  return chunk;
}

function statusBody(code: number, message: string, details: Record<string, unknown> = {}): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message, details });
}

function reply(res: http.ServerResponse, code: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(body);
}

/** assertBounded checks the four bounds every case shares, and returns the status reason. */
function assertBounded(r: CaseResult, expect: { phase?: string; reason?: RegExp; maxRequests?: number }) {
  const perMinute = (r.requests * 60_000) / r.elapsedMs;
  assert.ok(
    perMinute <= MAX_REQUESTS_PER_MINUTE,
    `${r.requests} requests in ${r.elapsedMs} ms (${perMinute.toFixed(0)}/min)`,
  );
  if (expect.maxRequests !== undefined)
    assert.ok(r.requests <= expect.maxRequests, `${r.requests} requests > ${expect.maxRequests}`);
  assert.ok(r.rssGrowthMiB < MAX_RSS_GROWTH_MIB, `RSS grew ${r.rssGrowthMiB.toFixed(0)} MiB`);
  assert.ok(r.maxLoopDelayMs < MAX_LOOP_DELAY_MS, `event loop blocked ${r.maxLoopDelayMs.toFixed(0)} ms`);
  assert.ok(r.latencies.length >= 5, `only ${r.latencies.length} healthy probes`);
  const worst = Math.max(...r.latencies);
  assert.ok(worst < MAX_HEALTHY_LATENCY_MS, `healthy write -> hub took ${worst.toFixed(0)} ms`);
  const status = r.status as { phase: string; reason?: string } | undefined;
  assert.ok(status, 'no status for the hostile context');
  assert.equal(status.phase, expect.phase ?? 'retrying', JSON.stringify(status));
  if (expect.reason) assert.match(status.reason ?? '', expect.reason);
  assert.doesNotMatch(JSON.stringify(status), new RegExp(HOSTILE_TOKEN));
  return status.reason ?? '';
}

describe('hostile API servers, through the real engine, next to a healthy context', function () {
  this.timeout(20_000);
  let healthy: TestServer;

  before(async () => {
    healthy = await startTestServer({ bookmarkIntervalMs: 1000 });
    prepareHealthy(healthy);
  });
  after(async () => healthy.stop());

  const run = (handler: HostileHandler, durationMs = DURATION_MS) =>
    runHostileCase({ healthy, handler, durationMs });

  describe('Retry-After', () => {
    it('honours a huge Retry-After header only up to the cap: one request, not a hot loop', async () => {
      const r = await run((_req, res) =>
        reply(res, 429, statusBody(429, 'slow down'), { 'Retry-After': '99999999999' }),
      );
      assert.ok(RETRY_AFTER_MAX_MS >= 60_000);
      assertBounded(r, { reason: /slow down|429|too many/i, maxRequests: 2 });
    });

    it('treats a negative Retry-After (header and Status body) as no advice: the backoff applies', async () => {
      const r = await run((_req, res) =>
        reply(res, 503, statusBody(503, 'negative advice', { retryAfterSeconds: -5 }), {
          'Retry-After': '-5',
        }),
      );
      assertBounded(r, { reason: /negative advice|503/i });
      assert.ok(r.requests >= 2, 'the backoff retries');
    });

    it('treats a NaN Retry-After (header and Status body) as no advice', async () => {
      const r = await run((_req, res) =>
        reply(res, 429, statusBody(429, 'nan advice', { retryAfterSeconds: 'NaN' }), {
          'Retry-After': 'soon',
        }),
      );
      assertBounded(r, { reason: /nan advice|429/i });
    });

    it('caps a huge retryAfterSeconds in the Status body with no header', async () => {
      const r = await run((_req, res) =>
        reply(res, 503, statusBody(503, 'come back next year', { retryAfterSeconds: 1e12 })),
      );
      assertBounded(r, { reason: /come back next year|503/i, maxRequests: 2 });
    });
  });

  describe('silence', () => {
    it('times out a server that accepts and never answers, says so, and retries', async () => {
      const r = await run(() => undefined);
      assertBounded(r, { reason: /no response from the API server within/i });
      assert.ok(r.requests >= 2, `retried: ${r.requests} requests`);
    });

    it('times out a list body that stalls mid-way', async () => {
      const r = await run((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(
          '{"kind":"EventList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metad',
        );
      });
      assertBounded(r, { reason: /sent nothing for 0\.75 s in the middle of a response/ });
      assert.ok(r.requests >= 2, `retried: ${r.requests} requests`);
    });

    it('resets: a server that closes every connection at once', async () => {
      const r = await run((req) => req.socket.destroy());
      assertBounded(r, { reason: /socket hang up|ECONNRESET|closed/i });
    });
  });

  describe('lists', () => {
    it('detects a continue token that repeats instead of listing forever', async () => {
      const r = await run((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'EventList',
            apiVersion: 'v1',
            metadata: { resourceVersion: '1', continue: 'same-token' },
            items: [],
          }),
        );
      });
      assertBounded(r, { reason: /continue/i });
    });

    it('rejects a 50 MB object in a list without reading it whole', async () => {
      const r = await run((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(
          '{"kind":"EventList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"big","namespace":"x"},"message":"',
        );
        streamBody(res, 50 * MB, () => 'x'.repeat(64 * 1024));
      });
      assertBounded(r, { reason: /MiB|too large|exceeds|limit/i });
    });

    it('reports garbage JSON as an error, not a crash', async () => {
      const r = await run((_req, res) => reply(res, 200, '{{{ this is not JSON ]]]'));
      assertBounded(r, { reason: /JSON|unexpected|parse|invalid/i });
    });

    it('reports an HTML page from a proxy, redacting the token it echoes', async () => {
      const r = await run((_req, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(
          `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>Authorization: Bearer ${HOSTILE_TOKEN}</p></body></html>`,
        );
      });
      assertBounded(r, { reason: /502|bad gateway/i });
    });

    it('reads only the head of a 300 MB error body (streamed)', async () => {
      const r = await run((_req, res) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.write(`internal error; token=${HOSTILE_TOKEN} `);
        streamBody(res, 300 * MB, () => 'e'.repeat(64 * 1024));
      });
      assertBounded(r, { reason: /500|internal error/i });
    });
  });

  describe('watches', () => {
    const watchOnly =
      (watch: (res: http.ServerResponse) => void): HostileHandler =>
      (req, res) =>
        isWatch(req) ? watch(res) : emptyList(res);

    it('aborts a 50 MB watch line without quadratic parsing', async () => {
      const r = await run(
        watchOnly((res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"type":"ADDED","object":{"metadata":{"name":"big","namespace":"x"},"message":"');
          streamBody(res, 50 * MB, (i) => (i === 799 ? 'x"}}\n' : 'x'.repeat(64 * 1024)));
        }),
      );
      assertBounded(r, { reason: /MiB|too long|exceeds|limit/i });
    });

    it('aborts a watch line that never ends (no newline at all)', async () => {
      const r = await run(
        watchOnly((res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          streamBody(res, Infinity, () => 'y'.repeat(64 * 1024));
        }),
      );
      assertBounded(r, { reason: /MiB|too long|exceeds|limit/i });
    });

    it("isolates a watch flood: the healthy context's write -> hub latency stays low", async () => {
      // The flood of the case below, for longer: decoded on the one event loop in one go, it
      // delayed the healthy context's every update (median 74-150 ms, p99 230-370 ms over 5 s,
      // the event loop held 170-210 ms at a time). Decoded in slices (WorkSlicer) the median
      // stays near the baseline's (5-15 ms on this shared machine) and the worst near 50 ms.
      const chunk = floodChunk();
      let sent = 0;
      const r = await run(
        watchOnly((res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          streamBody(res, 256 * MB, () => (sent++, chunk));
        }),
        4000,
      );
      assert.ok(sent > 8, `the flood sent only ${sent} chunks`);
      assertBounded(r, { phase: 'synced' });
      const sorted = [...r.latencies].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
      assert.ok(
        median <= MAX_FLOOD_MEDIAN_MS && p90 <= MAX_FLOOD_P90_MS,
        `healthy write -> hub under a flood: median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms`,
      );
    });

    it('keeps a watch flood bounded: the healthy context still sees its events', async () => {
      const chunk = floodChunk();
      let sent = 0;
      const r = await run(
        watchOnly((res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          streamBody(res, 64 * MB, () => (sent++, chunk));
        }),
      );
      assert.ok(sent > 4, `the flood sent only ${sent} chunks`);
      assertBounded(r, { phase: 'synced' });
    });
  });
});

describe('hostile exec credential plugins, through the real engine, next to a healthy context', function () {
  this.timeout(20_000);
  let healthy: TestServer;
  let dir: string;

  before(async () => {
    healthy = await startTestServer({ bookmarkIntervalMs: 1000 });
    prepareHealthy(healthy);
  });
  after(async () => healthy.stop());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-hostile-exec-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const execUser = (script: string) => ({
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script] },
  });

  for (const [what, body, reason] of [
    ['hangs', HANG, /did not finish within/],
    ['prints without end', PRINT_FOREVER, /printed more than 1024 KiB/],
  ] as const) {
    it(`times out a plugin that ${what}, kills it, and retries at the backoff's pace`, async () => {
      const pidFile = path.join(dir, 'pids');
      const script = writeScript(dir, 'plugin.js', body(pidFile));
      const r = await runHostileCase({ healthy, user: execUser(script), durationMs: DURATION_MS });
      assertBounded(r, { reason, phase: r.status?.phase === 'error' ? 'error' : 'retrying' });
      assert.equal(r.requests, 0, 'no request goes out without a credential');
      const runs = pids(pidFile);
      assert.ok(runs.length >= 1 && runs.length <= 10, `${runs.length} plugin runs in ${r.elapsedMs} ms`);
      await waitFor(() => runs.every((p) => !alive(p)), 'every plugin process to be killed', 5000);
    });
  }
});
