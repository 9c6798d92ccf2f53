/**
 * execFixtures: small node scripts standing in for exec credential plugins (hang, print
 * forever, fail, succeed), and helpers to watch their processes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecConfig } from '../../../src/kube/execPlugin';

/** writeScript writes a node script into `dir` and returns its path. */
export function writeScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

/** execConfig runs `script` with this node binary. */
export function execConfig(script: string, extra: Partial<ExecConfig> = {}): ExecConfig {
  return {
    command: process.execPath,
    args: [script],
    env: [],
    apiVersion: 'client.authentication.k8s.io/v1',
    provideClusterInfo: false,
    interactiveMode: 'IfAvailable',
    ...extra,
  };
}

/** PID_LINE: a script prefix that records its pid (and, after a spawn, its child's) in `file`. */
export function recordPid(file: string): string {
  return `require('fs').appendFileSync(${JSON.stringify(file)}, process.pid + '\\n');\n`;
}

export function pids(file: string): number[] {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** waitFor polls `cond` (real time: a process exit is not on the fake clock), at most ~10 s. */
export async function waitFor(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** waitForPids waits until `n` pids are recorded in `file`. */
export async function waitForPids(file: string, n: number): Promise<number[]> {
  await waitFor(() => pids(file).length >= n, `${n} pid(s) in ${file}`);
  return pids(file);
}

export const HANG = (pidFile: string) => `${recordPid(pidFile)}setInterval(() => {}, 1000);\n`;

/** HANG_WITH_CHILD: the plugin starts a child that hangs too (both record their pids). */
export const HANG_WITH_CHILD = (pidFile: string) =>
  `${recordPid(pidFile)}require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(
    recordPid(pidFile) + 'setInterval(() => {}, 1000);',
  )}], { stdio: 'ignore' });\nsetInterval(() => {}, 1000);\n`;

export const PRINT_FOREVER = (pidFile: string) =>
  `${recordPid(pidFile)}const chunk = 'x'.repeat(65536);\nconst w = () => { while (process.stdout.write(chunk)) {} process.stdout.once('drain', w); };\nw();\n`;

export const credential = (status: Record<string, unknown>, apiVersion = 'client.authentication.k8s.io/v1') =>
  `process.stdout.write(${JSON.stringify(JSON.stringify({ apiVersion, kind: 'ExecCredential', status }))});\n`;
