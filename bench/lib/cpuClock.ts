/**
 * cpuClock: CPU seconds used so far by the bench process and by its finished children (user +
 * system), for the run's per-scenario timings: on a shared machine CPU seconds say what a run
 * costs where wall time says how busy the machine was. Children count once reaped (Linux
 * /proc/self/stat cutime + cstime, which include their own reaped children); elsewhere only the
 * bench process is counted.
 */
import * as fs from 'node:fs';

/** CLK_TCK on Linux (USER_HZ, 100 on every mainstream architecture). */
const TICKS_PER_S = 100;

/** childrenCpuS reads the reaped children's CPU seconds, 0 when /proc is unavailable. */
function childrenCpuS(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after "(comm)": state is field 3, cutime 16, cstime 17.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / TICKS_PER_S || 0;
  } catch {
    return 0;
  }
}

/** CpuReading is the CPU seconds of this process and of its reaped children. */
export interface CpuReading {
  selfS: number;
  childrenS: number;
}

/** cpuNow reads both clocks. */
export function cpuNow(): CpuReading {
  const u = process.cpuUsage();
  return { selfS: (u.user + u.system) / 1e6, childrenS: childrenCpuS() };
}

/** cpuSince is the CPU seconds spent since `start` (self + children). */
export function cpuSince(start: CpuReading): CpuReading {
  const now = cpuNow();
  return { selfS: now.selfS - start.selfS, childrenS: now.childrenS - start.childrenS };
}
