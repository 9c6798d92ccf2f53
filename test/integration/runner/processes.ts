/**
 * processes: child processes that run in their own process group, so that stopping one also
 * stops everything it started (code-server forks its extension host, pty host and watchers).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Group is a running process group led by `child`. */
export interface Group {
  readonly child: ChildProcess;
  /** exited settles with the leader's exit code (or the signal name) once it is gone. */
  readonly exited: Promise<number | string>;
  /** stop sends SIGTERM to the group, then SIGKILL after `graceMs`; it never rejects. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<number>();
let exitHookInstalled = false;

/** killGroup signals the whole process group `pgid`; a group that is gone is ignored. */
function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

/** installExitHook kills every live group when this process exits, so none is orphaned. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of live) killGroup(pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/** groupAlive reports whether any process of group `pgid` still exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * spawnGroup starts `command` as the leader of a new process group with piped stdout/stderr.
 * The caller reads the pipes; the group is killed when this process exits.
 */
export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Group {
  installExitHook();
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start ${command}`);
  live.add(pgid);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(err.message));
  });
  const stop = async (graceMs = 5000): Promise<void> => {
    killGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
    while (groupAlive(pgid) && Date.now() < deadline + 2000) await sleep(50);
    live.delete(pgid);
  };
  return { child, exited, stop };
}

/** sleep resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
