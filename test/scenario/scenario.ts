/**
 * scenario: Scenario keeps a seeded cluster (./cluster) alive: while started it rolls out
 * `prod/web`, restarts the crash-looping `prod/api` pod, retries pulling `staging/frontend`'s
 * image, retries scheduling `prod/search`, retries the failing PVC, HPA and LoadBalancer of
 * ./beyondWorkloads, scales `staging/worker` 2 -> 5 -> 3 -> 2, and runs
 * and completes the `batch/report-sync` Jobs. Each of those is also a public step method, so a
 * test can produce one exact moment without timers; the timed loop only calls the steps.
 *
 * Contract: steps write synchronously and return what they did; `start()` schedules timers on
 * the injected clock, each track re-arming itself after its step; `stop()` is final and clears
 * every timer. A failing step is reported to `onError` and its track keeps going.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { realClock, type Clock, type TimerHandle } from '../../src/core/util/clock';
import type { TestServer } from '../server';
import { Sim } from './controllers';
import { scaleDeployment } from './deployments';
import { completeJob, isComplete, jobsOf, startJob } from './jobs';
import { beginRollout, rolloutStep, type RolloutStep } from './rollout';
import { beyondWorkloadsTick } from './beyondWorkloads';
import { crashLoopTick, imagePullTick, unschedulableTick } from './troubles';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** ScenarioOptions: `server` is required and should have been seeded by seedCluster. */
export interface ScenarioOptions {
  server: TestServer;
  /** Time and timers (default realClock). Pass the server's clock too, for consistent timestamps. */
  clock?: Clock;
  /** Speed factor: every interval is divided by it (default 1). */
  speed?: number;
  /** Seed for generated names (default 2). */
  seed?: number;
  /** Called with a one-line summary after each notable step. */
  onNotice?: (line: string) => void;
  /** Called when a timed step throws (default: ignored); the track carries on. */
  onError?: (err: unknown, track: string) => void;
}

/** INTERVALS: each track's period at speed 1, and when it first fires, in ms. */
export const INTERVALS = {
  crashLoop: { first: 5_000, every: 30_000 },
  imagePull: { first: 12_000, every: 45_000 },
  pending: { first: 20_000, every: 60_000 },
  rollout: { first: 15_000, every: 120_000, step: 3_000 },
  scaling: { first: 25_000, every: 50_000 },
  job: { first: 10_000, every: 30_000 },
  beyond: { first: 18_000, every: 40_000 },
} as const;

/** WEB_IMAGES alternate on each rollout of prod/web. */
export const WEB_IMAGES = ['nginx:1.27.3', 'nginx:1.27.2'] as const;
/** WORKER_SIZES is the cycle of staging/worker's replica counts. */
export const WORKER_SIZES = [5, 3, 2] as const;

/** Scenario produces realistic cluster traffic over time; see the file comment. */
export class Scenario {
  readonly sim: Sim;
  private readonly clock: Clock;
  private readonly speed: number;
  private readonly onNotice: (line: string) => void;
  private readonly onError: (err: unknown, track: string) => void;
  private readonly timers = new Map<string, TimerHandle>();
  private state: 'new' | 'running' | 'stopped' = 'new';
  private rollouts = 0;
  private rolling = false;
  private scaleIndex = 0;
  /** The newest Job's scheduled minute: names never repeat, even when the timed loop runs faster than the schedule. */
  private lastJobMinute = 0;

  constructor(o: ScenarioOptions) {
    this.clock = o.clock ?? realClock;
    this.speed = o.speed && o.speed > 0 ? o.speed : 1;
    this.sim = new Sim({ server: o.server, now: () => this.clock.now(), seed: o.seed ?? 2 });
    this.onNotice = o.onNotice ?? (() => {});
    this.onError = o.onError ?? (() => {});
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** start begins the timed loop; calling it twice or after stop() throws. */
  start(): void {
    if (this.state !== 'new') throw new Error(`scenario: start() when ${this.state}`);
    this.state = 'running';
    const every = (track: keyof typeof INTERVALS, step: () => void) =>
      this.arm(track, INTERVALS[track].first, INTERVALS[track].every, () => (step(), INTERVALS[track].every));
    every('crashLoop', () => this.crashLoopTick());
    every('imagePull', () => this.imagePullTick());
    every('pending', () => this.pendingTick());
    every('scaling', () => this.scaleStep());
    every('job', () => this.jobStep());
    every('beyond', () => this.beyondTick());
    const r = INTERVALS.rollout;
    this.arm('rollout', r.first, r.every, () => {
      if (!this.rolling) this.beginRollout();
      return this.rolloutStep().done ? r.every : r.step;
    });
  }

  /** stop ends the loop for good and clears every timer; safe to call more than once. */
  stop(): void {
    this.state = 'stopped';
    for (const h of this.timers.values()) this.clock.clearTimeout(h);
    this.timers.clear();
  }

  /** pendingTimers is how many timers the scenario holds (0 after stop). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** arm schedules `step` after `delay` (scenario ms); it re-arms after the delay `step` returns, or `every` when it throws. */
  private arm(track: string, delay: number, every: number, step: () => number): void {
    const fire = () => {
      this.timers.delete(track);
      if (this.state !== 'running') return;
      let next = every;
      try {
        next = step();
      } catch (err) {
        if (this.state === 'running') this.onError(err, track);
      }
      if (this.state === 'running') this.arm(track, next, every, step);
    };
    this.timers.set(track, this.clock.setTimeout(fire, Math.max(1, Math.round(delay / this.speed))));
  }

  private now(): number {
    return this.clock.now();
  }

  private podOf(namespace: string, app: string): Rec {
    const p = (this.sim.server.list('v1', 'Pod', namespace) as Rec[]).find(
      (x) => x.metadata.labels?.app === app,
    );
    if (!p) throw new Error(`scenario: no pod app=${app} in ${namespace} (was the cluster seeded?)`);
    return p;
  }

  /** crashLoopTick restarts prod/api's container once more: restartCount + 1, the same BackOff event's count + 1. */
  crashLoopTick(): { pod: Rec; backOff: KubeObject } {
    const r = crashLoopTick(this.sim, this.podOf('prod', 'api'), this.now());
    const cs = r.pod.status.containerStatuses[0];
    this.onNotice(
      `CrashLoopBackOff prod/${r.pod.metadata.name}: restartCount ${cs.restartCount}, BackOff x${String(r.backOff.count)}`,
    );
    return r;
  }

  /** imagePullTick fails staging/frontend's image pull once more. */
  imagePullTick(): Rec {
    const p = imagePullTick(this.sim, this.podOf('staging', 'frontend'), this.now());
    this.onNotice(`ImagePullBackOff staging/${p.metadata.name}: ${p.spec.containers[0].image} not found`);
    return p;
  }

  /** pendingTick retries scheduling prod/search; returns the FailedScheduling event (events.k8s.io/v1, series count + 1). */
  pendingTick(): KubeObject {
    const p = this.podOf('prod', 'search');
    const e = unschedulableTick(this.sim, p, this.now()) as Rec;
    this.onNotice(`FailedScheduling prod/${p.metadata.name}: x${e.series?.count ?? 1}`);
    return e as KubeObject;
  }

  /** beyondTick retries the failing PVC provisioning, HPA metrics and LoadBalancer sync once more (each Warning's count + 1). */
  beyondTick(): KubeObject[] {
    const events = beyondWorkloadsTick(this.sim, this.now());
    this.onNotice(
      `Warnings again: ${events.map((e) => `${String(e.reason)} x${String((e as Rec).count)}`).join(', ')}`,
    );
    return events;
  }

  /** beginRollout starts rolling prod/web to the next image of WEB_IMAGES. */
  beginRollout(): string {
    const image = WEB_IMAGES[this.rollouts++ % WEB_IMAGES.length]!;
    const r = beginRollout(this.sim, 'prod', 'web', image, this.now());
    this.rolling = true;
    this.onNotice(`Rollout prod/web to ${image} (ReplicaSet ${r.newReplicaSet.metadata.name})`);
    return image;
  }

  /** rolloutStep makes prod/web's rollout's next scaling decision. */
  rolloutStep(): RolloutStep {
    const s = rolloutStep(this.sim, 'prod', 'web', this.now());
    if (s.done) {
      this.rolling = false;
      this.onNotice('Rollout prod/web complete');
    } else this.onNotice(`Rollout prod/web: ${s.action}`);
    return s;
  }

  /** rollout runs a whole rollout of prod/web now; returns the scaling actions. */
  rollout(): string[] {
    this.beginRollout();
    const actions: string[] = [];
    for (let i = 0; i < 100; i++) {
      const s = this.rolloutStep();
      if (s.done) return actions;
      actions.push(s.action);
    }
    throw new Error('scenario: rollout did not converge');
  }

  /** scaleWorker scales staging/worker to `replicas`. */
  scaleWorker(replicas: number): { from: number; to: number } {
    const r = scaleDeployment(this.sim, 'staging', 'worker', replicas, this.now());
    this.onNotice(`Scaled staging/worker from ${r.from} to ${r.to}`);
    return { from: r.from, to: r.to };
  }

  /** scaleStep scales staging/worker to the next size of WORKER_SIZES (5, 3, 2, 5, ...). */
  scaleStep(): { from: number; to: number } {
    return this.scaleWorker(WORKER_SIZES[this.scaleIndex++ % WORKER_SIZES.length]!);
  }

  /** startJob fires batch/report-sync now: a new Job with a running pod. */
  startJob(): { job: Rec; pod: Rec } {
    const cron = this.sim.mustGet('batch/v1', 'CronJob', 'batch', 'report-sync');
    const minute = (j: Rec) => Number(String(j.metadata.name).slice('report-sync-'.length)) || 0;
    const last = Math.max(this.lastJobMinute, ...jobsOf(this.sim, cron).map(minute));
    this.lastJobMinute = Math.max(last + 1, Math.floor(this.now() / 60_000));
    const r = startJob(this.sim, cron, this.lastJobMinute * 60_000, this.now());
    this.onNotice(`Job batch/${r.job.metadata.name} started (pod ${r.pod.metadata.name})`);
    return r;
  }

  /** completeJob completes the oldest running Job of batch/report-sync; undefined when none runs. */
  completeJob(): Rec | undefined {
    const cron = this.sim.mustGet('batch/v1', 'CronJob', 'batch', 'report-sync');
    const j = jobsOf(this.sim, cron).find((x) => !isComplete(x));
    if (!j) return undefined;
    const done = completeJob(this.sim, j, this.now());
    this.onNotice(`Job batch/${done.metadata.name} Complete`);
    return done;
  }

  /** jobStep completes the running Job if there is one, else starts one. */
  jobStep(): Rec {
    return this.completeJob() ?? this.startJob().job;
  }
}
