/**
 * Scenario 6: steady state. The bundled engine connects one context with every kind the
 * extension watches, syncs, then sits through a quiet period (10 minutes in a full run, 5 s in
 * a quick one; the server sends a BOOKMARK every 60 s) while the server's request log is
 * counted. Then a plain disconnect: the server drops every watch socket, and later restarts;
 * a client-go-like informer re-opens its watches from the last resourceVersion and never
 * relists.
 */
import { spreadPlan, populate, startCluster } from '../lib/cluster';
import type { Scenario } from '../lib/context';
import { ROOT } from '../lib/context';
import { startLive } from '../lib/proc';
import type { Figure } from '../lib/results';
import type { RequestRecord } from '../../test/server/index';
import * as path from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function byResource(reqs: readonly RequestRecord[], verb: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reqs) if (r.verb === verb) out[r.resource ?? r.path] = (out[r.resource ?? r.path] ?? 0) + 1;
  return out;
}

const fmtCounts = (m: Record<string, number>) =>
  Object.entries(m)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/**
 * timeoutReopens splits the quiet period's watch requests into re-opens that follow the
 * previous watch's server-side timeout (timeoutSeconds elapsed: normal) and the rest.
 */
function classifyWatches(
  all: readonly RequestRecord[],
  quiet: readonly RequestRecord[],
): { timeouts: number; other: number } {
  let timeouts = 0;
  let other = 0;
  for (const w of quiet.filter((r) => r.verb === 'watch')) {
    const prev = all.filter((r) => r.verb === 'watch' && r.resource === w.resource && r.time < w.time).pop();
    const t = prev ? Number(prev.query.timeoutSeconds ?? 0) * 1000 : 0;
    if (prev && t > 0 && w.time >= prev.time + t - 1000) timeouts++;
    else other++;
  }
  return { timeouts, other };
}

export const s6Steady: Scenario = {
  id: 6,
  title: 'steady state: requests to the API server',
  async run(ctx) {
    const quietMs = ctx.quick ? 5_000 : 600_000;
    const c = await startCluster(ctx.tmp, 'steady');
    try {
      populate(c, spreadPlan('team', 300, 300, 100));
      const engine = path.relative(ROOT, ctx.engine);
      const child = startLive(process.execPath, [
        ctx.engine,
        JSON.stringify({ mode: 'steady', kubeconfig: c.kubeconfig, context: c.context }),
      ]);
      try {
        const synced = await child.waitFor((m) => m.type === 'synced', 60_000);
        const kinds = (synced.kinds as string[]) ?? [];
        const tSynced = Date.now();
        const atSync = c.server.requests.length;
        ctx.log(`  steady: synced ${kinds.length} kinds; quiet for ${quietMs / 1000} s…`);
        await sleep(quietMs);
        const tQuietEnd = Date.now();
        const reqs = [...c.server.requests];
        const connect = reqs.slice(0, atSync);
        const quiet = reqs.slice(atSync);
        const listsPerKind = byResource(reqs, 'list');
        const watchesAtConnect = byResource(connect, 'watch');
        // Every kind must have listed and watched exactly once; 0 when one never did.
        const perKind = kinds.map((k) => {
          const r = k.split('.')[0]!;
          const l = listsPerKind[r] ?? 0;
          const w = watchesAtConnect[r] ?? 0;
          return l === 0 || w === 0 ? 0 : Math.max(l, w);
        });
        const oncePerKind = perKind.includes(0) ? 0 : Math.max(...perKind);
        const watches = classifyWatches(reqs, quiet);
        const polling = quiet.filter((r) => r.verb !== 'watch').length + watches.other;

        // Plain disconnect: every watch socket dropped, then the server restarts.
        const beforeDrop = c.server.requests.length;
        const dropped = c.server.faults.dropWatches();
        await sleep(ctx.quick ? 5_000 : 15_000);
        await c.server.faults.restart();
        await sleep(ctx.quick ? 8_000 : 20_000);
        const after = c.server.requests.slice(beforeDrop);
        const relists = after.filter((r) => r.verb === 'list').length;
        const rewatches = after.filter((r) => r.verb === 'watch').length;
        const statuses = child.messages
          .filter((m) => m.type === 'status' && Number(m.at) > tSynced && Number(m.at) <= tQuietEnd)
          .map((m) => (m.status as { phase: string }).phase);
        const common = [
          `Engine (${engine}) = the extension's Connections with its ${kinds.length} watched kinds (${kinds.join(', ')}); ${c.pods} pods and ${c.events} events in 6 namespaces; bookmarks every 60 s (server default).`,
          `At connect: ${connect.length} requests: LIST ${fmtCounts(byResource(connect, 'list'))}; WATCH ${fmtCounts(byResource(connect, 'watch'))}; other ${connect.filter((r) => r.verb !== 'list' && r.verb !== 'watch').length}.`,
        ];
        const figures: Figure[] = [
          {
            id: '6a',
            title: 'steady state: LISTs (whole run) and WATCHes (at connect) per kind',
            value: oncePerKind,
            unit: 'requests (max per kind and verb)',
            target: { text: 'one LIST + one WATCH per kind', of: 'value', op: '==', limit: 1 },
            baseline: null,
            ratio: null,
            extra: { kinds: kinds.length, kindsListed: Object.keys(listsPerKind).length },
            runs: [{ listsPerKind, watchesAtConnect }],
            notes: common,
          },
          {
            id: '6b',
            title: `steady state: polling requests in ${quietMs / 1000} s of quiet`,
            value: polling,
            unit: 'requests',
            target: { text: '0 polling', of: 'value', op: '==', limit: 0 },
            baseline: null,
            ratio: null,
            extra: { quietRequests: quiet.length, watchTimeoutReopens: watches.timeouts },
            runs: quiet.map((r) => ({
              verb: r.verb,
              resource: r.resource,
              t: r.time - tSynced,
              timeoutSeconds: r.query.timeoutSeconds,
            })),
            notes: [
              `${quiet.length} requests in the quiet period: ${watches.timeouts} WATCH re-opens after the server ended a watch at its timeoutSeconds (client-go picks 300-600 s; normal, from the last resourceVersion), ${polling} others.`,
              ...(quietMs < 300_000
                ? [
                    'Quick run: the quiet period is shorter than the watch timeout, so no re-opens are expected.',
                  ]
                : []),
              `Status changes during the quiet period: ${statuses.length === 0 ? 'none' : statuses.join(' -> ')}.`,
            ],
          },
          {
            id: '6c',
            title: 'plain disconnect (watches dropped, server restart): relists',
            value: relists,
            unit: 'LISTs',
            target: { text: '0 relists', of: 'value', op: '==', limit: 0 },
            baseline: null,
            ratio: null,
            extra: { watchesDropped: dropped, watchReopens: rewatches },
            runs: after.map((r) => ({ verb: r.verb, resource: r.resource, status: r.status })),
            notes: [
              `dropWatches() cut ${dropped} watch sockets; then restart() closed every socket and listened again on the same port. Afterwards: ${relists} LISTs, ${rewatches} WATCH re-opens (${fmtCounts(byResource(after, 'watch'))}).`,
            ],
          },
        ];
        return figures;
      } finally {
        await child.stop();
      }
    } finally {
      await c.stop();
    }
  },
};
