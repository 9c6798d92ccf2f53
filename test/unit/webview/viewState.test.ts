import * as assert from 'node:assert/strict';
import { ageText, countText, displayText, oneLine, ONE_LINE_MAX } from '../../../src/webview/format';
import {
  addChip,
  applyTokens,
  chipsOf,
  initialViewState,
  parseViewState,
  removeChip,
  toStreamFilter,
} from '../../../src/webview/viewState';

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
      object: { context: 'c', uids: ['u'], label: 'Deployment/web' },
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
    assert.equal(s.object, null);
    assert.equal(toStreamFilter(s).minute!.context, 'c');
  });

  it('parseViewState drops malformed saved state', () => {
    assert.equal(parseViewState(undefined), undefined);
    assert.equal(parseViewState({ ui: { text: 1 } }), undefined);
    const ok = parseViewState({
      ...initialViewState(),
      object: { uids: 'bad' },
      minute: { start: 'x' },
      paused: 1,
    });
    assert.deepEqual(ok, initialViewState());
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
