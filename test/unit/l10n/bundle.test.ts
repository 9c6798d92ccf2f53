/**
 * bundle l10n: l10n/bundle.l10n.json (what `vscode.l10n` and the webview translate from) holds
 * exactly the messages of the `l10n.t('…')` / webview `t('…')` calls in src, and the scanner
 * reads those calls the way the source means them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BUNDLE_FILE, bundleText, readLiteral, scanSources, scanText } from '../../../scripts/l10n-export';
import { englishL10n, formatMessage } from '../../../src/core/util/l10n';

function scan(text: string, webview = false): { messages: string[]; errors: string[] } {
  const messages = new Set<string>();
  const errors: string[] = [];
  scanText(text, 'f.ts', webview, messages, errors);
  return { messages: [...messages], errors };
}

describe('l10n: the English bundle', () => {
  it('is up to date with the l10n.t calls in src (run `npm run l10n` when this fails)', () => {
    const { messages, errors } = scanSources();
    assert.deepEqual(errors, []);
    const committed = fs.readFileSync(BUNDLE_FILE, 'utf8');
    const expected = bundleText(messages);
    const have = new Set(Object.keys(JSON.parse(committed) as object));
    assert.deepEqual(
      [...messages].filter((m) => !have.has(m)),
      [],
      'messages missing from l10n/bundle.l10n.json',
    );
    assert.equal(committed, expected);
  });

  it('holds the messages of host, core and webview calls', () => {
    const { messages } = scanSources();
    assert.ok(messages.size > 50, `only ${messages.size} messages`);
  });

  it('reads single, double and back-quoted literals, escapes, and calls split over lines', () => {
    const { messages, errors } = scan(
      [
        `vscode.l10n.t('It\\'s {0}', x);`,
        `l10n.t("say \\"hi\\"\\n");`,
        'l10n.t(`tick`);',
        `vscode.l10n.t(\n  // a comment\n  'On its own line: {0}',\n  y,\n);`,
        `l10n.t('\\u2026 and \\u{1F600}');`,
      ].join('\n'),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(messages, ["It's {0}", 'say "hi"\n', 'tick', 'On its own line: {0}', '… and 😀']);
  });

  it('reports a call whose message is not a literal (it could not be translated)', () => {
    const { errors } = scan('const m = "x";\nvscode.l10n.t(m);\nl10n.t(`a ${m}`);');
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /^f\.ts:2: /);
  });

  it('reads bare t() calls in the webview only, not method calls nor other names', () => {
    const text = `t('Pause'); this.t('no'); const at = 1; format(t); it('no'); t(\n 'Follow');`;
    assert.deepEqual(scan(text, true).messages, ['Pause', 'Follow']);
    assert.deepEqual(scan(text, false).messages, []);
  });

  it('skips calls quoted in comments, but not string text that looks like a comment', () => {
    const text = [
      `/** calls l10n.t('in a doc comment') */`,
      `// l10n.t('in a line comment')`,
      `const re = /"/g; l10n.t('after a regex with a quote');`,
      `l10n.t('see http://x /* y */ {0}', z); /* l10n.t('block') */`,
    ].join('\n');
    assert.deepEqual(scan(text).messages, ['after a regex with a quote', 'see http://x /* y */ {0}']);
  });

  it('readLiteral stops at the end of a one-line string', () => {
    assert.equal(readLiteral(`'open\n'`, 0), undefined);
    assert.deepEqual(readLiteral(`  'a'`, 0), { value: 'a', end: 5 });
  });

  it('formatMessage fills {N} from the arguments once, as vscode.l10n.t does', () => {
    assert.equal(formatMessage('{1} of {0} events', [10, 3]), '3 of 10 events');
    assert.equal(formatMessage('{0} and {1}', ['{1}', 'b']), '{1} and b');
    assert.equal(formatMessage('{2} stays', ['a']), '{2} stays');
    assert.equal(englishL10n.t('no args {0}'), 'no args {0}');
  });
});
