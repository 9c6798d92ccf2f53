/**
 * cpu: CPU time of a running child process and its descendants, read from /proc (Linux), so
 * that two clients watching the same stream can be compared by the CPU they spent in the same
 * window rather than by wall time (the machine is shared).
 */
import * as fs from 'node:fs';

/** TICK_MS is one clock tick of /proc/<pid>/stat (USER_HZ is 100 on Linux). */
const TICK_MS = 10;

/** MAX_PROCS bounds the walk of a process tree (a runaway child must not make it endless). */
const MAX_PROCS = 64;

function ownCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces and parentheses): state is field 3.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17, i.e. f[11..14].
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
  } catch {
    return 0; // exited
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const c of text.split(' ')) out.push(Number(c));
    }
  } catch {
    // exited, or no /proc
  }
  return out;
}

/**
 * treeCpuMs is the user + system CPU time (ms, 10 ms resolution) of `pid` and every live
 * descendant (reaped children count through cutime/cstime), at most MAX_PROCS processes.
 * 0 when `pid` is gone or /proc is not there.
 */
export function treeCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let total = 0;
  const queue = [pid];
  for (let seen = 0; queue.length > 0 && seen < MAX_PROCS; seen++) {
    const p = queue.shift()!;
    total += ownCpuMs(p);
    queue.push(...childrenOf(p));
  }
  return total;
}
