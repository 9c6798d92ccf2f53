/**
 * Scenario 2: children of a namespace with 5,000 pods (500 in a quick run), from the synced
 * cache. The bundled engine process builds the extension's own ResourceTreeProvider (with the
 * vscode stand-in) over Connections, syncs, then calls getChildren on the `big` namespace's Pods node many times
 * (store.byIndex + sort + interned nodes by name). Against `kubectl get pods -n big -o json`, which is
 * what a tree that shells out to kubectl pays per expansion.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { populate, SYNC_CLUSTER, syncBigPods, syncClusterPlan } from '../lib/cluster';
import { runs, type Scenario } from '../lib/context';
import { runEngine } from '../lib/engine';
import { kubectl, warmKubectl } from '../lib/kubectl';
import { describeProfile, summarize } from '../lib/profile';
import { median, quantile, spread } from '../lib/stats';

interface ChildrenOut {
  children: number;
  times: number[];
  itemTimes: number[];
  steps: { byIndex: number[]; sort: number[]; nodes: number[] };
}

export const s2Children: Scenario = {
  id: 2,
  title: 'tree children of a namespace with 5,000 pods',
  async run(ctx) {
    const c = await ctx.cluster(SYNC_CLUSTER, (c) => populate(c, syncClusterPlan(ctx.quick)));
    const big = syncBigPods(ctx.quick);
    const bigText = big.toLocaleString('en');
    const n = runs(ctx, 5, 1);
    const calls = ctx.quick ? 100 : 300;
    const kArgs = ['get', 'pods', '-n', 'big', '-o', 'json'];
    await warmKubectl(c, ctx.tmp, ctx.quick);
    const perRun: {
      median: number;
      p95: number;
      first: number;
      treeItemsMs: number;
      children: number;
      steps: Record<string, number>;
    }[] = [];
    const kWall: number[] = [];
    for (let i = 0; i < n; i++) {
      const { out } = await runEngine<ChildrenOut>(ctx.engine, {
        mode: 'children',
        kubeconfig: c.kubeconfig,
        context: c.context,
        namespace: 'big',
        calls,
      });
      if (out.children !== big)
        throw new Error(`getChildren returned ${out.children} nodes, expected ${big}`);
      const warm = out.times.slice(1);
      perRun.push({
        median: median(warm),
        p95: quantile(warm, 0.95),
        first: out.times[0]!,
        treeItemsMs: median(out.itemTimes),
        children: out.children,
        steps: {
          byIndex: median(out.steps.byIndex),
          sort: median(out.steps.sort),
          nodes: median(out.steps.nodes),
        },
      });
      kWall.push((await kubectl(c, ctx.tmp, kArgs)).wallMs);
      ctx.log(
        `  run ${i + 1}/${n}: getChildren median ${perRun[i]!.median.toFixed(2)} ms (first ${perRun[i]!.first.toFixed(1)} ms), kubectl ${kWall[i]!.toFixed(0)} ms`,
      );
    }
    const medians = perRun.map((r) => r.median);
    const stepMedian = (k: string) => median(perRun.map((r) => r.steps[k]!)).toFixed(2);
    const value = median(medians);
    const base = median(kWall);
    const baseline = {
      what: 'kubectl get pods -n big -o json',
      value: base,
      unit: 'ms',
      spread: spread(kWall),
      runs: kWall,
    };
    const notes = [
      `Per run: ${calls} calls of ResourceTreeProvider.getChildren(Pods node of "big") in one engine process after sync; the value is the median over runs of each run's median call (the first call excluded).`,
      `First call (creates the ${bigText} interned nodes; JIT cold): median ${median(perRun.map((r) => r.first)).toFixed(1)} ms; p95 of calls: ${median(perRun.map((r) => r.p95)).toFixed(2)} ms.`,
      `getTreeItem for all ${bigText} children (VS Code asks for one per child; not part of this target): median ${median(perRun.map((r) => r.treeItemsMs)).toFixed(1)} ms per expansion.`,
      `getChildren's steps timed apart (medians): store.byIndex ${stepMedian('byIndex')} ms, names + sort ${stepMedian('sort')} ms, NodeCache.objects (interned nodes by name) ${stepMedian('nodes')} ms.`,
      `The same cache holds ${c.pods.toLocaleString('en')} pods and ${c.events.toLocaleString('en')} events over ${c.pods / 100 - big / 100 + 1} namespaces (scenario 1 cluster).`,
    ];
    // A quick run profiles only when asked.
    if ((value > 5 && !ctx.quick) || ctx.profile) {
      const dir = path.join(ctx.tmp, 'profiles');
      fs.mkdirSync(dir, { recursive: true });
      const profileFile = path.join(dir, 's2-getChildren.cpuprofile');
      await runEngine<ChildrenOut>(ctx.engineDev, {
        mode: 'children',
        kubeconfig: c.kubeconfig,
        context: c.context,
        namespace: 'big',
        calls,
        profileFile,
      });
      notes.push(...describeProfile(summarize(profileFile), `${calls} getChildren calls, unminified bundle`));
      notes.push(`profile file: ${path.relative(process.cwd(), profileFile)}`);
    }
    await ctx.dropCluster(SYNC_CLUSTER);
    return [
      {
        id: '2a',
        title: `getChildren of a ${bigText}-pod namespace, median per call`,
        value,
        unit: 'ms',
        spread: spread(medians),
        target: { text: '<= 5 ms', of: 'value', op: '<=', limit: 5 },
        baseline,
        ratio: null,
        runs: perRun,
        notes,
      },
      {
        id: '2b',
        title: 'getChildren speed-up over kubectl',
        value: base / value,
        unit: 'x',
        spread: spread(medians.map((m) => base / m)),
        target: { text: '>= 50x faster than kubectl', of: 'value', op: '>=', limit: 50 },
        baseline,
        ratio: value / base,
        runs: medians.map((m) => base / m),
        notes: ['Speed-up = kubectl median wall time / getChildren median; ratio = getChildren / kubectl.'],
      },
    ];
  },
};
