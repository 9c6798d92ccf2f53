/**
 * demoCluster: the demo cluster (test/scenario: what `npm run demo` serves) for the UI tests. A
 * TLS test API server is seeded by seedCluster, then the Scenario's own timed loop plays one full
 * round on a fake clock (every track of INTERVALS fires at least once, so every step's Warnings
 * exist), and stops: the cluster then holds still while a test reads it. The history and the
 * round are laid out in the minutes before the call, so every timestamp is in the past. Its
 * kubeconfig is the demo's (writeDemoKubeconfig: contexts demo-admin and demo-restricted).
 *
 * `warnings` are the Warning events the server holds after that, one per Event object (a
 * repeat updates the same object), read back from the server: they are the demo's, whatever
 * its modules emit, so a test over them covers a Warning added to the demo later.
 */
import * as path from 'node:path';
import type { KubeObject } from '../../../src/core/cache/types';
import { normalizeEvent, type KubeEvent } from '../../../src/core/events/model';
import { Scenario, seedCluster, writeDemoKubeconfig, type DemoKubeconfig } from '../../scenario/cluster';
import { INTERVALS } from '../../scenario/scenario';
import { startTestServer, type TestServer } from '../../server/index';
import { FakeClock } from '../../unit/fakes/fakeClock';

/** DemoCluster is a seeded, played and stopped demo cluster; stop() stops its server. */
export interface DemoCluster {
  readonly server: TestServer;
  readonly kubeconfig: DemoKubeconfig;
  /** The Warning events it holds, oldest first (by first sighting, then key). */
  readonly warnings: readonly KubeEvent[];
  stop(): Promise<void>;
}

/** MAX_WARNINGS bounds the Warning events a test walks through (the demo has about a dozen). */
export const MAX_WARNINGS = 60;

/** roundMs is one full round of the Scenario's loop: every track fires at least once within it. */
export function roundMs(): number {
  return Math.max(...Object.values(INTERVALS).map((i) => i.first + i.every));
}

/**
 * startDemoCluster starts the server, seeds it, plays one round of the Scenario and writes the
 * kubeconfig into `dir`. It throws when a Scenario step failed (the demo would be incomplete)
 * or the demo holds more than MAX_WARNINGS Warning events; the server is then stopped.
 */
export async function startDemoCluster(o: { dir: string }): Promise<DemoCluster> {
  const round = roundMs();
  // One minute of slack after the round: a new pod's events land a little after its step.
  const clock = new FakeClock(Date.now() - round - 60_000);
  const server = await startTestServer({ tls: true });
  try {
    seedCluster(server, { now: () => clock.now() });
    const failures: string[] = [];
    const scenario = new Scenario({
      server,
      clock,
      onError: (err, track) => failures.push(`${track}: ${err instanceof Error ? err.message : String(err)}`),
    });
    scenario.start();
    clock.advance(round);
    scenario.stop();
    if (failures.length > 0) throw new Error(`demo scenario steps failed: ${failures.join('; ')}`);
    const kubeconfig = writeDemoKubeconfig(server, path.join(o.dir, 'demo.kubeconfig'));
    const warnings = (server.list('v1', 'Event') as KubeObject[])
      .map((e) => normalizeEvent(e))
      .filter((e) => e.type === 'Warning')
      .sort((a, b) => (a.firstSeen ?? 0) - (b.firstSeen ?? 0) || a.key.localeCompare(b.key));
    if (warnings.length > MAX_WARNINGS)
      throw new Error(`the demo holds ${warnings.length} Warning events, more than ${MAX_WARNINGS}`);
    return { server, kubeconfig, warnings, stop: () => server.stop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
