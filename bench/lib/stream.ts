/**
 * stream: what scenarios 3 and 9 share: writing core/v1 events into a test server at a steady
 * rate, and counting messages per second.
 */
import { event } from '../../test/server/fixtures';
import type { TestServer } from '../../test/server/index';
import type { Target } from './results';

/** LATENCY_TARGET is issue 5's target for write -> row at 500 events/s (scenarios 3 and 9a). */
export const LATENCY_TARGET: Target = {
  text: 'p99 <= 250 ms, 0 lost, 0 duplicated',
  of: 'value',
  op: '<=',
  limit: 250,
};

/** Involved is the object an event is about (a pod of the namespace). */
export interface Involved {
  kind: string;
  metadata: { name: string; namespace: string; uid?: string };
}

/** StreamWrite says what to write: `rate` events per second for `seconds`, about `involved(i)`. */
export interface StreamWrite {
  server: Pick<TestServer, 'create'>;
  namespace: string;
  rate: number;
  seconds: number;
  involved: (i: number) => Involved;
  /** Event names start with it (default `live`). */
  prefix?: string;
}

/**
 * writeEventStream creates events `live-000000`, `live-000001`… (`prefix` instead of `live`) in `namespace` on schedule (every
 * 5 ms it catches up to rate × elapsed), 20% Warnings. It returns when each one was written
 * (epoch ms, by the `namespace/name` key the Events view uses) and how long writing took.
 */
export async function writeEventStream(
  w: StreamWrite,
): Promise<{ written: Map<string, number>; writeSeconds: number }> {
  const written = new Map<string, number>();
  const total = w.rate * w.seconds;
  const t0 = Date.now();
  let i = 0;
  while (i < total) {
    const due = Math.min(total, Math.floor(((Date.now() - t0) * w.rate) / 1000));
    for (; i < due; i++) {
      const name = `${w.prefix ?? 'live'}-${String(i).padStart(6, '0')}`;
      const at = Date.now();
      w.server.create(
        event(w.namespace, w.involved(i), {
          name,
          type: i % 5 === 0 ? 'Warning' : 'Normal',
          reason: i % 5 === 0 ? 'BackOff' : 'Pulled',
          message: `event ${i} at ${at}`,
          lastTimestamp: at,
        }),
      );
      written.set(`${w.namespace}/${name}`, at);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { written, writeSeconds: (Date.now() - t0) / 1000 };
}

/** perSecond is the mean number of `times` (epoch ms) per second in [from, to), and the most in any 1 s window. */
export function perSecond(times: readonly number[], from: number, to: number): { mean: number; max: number } {
  const inside = times.filter((t) => t >= from && t < to).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; j < inside.length; j++) {
    while (inside[j]! - inside[i]! >= 1000) i++;
    max = Math.max(max, j - i + 1);
  }
  return { mean: inside.length / Math.max(0.001, (to - from) / 1000), max };
}
