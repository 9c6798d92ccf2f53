import * as assert from 'node:assert/strict';
import { deletePreset, parsePresets, presetNameProblem, savePreset } from '../../../src/core/stream/presets';
import { PresetStore, PRESETS_KEY } from '../../../src/host/webviews/presetStore';
import {
  defaultUiState,
  type FilterPreset,
  isHostMessage,
  isWebviewMessage,
  LIMITS,
  parseUiState,
  type UiState,
} from '../../../src/protocol/events';
import {
  addChip,
  applyHostFilter,
  applyPreset,
  applyTokens,
  chipsOf,
  initialViewState,
  parseViewState,
  removeChip,
  setTimeRange,
  toStreamFilter,
} from '../../../src/webview/viewState';

const ui = (p: Partial<UiState> = {}): UiState => ({ ...defaultUiState(), ...p });

describe('presets: saved filter sets, bounded', () => {
  it('saves, replaces by name (trimmed) and deletes; never keeps the object filter', () => {
    const object = {
      context: 'c',
      uids: ['u'],
      descendantUids: [],
      includeDescendants: false,
      label: 'Pod/x',
    };
    let list = savePreset([], ' prod warnings ', ui({ warningsOnly: true, contexts: ['prod'], object }));
    assert.equal(list[0]!.name, 'prod warnings');
    assert.equal(list[0]!.ui.object, null);
    list = savePreset(list, 'other', ui({ text: 'x' }));
    list = savePreset(list, 'prod warnings', ui({ sources: ['kubelet'] }));
    assert.deepEqual(
      list.map((p) => p.name),
      ['prod warnings', 'other'],
    );
    assert.deepEqual(list[0]!.ui.sources, ['kubelet']);
    assert.deepEqual(
      deletePreset(list, 'prod warnings').map((p) => p.name),
      ['other'],
    );
  });

  it('bounds the name length and the number of presets', () => {
    assert.ok(presetNameProblem('   '));
    assert.ok(presetNameProblem('x'.repeat(LIMITS.maxPresetName + 1)));
    assert.equal(presetNameProblem('x'.repeat(LIMITS.maxPresetName)), undefined);
    assert.throws(() => savePreset([], 'x'.repeat(LIMITS.maxPresetName + 1), ui()), /At most/);
    let list: FilterPreset[] = [];
    for (let i = 0; i < LIMITS.maxPresets; i++) list = savePreset(list, `p${i}`, ui());
    assert.throws(() => savePreset(list, 'one more', ui()), /delete one first/);
    assert.equal(
      savePreset(list, 'p3', ui({ text: 'y' })).length,
      LIMITS.maxPresets,
      'replacing still works',
    );
  });

  it('reads a stored list as untrusted: invalid entries, repeats and the excess are dropped', () => {
    const good = { name: 'a', ui: ui() };
    const stored = [
      good,
      { name: 'a', ui: ui({ text: 'dup' }) },
      { name: '', ui: ui() },
      { name: 'b', ui: { ...ui(), sort: 'nonsense' } },
      {
        name: 'c',
        ui: ui({
          object: { context: 'c', uids: [], descendantUids: [], includeDescendants: false, label: 'x' },
        }),
      },
      null,
      ...Array.from({ length: LIMITS.maxPresets + 3 }, (_, i) => ({ name: `n${i}`, ui: ui() })),
    ];
    const list = parsePresets(stored);
    assert.equal(list.length, LIMITS.maxPresets);
    assert.deepEqual(list[0], good);
    assert.equal(list.filter((p) => p.name === 'a').length, 1);
    assert.deepEqual(parsePresets('nope'), []);
  });

  it('PresetStore writes to the memento and tells every page', async () => {
    const data = new Map<string, unknown>();
    const store = new PresetStore({
      get: (k) => data.get(k),
      update: async (k, v) => void data.set(k, v),
    });
    const seen: string[][] = [];
    store.onDidChange((l) => seen.push(l.map((p) => p.name)));
    await store.save('one', ui());
    await store.save('two', ui());
    await store.delete('one');
    assert.deepEqual(
      store.list().map((p) => p.name),
      ['two'],
    );
    assert.deepEqual(
      (data.get(PRESETS_KEY) as FilterPreset[]).map((p) => p.name),
      ['two'],
    );
    assert.deepEqual(seen, [['one'], ['one', 'two'], ['two']]);
    data.set(PRESETS_KEY, { not: 'a list' });
    assert.deepEqual(store.list(), []);
  });
});

describe('view state: time range, source and host chips, presets', () => {
  it('reads UI state saved before time ranges and source/host filters existed', () => {
    const { sources: _s, hosts: _h, timeRange: _t, ...old } = ui({ contexts: ['prod'] });
    const up = parseUiState(old);
    assert.deepEqual(up, ui({ contexts: ['prod'] }));
    assert.deepEqual(
      parseViewState({ ui: old, minute: null, paused: false })?.ui,
      ui({ contexts: ['prod'] }),
    );
    assert.equal(parseUiState({ ...old, timeRange: { mode: 'custom', from: 5, to: 1 } }), undefined);
    assert.equal(parseUiState({ ...old, timeRange: { mode: 'week', from: 0, to: 0 } }), undefined);
  });

  it('source and host are chips like the others, from row links and from source:/from:/host: words', () => {
    let v = addChip(initialViewState(), 'source', 'kubelet');
    v = addChip(v, 'host', 'node-1');
    assert.deepEqual(
      chipsOf(v).map((c) => c.label),
      ['source: kubelet', 'host: node-1'],
    );
    const f = toStreamFilter(v);
    assert.deepEqual([f.sources, f.hosts], [['kubelet'], ['node-1']]);
    v = removeChip(v, chipsOf(v)[0]!);
    assert.deepEqual(v.ui.sources, []);
    const t = applyTokens(initialViewState(), 'source:kubelet from:default-scheduler host:node-2 oom');
    assert.deepEqual(t.ui.sources, ['kubelet', 'default-scheduler']);
    assert.deepEqual(t.ui.hosts, ['node-2']);
    assert.equal(t.ui.text, 'oom');
  });

  it('a time range shows as a removable chip, resolves against the anchor, and clears the bar filter', () => {
    const withBar = { ...initialViewState(), minute: { start: 0, context: '' } };
    const v = setTimeRange(withBar, { mode: '15m', from: 0, to: 0 });
    assert.equal(v.minute, null);
    const chip = chipsOf(v).find((c) => c.kind === 'range');
    assert.equal(chip?.label, 'range: Last 15 min');
    assert.deepEqual(toStreamFilter(v, 1_000_000).time, { from: 1_000_000 - 900_000, to: Infinity });
    assert.equal(removeChip(v, chip!).ui.timeRange.mode, 'all');
    assert.equal(toStreamFilter(initialViewState()).time, null);
  });

  it('"Show Events" (clearOthers) resets the range and the source/host chips too', () => {
    let v = setTimeRange(initialViewState(), { mode: '5m', from: 0, to: 0 });
    v = addChip(addChip(v, 'source', 'kubelet'), 'host', 'n');
    const cleared = applyHostFilter(v, { clearOthers: true, warningsOnly: true });
    assert.equal(cleared.ui.timeRange.mode, 'all');
    assert.deepEqual([cleared.ui.sources, cleared.ui.hosts], [[], []]);
    const kept = applyHostFilter(v, { clearOthers: false, warningsOnly: true });
    assert.equal(kept.ui.timeRange.mode, '5m');
  });

  it('applying a preset replaces filters, sort and grouping, and drops the object filter', () => {
    const object = {
      context: 'c',
      uids: ['u'],
      descendantUids: [],
      includeDescendants: false,
      label: 'Pod/x',
    };
    const v = { ...initialViewState(), ui: ui({ object, text: 'old' }), paused: true };
    const p: FilterPreset = {
      name: 'p',
      ui: ui({ kinds: ['Pod'], group: 'owner', timeRange: { mode: '1h', from: 0, to: 0 } }),
    };
    const next = applyPreset(v, p);
    assert.deepEqual(next.ui, p.ui);
    assert.equal(next.paused, true);
  });
});

describe('protocol: the new messages are validated', () => {
  it('copy, savePreset and deletePreset from the page', () => {
    assert.ok(isWebviewMessage({ type: 'copy', format: 'yaml', ids: ['a'] }));
    assert.ok(!isWebviewMessage({ type: 'copy', format: 'xml', ids: ['a'] }));
    assert.ok(!isWebviewMessage({ type: 'copy', format: 'json', ids: [1] }));
    assert.ok(isWebviewMessage({ type: 'savePreset', ui: ui() }));
    assert.ok(!isWebviewMessage({ type: 'savePreset', ui: { ...ui(), timeRange: null } }));
    assert.ok(isWebviewMessage({ type: 'deletePreset', name: '' }));
    assert.ok(isWebviewMessage({ type: 'deletePreset', name: 'x' }));
    assert.ok(!isWebviewMessage({ type: 'deletePreset', name: 'x'.repeat(LIMITS.maxPresetName + 1) }));
  });

  it('presets, focusFilter and replay from the host', () => {
    assert.ok(isHostMessage({ type: 'presets', presets: [{ name: 'a', ui: ui() }] }));
    assert.ok(!isHostMessage({ type: 'presets', presets: [{ name: '', ui: ui() }] }));
    const many = Array.from({ length: LIMITS.maxPresets + 1 }, (_, i) => ({ name: `p${i}`, ui: ui() }));
    assert.ok(!isHostMessage({ type: 'presets', presets: many }));
    assert.ok(isHostMessage({ type: 'focusFilter' }));
    assert.ok(
      isHostMessage({ type: 'replay', info: { file: 'f.json', capturedAt: 1, total: 2, skipped: 0 } }),
    );
    assert.ok(!isHostMessage({ type: 'replay', info: { file: 3, capturedAt: 1, total: 2, skipped: 0 } }));
  });
});
