import * as assert from 'node:assert/strict';
import { finish, loadCell, markdown, type Figure, type Report } from '../../../bench/lib/results';

function figure(id: string, load?: Figure['load']): Figure {
  return {
    id,
    title: `figure ${id}`,
    value: 2,
    unit: 's',
    target: { text: '<= 1.0x floor', of: 'ratio', op: '<=', limit: 1 },
    baseline: { what: 'floor', value: 1.6, unit: 's' },
    ratio: null,
    runs: [],
    notes: [],
    ...(load ? { load } : {}),
  };
}

function report(scenarios: Figure[]): Report {
  return {
    machine: { cores: 2, memoryGiB: 8, cpu: 'cpu', node: 'v20', kubectl: '1.32', os: 'Linux' },
    date: '2026-12-02T00:00:00Z',
    quick: false,
    only: null,
    durationS: 100,
    load: { min: 1.04, max: 17.96 },
    timings: [{ id: 15, wallS: 99.6, cpuS: 40.2 }],
    scenarios: finish(scenarios),
  };
}

describe('bench results: load average next to each figure', () => {
  it('renders a range, or one value when both ends round alike', () => {
    assert.equal(loadCell({ min: 2.04, max: 3.36 }), '2.0–3.4');
    assert.equal(loadCell({ min: 2.01, max: 2.04 }), '2.0');
    assert.equal(loadCell(undefined), '—');
  });

  it("prints each figure's load in its row, the run's load in the header, and the cost per scenario", () => {
    const md = markdown(report([figure('15a', { min: 3.1, max: 4.2 }), figure('15b')]));
    const rows = md.split('\n').filter((l) => l.startsWith('| 15'));
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, /\| \*\*NO\*\* \| 3\.1–4\.2 \|$/);
    assert.match(rows[1]!, /\| — \|$/);
    assert.match(md, /· load 1\.0–18\.0\n/);
    assert.match(md, /Cost per scenario \(s, wall \/ CPU of the bench and its children\): 15: 100 \/ 40\n/);
  });

  it('keeps the load through finish (for latest.json)', () => {
    const [f] = finish([figure('1', { min: 0.5, max: 0.7 })]);
    assert.deepEqual(f!.load, { min: 0.5, max: 0.7 });
  });
});
