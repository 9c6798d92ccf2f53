import * as assert from 'node:assert/strict';
import { ageText, countText, displayText, oneLine, ONE_LINE_MAX } from '../../../src/webview/format';
import {
  defaultUiState,
  type HostFilter,
  mergeHostFilters,
  type ObjectFilter,
} from '../../../src/protocol/events';
import {
  addChip,
  applyHostFilter,
  applyTokens,
  chipsOf,
  initialViewState,
  parseViewState,
  removeChip,
  setIncludeDescendants,
  toStreamFilter,
  type ViewState,
} from '../../../src/webview/viewState';

function objectFilter(p: Partial<ObjectFilter> = {}): ObjectFilter {
  return {
    context: 'c',
    uids: ['dep'],
    descendantUids: ['rs', 'pod-1', 'pod-2'],
    includeDescendants: true,
    label: 'Deployment/web',
    ...p,
  };
}

/** busy is a view state with every kind of filter set, a sort, a grouping and a pause. */
function busy(): ViewState {
  let s = applyTokens(initialViewState(), 'ns:web kind:Pod reason:BackOff ctx:prod oom');
  s = { ...s, ui: { ...s.ui, object: objectFilter(), sort: 'reason', group: 'owner' } };
  return { ...s, minute: { start: 60_000, context: 'prod' }, paused: true };
}

describe('webview/viewState', () => {
  it('turns ns:/kind:/reason:/ctx:/type: words into chips and keeps the rest as text', () => {
    const s = applyTokens(
      initialViewState(),
      'ns:web kind:Pod oom reason:BackOff ctx:prod type:warning killed',
    );
    assert.deepEqual(s.ui.namespaces, ['web']);
    assert.deepEqual(s.ui.kinds, ['Pod']);
    assert.deepEqual(s.ui.reasons, ['BackOff']);
    assert.deepEqual(s.ui.contexts, ['prod']);
    assert.equal(s.ui.warningsOnly, true);
    assert.equal(s.ui.text, 'oom killed');
    assert.deepEqual(
      chipsOf(s).map((c) => c.label),
      ['type: Warning', 'context: prod', 'namespace: web', 'kind: Pod', 'reason: BackOff'],
    );
  });

  it('removes a chip and only that chip', () => {
    let s = addChip(addChip(initialViewState(), 'namespace', 'a'), 'namespace', 'b');
    s = addChip(s, 'namespace', 'a');
    assert.deepEqual(s.ui.namespaces, ['a', 'b']);
    s = {
      ...s,
      ui: { ...s.ui, object: objectFilter({ uids: ['u'] }) },
      minute: { start: 0, context: 'c' },
    };
    const chips = chipsOf(s);
    assert.equal(chips.length, 4);
    s = removeChip(
      s,
      chips.find((c) => c.value === 'a')!,
    );
    assert.deepEqual(s.ui.namespaces, ['b']);
    s = removeChip(
      s,
      chips.find((c) => c.kind === 'object')!,
    );
    assert.equal(s.ui.object, null);
    assert.equal(toStreamFilter(s).minute!.context, 'c');
  });

  it('parseViewState drops malformed saved state', () => {
    assert.equal(parseViewState(undefined), undefined);
    assert.equal(parseViewState({ ui: { text: 1 } }), undefined);
    const badObject = { ...defaultUiState(), object: { ...objectFilter(), descendantUids: 'bad' } };
    assert.equal(parseViewState({ ...initialViewState(), ui: badObject }), undefined);
    const ok = parseViewState({
      ...initialViewState(),
      object: { uids: 'bad' },
      minute: { start: 'x' },
      paused: 1,
    });
    assert.deepEqual(ok, initialViewState());
  });
});

describe('webview/viewState: host filters and the descendants toggle', () => {
  it('"Show Warnings" sets Warnings only and clears every other filter, keeping sort and grouping', () => {
    const s = applyHostFilter(busy(), { clearOthers: true, warningsOnly: true });
    assert.equal(s.ui.warningsOnly, true);
    assert.deepEqual(
      chipsOf(s).map((c) => c.label),
      ['type: Warning'],
    );
    assert.equal(s.ui.text, '');
    assert.equal(s.minute, null);
    assert.equal(s.ui.sort, 'reason');
    assert.equal(s.ui.group, 'owner');
    assert.equal(s.paused, true, 'pause is left to the app (it follows after a host filter)');
  });

  it('"Show Events" sets the object filter and clears the rest, Warnings only included', () => {
    let s = applyHostFilter(busy(), { clearOthers: true, warningsOnly: true });
    const object = objectFilter({ label: 'Deployment/api', uids: ['api'] });
    s = applyHostFilter(s, { clearOthers: true, object });
    assert.deepEqual(s.ui.object, object);
    assert.equal(s.ui.warningsOnly, false);
    assert.deepEqual(
      chipsOf(s).map((c) => c.label),
      ['object: Deployment/api'],
    );
  });

  it('without clearOthers only the named filters change', () => {
    const before = busy();
    const s = applyHostFilter(before, { clearOthers: false, warningsOnly: true });
    assert.deepEqual(s, { ...before, ui: { ...before.ui, warningsOnly: true } });
    const t = applyHostFilter(before, { clearOthers: false, object: null });
    assert.deepEqual(t, { ...before, ui: { ...before.ui, object: null } });
  });

  it('mergeHostFilters of a pending filter equals applying both in order', () => {
    const filters: HostFilter[] = [
      { clearOthers: true, warningsOnly: true },
      { clearOthers: true, object: objectFilter() },
      { clearOthers: false, warningsOnly: false },
      { clearOthers: false, object: null },
      { clearOthers: false, object: objectFilter({ includeDescendants: false }), warningsOnly: true },
      { clearOthers: true },
      { clearOthers: false },
      { clearOthers: true, warningsOnly: true, contexts: ['prod'], namespaces: ['web', 'db'] },
      { clearOthers: false, contexts: ['dev'] },
      { clearOthers: false, namespaces: [] },
    ];
    for (const start of [initialViewState(), busy()]) {
      for (const a of filters) {
        for (const b of filters) {
          const stepwise = applyHostFilter(applyHostFilter(start, a), b);
          const merged = applyHostFilter(start, mergeHostFilters(a, b));
          assert.deepEqual(merged, stepwise, `${JSON.stringify(a)} then ${JSON.stringify(b)}`);
        }
      }
      assert.deepEqual(mergeHostFilters(null, filters[0]!), filters[0]);
    }
  });

  it('the object chip carries a descendants toggle that switches the uid set', () => {
    const s = applyHostFilter(initialViewState(), { clearOthers: true, object: objectFilter() });
    const chip = chipsOf(s).find((c) => c.kind === 'object')!;
    assert.deepEqual(chip.descendants, { count: 3, on: true });
    const off = setIncludeDescendants(s, false);
    assert.deepEqual(chipsOf(off).find((c) => c.kind === 'object')!.descendants, { count: 3, on: false });
    assert.equal(off.ui.object!.includeDescendants, false);
    assert.equal(setIncludeDescendants(off, false), off);
    assert.equal(setIncludeDescendants(initialViewState(), true).ui.object, null);
    // The toggle is part of the persisted UI state: it survives setState/getState (JSON).
    const restored = parseViewState(JSON.parse(JSON.stringify(off)));
    assert.equal(restored!.ui.object!.includeDescendants, false);
    assert.equal(toStreamFilter(restored!).object!.includeDescendants, false);
    // No descendants: no toggle.
    const alone = applyHostFilter(s, { clearOthers: true, object: objectFilter({ descendantUids: [] }) });
    assert.equal(chipsOf(alone)[0]!.descendants, undefined);
  });
});

describe('webview/format', () => {
  it('never renders an undated event as a date', () => {
    assert.equal(ageText(0, Date.now()), '—');
    assert.equal(countText({ count: 4, firstSeen: 0 }, 1000), 'x4');
    assert.equal(countText({ count: 4, firstSeen: 1000 }, 61_000), 'x4 over 60s');
    assert.equal(countText({ count: 1, firstSeen: 1000 }, 61_000), '');
  });

  it('shows bidi and C0 controls visibly', () => {
    assert.equal(displayText('a\u202Eb'), 'a<U+202E>b');
    assert.equal(displayText('x\u0000y\u001b'), 'x\u2400y\u241b');
    assert.equal(displayText('tab\tok'), 'tab\tok');
  });

  it('cuts a huge message for the one-line cell', () => {
    const s = oneLine('x'.repeat(1_000_000));
    assert.equal(s.length, ONE_LINE_MAX + 1);
    assert.equal(oneLine('a\nb'), 'a ⏎ b');
  });
});
