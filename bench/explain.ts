/**
 * bench/explain: time to explain one FailedScheduling on a cluster of 5,000 nodes and
 * 100,000 pods from the cache (issue 14, target <= 20 ms); the workload is bench/lib/explainBench
 * (also scenario 12 of `npm run bench`). Standalone:
 *
 *   npx tsx bench/explain.ts
 */
import { measureExplain, NODES, PODS, TARGET_MS } from './lib/explainBench';

const RUNS = Number(process.env.RUNS ?? 51);
const { times, cpu, buildMs, cause } = measureExplain(RUNS);
const cpuSorted = [...cpu].sort((a, b) => a - b);
const first = times[0]!;
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `cluster: ${NODES} nodes, ${PODS} pods; index built once in ${buildMs.toFixed(0)} ms (not timed)`,
);
console.log(`cause: ${cause}`);
console.log(
  `explain FailedScheduling: first ${first.toFixed(2)} ms, median ${median.toFixed(2)} ms, min ${sorted[0]!.toFixed(2)} ms, max ${sorted[sorted.length - 1]!.toFixed(2)} ms over ${RUNS} runs`,
);
console.log(
  `CPU time: first ${cpu[0]!.toFixed(2)} ms, median ${cpuSorted[Math.floor(cpuSorted.length / 2)]!.toFixed(2)} ms`,
);
console.log(`target <= ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'MISSED'}`);
