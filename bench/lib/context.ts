/**
 * context: what every scenario gets from bench/run.ts: the mode, a scratch directory, the
 * bundled engine, shared clusters (built once, stopped at the end) and a logger.
 */
import * as path from 'node:path';
import type { BenchCluster } from './cluster';
import type { Figure } from './results';

export interface BenchContext {
  quick: boolean;
  /** Force a CPU profile of the engine even when targets are met. */
  profile: boolean;
  /** bench/results/tmp: kubeconfigs, bundles, profiles (git-ignored). */
  tmp: string;
  /**
   * The bundled engine (minified) and an unminified twin for readable profiles; a quick run
   * without --profile takes no profile and gets the minified one twice.
   */
  engine: string;
  engineDev: string;
  /** cluster returns the shared cluster `name`, starting it with `init` the first time. */
  cluster(name: string, init: (c: BenchCluster) => void | Promise<void>): Promise<BenchCluster>;
  /** dropCluster stops a shared cluster that no later scenario needs (frees this process's memory). */
  dropCluster(name: string): Promise<void>;
  log(message: string): void;
}

/** Scenario is one numbered scenario of the issue; it returns one figure per target. */
export interface Scenario {
  id: number;
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export const ROOT = path.resolve(__dirname, '..', '..');

/** runs picks the number of measured runs for the mode. */
export function runs(ctx: BenchContext, full: number, quick: number): number {
  return ctx.quick ? quick : full;
}
