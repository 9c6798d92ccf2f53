/**
 * kubectl: the reference client, run against the same test server with the same kubeconfig.
 * Its discovery cache lives in bench/results/tmp (kept warm across runs, as on a user's machine:
 * the first call of a scenario warms it and is not counted).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { BenchCluster } from './cluster';
import { measure, type ProcResult } from './proc';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

/** kubectlVersion is the client version string, e.g. v1.32.4. */
export function kubectlVersion(): string {
  try {
    const out = execFileSync(KUBECTL, ['version', '--client', '-o', 'json']).toString();
    return (JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
  } catch {
    return 'unavailable';
  }
}

/** kubectl runs `kubectl --kubeconfig ... args` with stdout to /dev/null, under time(1). */
export function kubectl(c: BenchCluster, tmp: string, args: string[]): Promise<ProcResult> {
  return measure(
    KUBECTL,
    ['--kubeconfig', c.kubeconfig, '--cache-dir', path.join(tmp, 'kubectl-cache'), ...args],
    { stdout: 'ignore', timeoutMs: 600_000 },
  );
}

const warmed = new Set<string>();

/**
 * warmKubectl fills kubectl's discovery cache for `c` with a `kubectl get namespaces` (not
 * counted). `once` (a quick run) skips it when this process already warmed the same cluster
 * (scenario 2 after scenario 1); a full run warms before every scenario, as it always did.
 */
export async function warmKubectl(c: BenchCluster, tmp: string, once: boolean): Promise<void> {
  if (once && warmed.has(c.kubeconfig)) return;
  await kubectl(c, tmp, ['get', 'namespaces', '-o', 'name']);
  warmed.add(c.kubeconfig);
}
