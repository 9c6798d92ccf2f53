// l10n-export: writes l10n/bundle.l10n.json, the English bundle of every message the extension
// localizes at run time, from the source: each `l10n.t('…')` call in src (the host's
// `vscode.l10n.t`, core's injected Localizer) and each `t('…')` call in src/webview (its l10n.ts
// helper). The message is its own key, as `vscode.l10n.t` wants. Translators copy the file to
// bundle.l10n.<locale>.json. No dependency: a small scanner that knows string literals and
// comments. Run: npx tsx scripts/l10n-export.ts  (--check: exit 1 when the committed bundle
// differs, without writing).
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
/** BUNDLE_FILE is the bundle package.json's `"l10n": "./l10n"` points VS Code at. */
export const BUNDLE_FILE = path.join(root, 'l10n', 'bundle.l10n.json');

/** L10nScan is what a scan found: the messages, and the calls whose message is not a literal. */
export interface L10nScan {
  readonly messages: ReadonlySet<string>;
  /** `file:line: …` for each call the scanner cannot read (a variable, a template with `${}`). */
  readonly errors: readonly string[];
}

/** CALLS: `l10n.t(` anywhere; a bare `t(` (the webview helper) in src/webview only. */
const L10N_CALL = /\bl10n\.t\(/g;
const WEBVIEW_CALL = /(?<![\w.$])t\(/g;

/**
 * readLiteral reads the string literal starting at `text[at]` ('…', "…" or `…` without `${`),
 * after whitespace and comments. Returns its value and end, or undefined when there is none.
 */
export function readLiteral(text: string, at: number): { value: string; end: number } | undefined {
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i))
      i = text.indexOf('*/', i) === -1 ? text.length : text.indexOf('*/', i) + 2;
    else break;
  }
  const quote = text[i];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  let value = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === quote) return { value, end: j + 1 };
    if (quote === '`' && c === '$' && text[j + 1] === '{') return undefined;
    if (c === '\n' && quote !== '`') return undefined;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const n = text[++j];
    if (n === undefined) return undefined;
    if (n === 'n') value += '\n';
    else if (n === 't') value += '\t';
    else if (n === 'r') value += '\r';
    else if (n === '\n') value += '';
    else if (n === 'u') {
      const braced = text[j + 1] === '{';
      const hex = braced ? text.slice(j + 2, text.indexOf('}', j)) : text.slice(j + 1, j + 5);
      value += String.fromCodePoint(parseInt(hex, 16));
      j += braced ? hex.length + 2 : 4;
    } else value += n;
  }
  return undefined;
}

/**
 * blankComments replaces the text of line and block comments with spaces (newlines kept, so
 * line numbers hold), leaving string and template literals alone: a doc comment that quotes a
 * call is not a call.
 */
export function blankComments(text: string): string {
  const out = text.split('');
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      // A quote in a regex literal opens no string beyond its line.
      else if (c === quote || (c === '\n' && quote !== '`')) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end =
        text[i + 1] === '/'
          ? text.indexOf('\n', i) === -1
            ? text.length
            : text.indexOf('\n', i)
          : text.indexOf('*/', i + 2) === -1
            ? text.length
            : text.indexOf('*/', i + 2) + 2;
      for (let j = i; j < end; j++) if (out[j] !== '\n') out[j] = ' ';
      i = end - 1;
    }
  }
  return out.join('');
}

/** scanText adds the messages of one file's text to `messages`; unreadable calls go to `errors`. */
export function scanText(
  text: string,
  file: string,
  webview: boolean,
  messages: Set<string>,
  errors: string[],
): void {
  text = blankComments(text);
  for (const re of webview ? [L10N_CALL, WEBVIEW_CALL] : [L10N_CALL]) {
    for (const m of text.matchAll(re)) {
      const start = m.index + m[0].length;
      const lit = readLiteral(text, start);
      if (lit) messages.add(lit.value);
      else {
        const line = text.slice(0, m.index).split('\n').length;
        errors.push(`${file}:${line}: the message of ${m[0]}…) is not a string literal`);
      }
    }
  }
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? sourceFiles(path.join(dir, d.name))
        : d.name.endsWith('.ts') && !d.name.endsWith('.d.ts')
          ? [path.join(dir, d.name)]
          : [],
    )
    .sort();
}

/** scanSources scans every .ts file under `srcDir` (default: the repository's src). */
export function scanSources(srcDir = path.join(root, 'src')): L10nScan {
  const messages = new Set<string>();
  const errors: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const rel = path.relative(srcDir, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    // The helper's own file defines `t`; it calls nothing to export.
    if (rel === 'webview/l10n.ts') continue;
    scanText(text, rel, rel.startsWith('webview/'), messages, errors);
  }
  return { messages, errors };
}

/** bundleText is the bundle's file content: each message its own key, sorted, 2-space JSON. */
export function bundleText(messages: Iterable<string>): string {
  const sorted = [...new Set(messages)].sort();
  return JSON.stringify(Object.fromEntries(sorted.map((m) => [m, m])), null, 2) + '\n';
}

function main(): void {
  const scan = scanSources();
  if (scan.errors.length > 0) {
    console.error(scan.errors.join('\n'));
    process.exit(1);
  }
  const text = bundleText(scan.messages);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE_FILE) ? fs.readFileSync(BUNDLE_FILE, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(root, BUNDLE_FILE)} is out of date: run npm run l10n`);
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(BUNDLE_FILE), { recursive: true });
  fs.writeFileSync(BUNDLE_FILE, text);
  console.log(`${path.relative(root, BUNDLE_FILE)}: ${scan.messages.size} messages`);
}

if (require.main === module) main();
