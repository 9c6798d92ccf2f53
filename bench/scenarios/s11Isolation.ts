/**
 * Scenario 11 (issue 11, isolation): the healthy context's write -> EventHub latency while
 * another context of the same engine is fed each hostile input in turn, against a baseline with
 * no hostile context, measured in the same run. The engine is the real one (ContextManager +
 * createKubeSessionFactory + EventHub, batchMs 1) in this process, as the hostile-server tests
 * run it (test/unit/hostile/harness.ts); the healthy server is the test API server, the hostile
 * one an ad-hoc node:http server, both in this process too (so their work is counted against the
 * engine's event loop: a pessimistic setting). Target: p99 delayed by no more than 50 ms.
 */
import type * as http from 'node:http';
import { startTestServer } from '../../test/server/index';
import {
  emptyList,
  HOSTILE_TOKEN,
  isWatch,
  prepareHealthy,
  runHostileCase,
  streamBody,
  type HostileHandler,
} from '../../test/unit/hostile/harness';
import { runs, type BenchContext, type Scenario } from '../lib/context';
import type { Figure } from '../lib/results';
import { median, quantile, round, spread } from '../lib/stats';

const MB = 1024 * 1024;

const json = (
  res: http.ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const status = (code: number, message: string, details: Record<string, unknown> = {}) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  code,
  message,
  details,
});
const watchOnly =
  (watch: (res: http.ServerResponse) => void): HostileHandler =>
  (req, res) =>
    isWatch(req) ? watch(res) : emptyList(res);

function floodChunk(): string {
  let chunk = '';
  for (let k = 0; chunk.length < 256 * 1024; k++) {
    const object = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `flood-${k % 100}`, namespace: 'x', resourceVersion: String(k + 2) },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'x' },
      reason: 'Flood',
      message: 'm',
    };
    chunk += JSON.stringify({ type: k < 100 ? 'ADDED' : 'MODIFIED', object }) + '\n';
  }
  return chunk;
}

/** INPUTS: one hostile server per input class of issue 11 (the exec plugins are in the tests). */
const INPUTS: [string, HostileHandler][] = [
  ['retry-after-huge', (_q, res) => json(res, 429, status(429, 'slow'), { 'Retry-After': '99999999999' })],
  [
    'retry-after-negative',
    (_q, res) => json(res, 503, status(503, 'neg', { retryAfterSeconds: -5 }), { 'Retry-After': '-5' }),
  ],
  [
    'retry-after-nan',
    (_q, res) => json(res, 429, status(429, 'nan', { retryAfterSeconds: 'NaN' }), { 'Retry-After': 'x' }),
  ],
  ['never-answers', () => undefined],
  [
    'stalls-mid-body',
    (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"EventList","items":[{"metad');
    },
  ],
  [
    'repeating-continue',
    (_q, res) =>
      json(res, 200, { kind: 'EventList', metadata: { resourceVersion: '1', continue: 'x' }, items: [] }),
  ],
  [
    'watch-line-50MB',
    watchOnly((res) => {
      res.writeHead(200);
      streamBody(res, 50 * MB, (i) => (i === 799 ? '"}}\n' : 'x'.repeat(64 * 1024)));
    }),
  ],
  [
    'watch-no-newline',
    watchOnly((res) => {
      res.writeHead(200);
      streamBody(res, Infinity, () => 'y'.repeat(64 * 1024));
    }),
  ],
  [
    'error-body-300MB',
    (_q, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      streamBody(res, 300 * MB, () => 'e'.repeat(64 * 1024));
    },
  ],
  [
    'list-object-50MB',
    (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"EventList","metadata":{"resourceVersion":"1"},"items":[{"message":"');
      streamBody(res, 50 * MB, () => 'x'.repeat(64 * 1024));
    },
  ],
  ['garbage-json', (_q, res) => res.end('{{{ not json')],
  [
    'html-proxy',
    (_q, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(`<html><body>Bad Gateway. Authorization: Bearer ${HOSTILE_TOKEN}</body></html>`);
    },
  ],
  [
    'watch-flood',
    (() => {
      const chunk = floodChunk();
      return watchOnly((res) => {
        res.writeHead(200);
        streamBody(res, 256 * MB, () => chunk);
      });
    })(),
  ],
];

const TARGET_MS = 50;

export const s11Isolation: Scenario = {
  id: 11,
  title: "Isolation: a healthy context's write -> hub p99 while another context is hostile",
  async run(ctx: BenchContext): Promise<Figure[]> {
    const n = runs(ctx, 3, 1);
    // Quick: about 25 probes per input, enough to catch an input that stalls the healthy context.
    const durationMs = ctx.quick ? 500 : 5000;
    const healthy = await startTestServer({ eventTtlMs: 3600_000 });
    prepareHealthy(healthy);
    const p99 = (xs: number[]) => quantile(xs, 0.99);
    try {
      const baseline: number[] = [];
      const perInput = new Map<string, number[]>(INPUTS.map(([name]) => [name, []]));
      const requests = new Map<string, number>();
      for (let run = 0; run < n; run++) {
        const b = await runHostileCase({ healthy, baseline: true, durationMs, probeGapMs: 20 });
        baseline.push(p99(b.latencies));
        ctx.log(
          `  run ${run}: baseline p99 ${p99(b.latencies).toFixed(1)} ms (${b.latencies.length} probes)`,
        );
        for (const [name, handler] of INPUTS) {
          const r = await runHostileCase({ healthy, handler, durationMs, probeGapMs: 20 });
          perInput.get(name)!.push(p99(r.latencies));
          requests.set(name, Math.max(requests.get(name) ?? 0, (r.requests * 60_000) / r.elapsedMs));
          ctx.log(
            `  run ${run}: ${name}: p99 ${p99(r.latencies).toFixed(1)} ms, loop max ${r.maxLoopDelayMs.toFixed(0)} ms, ` +
              `RSS +${r.rssGrowthMiB.toFixed(0)} MiB, ${r.requests} requests, status ${r.status?.phase}`,
          );
        }
      }
      const base = median(baseline);
      const medians = INPUTS.map(([name]) => [name, median(perInput.get(name)!)] as const);
      const worst = medians.reduce((a, b) => (b[1] > a[1] ? b : a));
      const extra: Record<string, number> = { delay: round(worst[1] - base, 1) };
      for (const [name, v] of medians) extra[`p99 ${name}`] = round(v, 1);
      for (const [name, v] of requests) extra[`requests/min ${name}`] = round(v, 0);
      return [
        {
          id: '11',
          title: this.title,
          value: round(worst[1], 1),
          unit: 'ms',
          spread: spread(perInput.get(worst[0])!),
          target: { text: `p99 delayed by <= ${TARGET_MS} ms`, of: 'delay', op: '<=', limit: TARGET_MS },
          baseline: {
            what: 'no hostile context',
            value: round(base, 1),
            unit: 'ms',
            spread: spread(baseline),
            runs: baseline,
          },
          ratio: base > 0 ? round(worst[1] / base, 2) : null,
          extra,
          runs: [...perInput.entries()].map(([name, v]) => ({ name, p99: v })),
          notes: [
            `worst input: ${worst[0]}; ${n} run(s) of ${durationMs / 1000} s per input, a probe every 20 ms`,
            'engine, healthy server and hostile server share this process (pessimistic)',
          ],
        },
      ];
    } finally {
      await healthy.stop();
    }
  },
};
