/**
 * bench/manifests: the workspace manifest index (src/core/manifests), standalone (also
 * scenario 13 of `npm run bench`; the workloads are bench/lib/manifestsBench):
 *   npx tsx bench/manifests.ts [--files 10000] [--runs 5]
 * Indexes N generated manifest files (held in memory: the figure is parsing and indexing, not
 * the disk) and re-indexes one edited file. Targets (issue 15): all files <= 2 s, one edit
 * <= 20 ms. Prints medians with min-max of wall time and of the process's CPU time (the machine
 * is shared: CPU time says how much of the wall time was ours).
 */
import { measureIndex } from './lib/manifestsBench';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const FILES = arg('files', 10_000);
const RUNS = arg('runs', 5);

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)]!;
  return `median ${med.toFixed(1)} ms (min ${s[0]!.toFixed(1)}, max ${s.at(-1)!.toFixed(1)})`;
}

const r = measureIndex(FILES, RUNS);
console.log(
  `manifests: ${FILES} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ${r.entries} entries, ${RUNS} runs`,
);
console.log(`  index all files   wall ${stats(r.full)}   cpu ${stats(r.fullCpu)}   target <= 2000 ms`);
console.log(`  re-index one edit wall ${stats(r.edit)}   cpu ${stats(r.editCpu)}   target <= 20 ms`);
