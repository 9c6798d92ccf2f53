/**
 * profile: reads a V8 .cpuprofile (node --cpu-prof) and summarises where the time went: self
 * time per function (top N) and per coarse category (GC, JSON, TLS/crypto, our code by module,
 * Node internals, idle).
 */
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** ProfileSummary is self time (ms) by function and by category, plus the profiled span. */
export interface ProfileSummary {
  /** Sampled time, idle excluded (percentages are of this). */
  totalMs: number;
  idleMs: number;
  top: { fn: string; ms: number; pct: number }[];
  categories: { category: string; ms: number; pct: number }[];
}

function categoryOf(fn: string, url: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return 'V8/native (program)';
  if (fn === 'parse' && url === '') return 'JSON.parse';
  if (fn === 'stringify' && url === '') return 'JSON.stringify';
  if (/tls|crypto|_tls_wrap|secure/i.test(url) || /TLSWrap|onhandshake|SecureContext/.test(fn))
    return 'TLS/crypto';
  if (url.startsWith('node:')) return `Node internals (${url.replace(/^node:internal\//, '').split('/')[0]})`;
  if (url === '') return `native: ${fn || '(anonymous)'}`;
  return `JS ${url.split('/').slice(-1)[0] || '(bundle)'}`;
}

/** summarize reads `file` and returns the top `n` functions by self time. */
export function summarize(file: string, n = 12): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>(p.nodes.map((x) => [x.id, x]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  let idle = 0;
  for (const [id, ms] of self) if (byId.get(id)!.callFrame.functionName === '(idle)') idle += ms;
  const total = [...self.values()].reduce((a, b) => a + b, 0) - idle || 1;
  const byFn = new Map<string, number>();
  const byCat = new Map<string, number>();
  for (const [id, ms] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') continue;
    const where = cf.url
      ? `${cf.url.split('/').slice(-1)[0]}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`
      : 'native';
    const key = `${cf.functionName || '(anonymous)'} @ ${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    const cat = categoryOf(cf.functionName, cf.url);
    byCat.set(cat, (byCat.get(cat) ?? 0) + ms);
  }
  const sortDesc = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total,
    idleMs: idle,
    top: sortDesc(byFn)
      .slice(0, n)
      .map(([fn, ms]) => ({ fn, ms, pct: (100 * ms) / total })),
    categories: sortDesc(byCat)
      .slice(0, 10)
      .map(([category, ms]) => ({ category, ms, pct: (100 * ms) / total })),
  };
}

/** describe renders a summary as note lines. */
export function describeProfile(s: ProfileSummary, label: string): string[] {
  return [
    `profile (${label}; ${s.totalMs.toFixed(0)} ms busy, ${s.idleMs.toFixed(0)} ms idle): ` +
      s.categories.map((c) => `${c.category} ${c.pct.toFixed(0)}%`).join(', '),
    'top self time: ' +
      s.top
        .slice(0, 8)
        .map((t) => `${t.fn} ${t.pct.toFixed(1)}%`)
        .join('; '),
  ];
}
