/**
 * growth: clusters that grow through a series of sizes (the scale curve of scenario 8, whose
 * last point scenario 4 reuses). A cluster only grows; asking for a smaller size starts a new one.
 */
import { grow, type BenchCluster } from './cluster';
import type { BenchContext } from './context';

const steps = new Map<string, number>();

/** Mix says how many pods and events make `objects` objects. */
export type Mix = (objects: number) => { pods: number; events: number };

export const EVENTS_ONLY: Mix = (n) => ({ pods: 0, events: n });
export const HALF_AND_HALF: Mix = (n) => ({ pods: Math.floor(n / 2), events: n - Math.floor(n / 2) });

/** grownCluster returns cluster `name` grown to `objects` pods + events (namespaces and ReplicaSets not counted). */
export async function grownCluster(
  ctx: BenchContext,
  name: string,
  objects: number,
  mix: Mix,
): Promise<BenchCluster> {
  let c = await ctx.cluster(name, () => {});
  if (c.pods + c.events > objects) c = await ctx.cluster(`${name}-${objects}`, () => {});
  const want = mix(objects);
  const step = (steps.get(c.context) ?? 0) + 1;
  steps.set(c.context, step);
  const t0 = Date.now();
  grow(c, `g${String(step).padStart(2, '0')}`, want.pods - c.pods, want.events - c.events);
  if (Date.now() - t0 > 1000)
    ctx.log(
      `  grew "${c.context}" to ${c.pods} pods + ${c.events} events (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  return c;
}
