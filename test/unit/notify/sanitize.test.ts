import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_LENGTH, sanitizeText, truncate } from '../../../src/core/notify/sanitize';

describe('notify/sanitizeText', () => {
  it('turns newlines and tabs into single spaces, other controls into visible ones', () => {
    assert.equal(
      sanitizeText('a\nb\r\n\tc\u0000d\u001b[31me\u0085f\u007f'),
      'a b c\u2400d\u241b[31me<U+0085>f\u2421',
    );
  });

  it('shows bidi embeddings, overrides, isolates, marks and zero-width characters visibly', () => {
    const all = '\u202a\u202e\u2066\u2069\u200e\u200f\u061c\u200b\ufeff\u2028';
    assert.equal(
      sanitizeText(`ab${all}cd`),
      'ab<U+202A><U+202E><U+2066><U+2069><U+200E><U+200F><U+061C><U+200B><U+FEFF><U+2028>cd',
    );
    assert.equal(sanitizeText('evil\u202Etxt.exe'), 'evil<U+202E>txt.exe');
  });

  it('redacts credentials a server echoed into an event', () => {
    assert.equal(
      sanitizeText('pull from https://bob:hunter2@registry/x failed: Authorization: Bearer abc123'),
      'pull from https://***@registry/x failed: Authorization: Bearer <redacted>',
    );
  });

  it('breaks markdown-style links so no command link can be smuggled in', () => {
    const out = sanitizeText('see [here](command:workbench.action.terminal.new) or [x] (y)');
    assert.doesNotMatch(out, /\]\(/);
    assert.equal(out, 'see [here] (command:workbench.action.terminal.new) or [x] (y)');
  });

  it('truncates to the maximum with an ellipsis, in code points, never splitting a pair', () => {
    const long = 'x'.repeat(1000);
    const out = sanitizeText(long);
    assert.equal(out.length, MAX_MESSAGE_LENGTH);
    assert.ok(out.endsWith('…'));
    const emoji = '😀'.repeat(400);
    const cut = sanitizeText(emoji);
    assert.equal(Array.from(cut).length, MAX_MESSAGE_LENGTH);
    assert.equal(cut.slice(0, -1), '😀'.repeat(MAX_MESSAGE_LENGTH - 1));
    assert.equal(truncate('short', 10), 'short');
    assert.equal(truncate('abcdef', 4), 'abc…');
  });

  it('replaces lone surrogates and tolerates non-strings', () => {
    assert.equal(sanitizeText('a\ud800b'), 'a\ufffdb');
    assert.equal(sanitizeText(undefined), '');
    assert.equal(sanitizeText(42), '');
  });
});
