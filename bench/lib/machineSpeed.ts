/**
 * machineSpeed: two figures of the machine itself, measured in a fresh Node process at the start
 * of a run, so that a run on a slower machine can be told from a slower Kube Events. The bench
 * machines are VMs whose speed changes between sessions: on 2026-12-02 the same commit's sync
 * took about 3x its 2026-11-25 time, and first touches of fresh memory cost 20–70 µs per page.
 *
 * - firstTouchUsPerPage: µs per 4 KiB page to write one byte in each page of 64 MiB of fresh
 *   memory (page faults: every process pays it for every page its RSS grows by; a bare-metal Linux
 *   pays ~0.1–0.5 µs);
 * - loopMs: a fixed integer loop of 10^8 iterations in a function (JavaScript CPU, JIT tier-up
 *   included: V8 optimizes on a background thread, so it also shows how starved threads are;
 *   on 2026-12-02 it varied 170-560 ms within an hour at load averages of 1.5-9);
 * - sha256MiBps: SHA-256 of 64 MiB through node:crypto (native CPU, no JIT, no new memory).
 *
 * Both are the best of 3 rounds (least disturbed by other load); each round is a new process so
 * that its memory is fresh. Costs ~0.5 s on a quiet machine.
 */
import { execFileSync } from 'node:child_process';

/** MachineSpeed is the two figures, NaN when they could not be measured. */
export interface MachineSpeed {
  firstTouchUsPerPage: number;
  loopMs: number;
  sha256MiBps: number;
}

const PAGES = 16_384; // 64 MiB

const SCRIPT = `
const t0 = process.hrtime.bigint();
const b = Buffer.allocUnsafeSlow(${PAGES} * 4096);
for (let i = 0; i < b.length; i += 4096) b[i] = 1;
const touch = Number(process.hrtime.bigint() - t0) / 1e3 / ${PAGES};
function spin() {
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i * 7) | 0;
  return x;
}
const t1 = process.hrtime.bigint();
const x = spin();
const loop = Number(process.hrtime.bigint() - t1) / 1e6;
const t2 = process.hrtime.bigint();
require('node:crypto').createHash('sha256').update(b).digest();
const sha = 64 / (Number(process.hrtime.bigint() - t2) / 1e9);
console.log(JSON.stringify({ touch, loop, sha, x }));
`;

/** measureMachineSpeed runs the probe (blocking, 60 s at most per round); see the module comment. */
export function measureMachineSpeed(rounds = 3): MachineSpeed {
  let touch = Infinity;
  let loop = Infinity;
  let sha = 0;
  for (let r = 0; r < rounds; r++) {
    try {
      const out = execFileSync(process.execPath, ['-e', SCRIPT], { encoding: 'utf8', timeout: 60_000 });
      const v = JSON.parse(out.trim()) as { touch: number; loop: number; sha: number };
      touch = Math.min(touch, v.touch);
      loop = Math.min(loop, v.loop);
      sha = Math.max(sha, v.sha);
    } catch {
      // A failed round is left out; all failed: NaN below.
    }
  }
  return {
    firstTouchUsPerPage: Number.isFinite(touch) ? touch : NaN,
    loopMs: Number.isFinite(loop) ? loop : NaN,
    sha256MiBps: sha > 0 ? sha : NaN,
  };
}

/** describeMachineSpeed is the report header's wording of `s`. */
export function describeMachineSpeed(s: MachineSpeed): string {
  return `first touch of fresh memory ${s.firstTouchUsPerPage.toFixed(2)} µs per 4 KiB page, 10^8-iteration JS loop ${s.loopMs.toFixed(0)} ms, SHA-256 ${s.sha256MiBps.toFixed(0)} MiB/s (machine probe, best of 3)`;
}
