/**
 * literal strings: a guard for text added later without l10n. In src/host (and the composition
 * root) a message, quick pick, input box, dialog or tree item given a string literal, and in
 * src/webview a title, aria-label, placeholder or label given one, fail here: wrap it in
 * `vscode.l10n.t('…')` (host) or `t('…')` (webview) and run `npm run l10n`. A heuristic over the
 * source text, not a parser: it looks for the usual shapes, and ALLOWED names what is not words.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blankComments } from '../../../scripts/l10n-export';

const src = path.resolve(__dirname, '../../../src');

/** ALLOWED literals are not language: file format names, the product name in ids. */
const ALLOWED = new Set(['CSV', 'JSON', 'Kube Events']);

const LITERAL = String.raw`(['"\x60])((?:(?!\1)[^\\\n]|\\.)*?[A-Za-z](?:(?!\1)[^\\\n]|\\.)*)\1`;
const HOST_SHAPES = [
  new RegExp(String.raw`show(?:Information|Warning|Error)Message\(\s*` + LITERAL, 'g'),
  new RegExp(
    String.raw`\b(?:placeHolder|prompt|openLabel|title|tooltip|label|description|detail):\s*` + LITERAL,
    'g',
  ),
  new RegExp(String.raw`\.(?:description|tooltip|message|text|name)\s*=\s*` + LITERAL, 'g'),
  new RegExp(String.raw`new vscode\.TreeItem\(\s*` + LITERAL, 'g'),
];
const WEBVIEW_SHAPES = [
  new RegExp(String.raw`(?:\btitle|'aria-label'|\bplaceholder|\blabel|\bariaLabel):\s*` + LITERAL, 'g'),
  new RegExp(String.raw`\.(?:title|textContent)\s*=\s*` + LITERAL, 'g'),
  new RegExp(String.raw`setAttribute\('aria-label',\s*` + LITERAL, 'g'),
];

/** literalsIn returns `line: text` for each user-facing literal of one file's source. */
export function literalsIn(text: string, webview: boolean): string[] {
  const code = blankComments(text);
  const out: string[] = [];
  for (const re of webview ? WEBVIEW_SHAPES : HOST_SHAPES) {
    for (const m of code.matchAll(re)) {
      const value = m[2]!;
      if (ALLOWED.has(value) || value.includes('${')) continue;
      out.push(`${code.slice(0, m.index).split('\n').length}: ${value}`);
    }
  }
  return out.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? files(path.join(dir, d.name))
        : d.name.endsWith('.ts')
          ? [path.join(dir, d.name)]
          : [],
    );
}

describe('l10n: no literal user-facing text in the host or the webview', () => {
  it('finds the usual shapes (the check can fail)', () => {
    const host = [
      `void vscode.window.showInformationMessage('Kube Events: done.');`,
      `await vscode.window.showQuickPick(items, { placeHolder: "Pick one" });`,
      'item.description = `deleted`;',
      `const i = new vscode.TreeItem('Loading…');`,
      `void vscode.window.showInformationMessage(vscode.l10n.t('fine'));`,
      `{ label: 'CSV', description: vscode.l10n.t('ok') }`,
      `// placeHolder: 'in a comment'`,
    ].join('\n');
    assert.deepEqual(literalsIn(host, false), [
      '1: Kube Events: done.',
      '2: Pick one',
      '3: deleted',
      '4: Loading…',
    ]);
    const page = [
      `el('button', { title: 'Remove filter', 'aria-label': t('ok') });`,
      `this.follow.setAttribute('aria-label', 'Pause');`,
      `b.title = "Sort";`,
      `el('input', { placeholder: t('Filter') });`,
    ].join('\n');
    assert.deepEqual(literalsIn(page, true), ['1: Remove filter', '2: Pause', '3: Sort']);
  });

  it('src/host, src/container.ts and src/webview pass their text through l10n', () => {
    const found: string[] = [];
    for (const file of [...files(path.join(src, 'host')), path.join(src, 'container.ts')])
      for (const l of literalsIn(fs.readFileSync(file, 'utf8'), false))
        found.push(`${path.relative(src, file)}:${l}`);
    for (const file of files(path.join(src, 'webview')))
      for (const l of literalsIn(fs.readFileSync(file, 'utf8'), true))
        found.push(`${path.relative(src, file)}:${l}`);
    assert.deepEqual(found, []);
  });
});
