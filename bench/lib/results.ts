/**
 * results: the shape of bench/results/latest.json and its Markdown rendering. `met` is always
 * computed here from the target and the measured figures, never written by a scenario.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeMachineSpeed, type MachineSpeed } from './machineSpeed';
import { round, type Spread } from './stats';

/** Target is a figure's goal: `of` names the compared figure ('value', 'ratio' or a key of `extra`). */
export interface Target {
  text: string;
  of: string;
  op: '<=' | '>=' | '==';
  limit: number;
}

/** Baseline is the reference measured in the same run (kubectl, or another fixed reference). */
export interface Baseline {
  what: string;
  value: number;
  unit: string;
  spread?: Spread;
  runs?: number[];
}

/**
 * LoadSample is the machine's 1-minute load average (os.loadavg()[0]) while a figure was
 * measured: the lowest and highest value sampled (the machines are shared: read wall times with it).
 */
export interface LoadSample {
  min: number;
  max: number;
}

/** loadNow is the 1-minute load average now. */
export function loadNow(): number {
  return os.loadavg()[0]!;
}

/**
 * LoadSampler samples loadNow() every `everyMs` from construction until `stop()`, which returns
 * the range seen (at least the samples at start and stop).
 */
export class LoadSampler {
  private readonly samples: number[] = [loadNow()];
  private readonly timer: NodeJS.Timeout;
  constructor(everyMs = 5000) {
    this.timer = setInterval(() => this.samples.push(loadNow()), everyMs);
    this.timer.unref();
  }
  stop(): LoadSample {
    clearInterval(this.timer);
    this.samples.push(loadNow());
    return { min: Math.min(...this.samples), max: Math.max(...this.samples) };
  }
}

/** Figure is what a scenario reports for one target; `met` is filled in by `finish`. */
export interface Figure {
  id: string;
  title: string;
  /** The median (or the single measured value); null when not measured. */
  value: number | null;
  unit: string;
  spread?: Spread;
  target: Target | null;
  baseline: Baseline | null;
  /** value / baseline.value (so < 1 means faster or smaller than the baseline). */
  ratio: number | null;
  /** Other computed figures a target may refer to (e.g. r2, lists). */
  extra?: Record<string, number>;
  runs: unknown[];
  notes: string[];
  /** Load average during the measurement; a scenario may set it, run.ts fills it otherwise. */
  load?: LoadSample;
  met?: boolean | null;
}

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  kubectl: string;
  os: string;
  /** The machine's own speed at the start of the run (lib/machineSpeed.ts); absent in older reports. */
  speed?: MachineSpeed;
}

export interface Report {
  machine: Machine;
  date: string;
  quick: boolean;
  only: number[] | null;
  durationS: number;
  /** Load average over the whole run (sampled every few seconds). */
  load?: LoadSample;
  /** Wall and CPU seconds per scenario (a background scenario overlaps the others). */
  timings?: ScenarioTiming[];
  scenarios: Figure[];
}

/** ScenarioTiming is one scenario's cost: CPU = the bench process + its reaped children. */
export interface ScenarioTiming {
  id: number;
  wallS: number;
  cpuS: number;
}

function compare(x: number, op: Target['op'], limit: number): boolean {
  if (op === '<=') return x <= limit;
  if (op === '>=') return x >= limit;
  return x === limit;
}

/** measureOf returns the figure a target compares, or null when it was not measured. */
function measureOf(f: Figure, of: string): number | null {
  if (of === 'value') return f.value;
  if (of === 'ratio') return f.ratio;
  const x = f.extra?.[of];
  return x === undefined ? null : x;
}

/** finish computes ratio (when missing) and met for every figure. */
export function finish(figures: Figure[]): Figure[] {
  return figures.map((f) => {
    const ratio =
      f.ratio ??
      (f.value !== null && f.baseline && f.baseline.value !== 0 ? f.value / f.baseline.value : null);
    const g: Figure = { ...f, ratio };
    const x = f.target ? measureOf(g, f.target.of) : null;
    g.met = f.target && x !== null && Number.isFinite(x) ? compare(x, f.target.op, f.target.limit) : null;
    return g;
  });
}

/** notMeasured is a figure that could not be measured, with the reason as its note. */
export function notMeasured(id: string, title: string, unit: string, target: Target, reason: string): Figure {
  return { id, title, value: null, unit, target, baseline: null, ratio: null, runs: [], notes: [reason] };
}

function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const s = Number.isInteger(x)
    ? String(x)
    : abs >= 100
      ? x.toFixed(0)
      : abs >= 10
        ? x.toFixed(1)
        : abs >= 1
          ? x.toFixed(2)
          : x.toPrecision(2);
  return unit ? `${s} ${unit}` : s;
}

/** loadCell renders a load range as "2.1–3.4" (one value when both ends round alike). */
export function loadCell(l: LoadSample | undefined): string {
  if (!l) return '—';
  const a = l.min.toFixed(1);
  const b = l.max.toFixed(1);
  return a === b ? a : `${a}–${b}`;
}

function metCell(met: boolean | null | undefined): string {
  return met === true ? 'yes' : met === false ? '**NO**' : 'n/a';
}

/** markdown renders the report as a table plus the notes of each figure. */
export function markdown(r: Report): string {
  const m = r.machine;
  const lines = [
    `# Kube Events benchmark${r.quick ? ' (quick smoke run)' : ''}`,
    '',
    `${r.date} · ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB · Node ${m.node} · kubectl ${m.kubectl} · ${m.os}` +
      ` · ${Math.round(r.durationS)} s${r.only ? ` · only ${r.only.join(',')}` : ''}` +
      (r.load ? ` · load ${loadCell(r.load)}` : ''),
    ...(m.speed ? ['', `Machine: ${describeMachineSpeed(m.speed)}.`] : []),
    '',
    'Medians over the runs; spread is min–max. Ratio = value / baseline (below 1: faster or smaller than the baseline).',
    'Generated by `npm run bench`' + (r.quick ? ' -- --quick' : '') + '; do not edit by hand.',
    '',
    'Load = the 1-minute load average (lowest–highest) sampled while the figure was measured.',
    '',
    '| # | scenario | value | spread | target | baseline | ratio | met | load |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of r.scenarios) {
    const sp = f.spread ? `${fmt(f.spread.min)}–${fmt(f.spread.max)}` : '';
    const base = f.baseline ? `${fmt(f.baseline.value, f.baseline.unit)} (${f.baseline.what})` : '—';
    const ratio =
      f.ratio === null
        ? '—'
        : f.ratio < 0.1
          ? `${f.ratio.toPrecision(2)} (${fmt(1 / f.ratio)}x)`
          : fmt(f.ratio);
    lines.push(
      `| ${f.id} | ${f.title} | ${f.value === null ? 'not measured' : fmt(f.value, f.unit)} | ${sp} | ${f.target?.text ?? '—'} | ${base} | ${ratio} | ${metCell(f.met)} | ${loadCell(f.load)} |`,
    );
  }
  if (r.timings?.length) {
    lines.push(
      '',
      'Cost per scenario (s, wall / CPU of the bench and its children): ' +
        r.timings.map((t) => `${t.id}: ${t.wallS.toFixed(0)} / ${t.cpuS.toFixed(0)}`).join(' · '),
    );
  }
  lines.push('', '## Notes', '');
  for (const f of r.scenarios) {
    if (f.notes.length === 0) continue;
    lines.push(`- **${f.id}** ${f.title}`);
    for (const n of f.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}

/** roundDeep rounds every number of a JSON-able value for a readable file. */
function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return round(v, 4);
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

/** writeReport writes latest.json and latest.md under `dir`. */
export function writeReport(dir: string, r: Report): { json: string; md: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  fs.writeFileSync(json, JSON.stringify(roundDeep(r), null, 2) + '\n');
  fs.writeFileSync(md, markdown(r));
  return { json, md };
}
