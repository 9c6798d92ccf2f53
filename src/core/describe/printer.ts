/**
 * printer: kubectl's PrefixWriter on top of Go's text/tabwriter, so our text aligns exactly as
 * `kubectl describe` output does. kubectl configures the tabwriter with minwidth 0, tabwidth 8,
 * padding 2, pad character ' ' and no flags; cells are separated by '\t' and aligned per column
 * block (a run of consecutive lines that all have a cell in that column).
 */

import { cut, TEXT_LIMITS, visibleText } from '../text/sanitize';

// Complete escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), two-byte escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/**
 * sanitize makes cluster text safe to place in a plain-text document: ANSI escape sequences are
 * removed, a stray ESC becomes `^[` and CR becomes `\r` (as kubectl's WriteEscaped prints them),
 * then the one sanitizer (core/text visibleText) shows every other control, bidi, zero-width and
 * line-separator character visibly (`<U+202E>`, C0 as Control Pictures) and lone surrogates as
 * U+FFFD. `\n` and `\t` are kept: they carry kubectl's layout.
 */
export function sanitize(text: string): string {
  return visibleText(
    text
      .replace(ANSI, '')
      // eslint-disable-next-line no-control-regex -- a stray ESC is shown, as kubectl shows it
      .replace(/\u001b/g, '^[')
      .replace(/\r/g, '\\r'),
    true,
  );
}

/** capCell bounds a table cell: a padded one at TEXT_LIMITS.describeColumn, a last one at describeLastCell. */
function capCell(cell: string, last: boolean): string {
  return cut(cell, last ? TEXT_LIMITS.describeLastCell : TEXT_LIMITS.describeColumn);
}

/** runeCount is the tabwriter's cell width: the number of code points. */
function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * alignTabs formats `text` exactly as Go's `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)` followed
 * by Flush: each '\t'-terminated cell is padded to its column block's widest cell plus 2; the
 * last cell of a line (after its last tab) is never padded. Unlike kubectl, a cell is bounded
 * (TEXT_LIMITS.describeColumn when padded, describeLastCell when last, cut with "…"): one
 * 1 MB cell would otherwise pad every line of its block to 1 MB.
 */
export function alignTabs(text: string, padding = 2): string {
  const lines = text
    .split('\n')
    .map((l) => l.split('\t').map((c, j, all) => capCell(c, j === all.length - 1)));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      cells.forEach((cell, j) => {
        out.push(cell);
        if (j < widths.length && j < cells.length - 1) out.push(' '.repeat(widths[j]! - runeCount(cell)));
      });
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let at = line0; at < line1; at++) {
      if (column >= lines[at]!.length - 1) continue;
      writeLines(line0, at);
      line0 = at;
      let width = 0;
      for (; at < line1; at++) {
        const cells = lines[at]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]!) + padding);
      }
      widths.push(width);
      format(line0, at);
      widths.pop();
      line0 = at;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

/** Indentation levels, two spaces each, as kubectl's LEVEL_0 .. LEVEL_4. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * DescribeWriter is kubectl's PrefixWriter: `write(level, text)` prefixes the text (not each of
 * its lines) with two spaces per level and queues it for alignment; `flush` aligns what is
 * queued; `text()` flushes and returns the document. Every write is sanitized first.
 */
export class DescribeWriter {
  private readonly done: string[] = [];
  private pending = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + sanitize(text);
  }

  /** writeLine ends the current line with `text` (Go's Fprintln). */
  writeLine(text: string): void {
    this.write(LEVEL_0, `${text}\n`);
  }

  flush(): void {
    if (this.pending === '') return;
    this.done.push(alignTabs(this.pending));
    this.pending = '';
  }

  text(): string {
    this.flush();
    return this.done.join('');
  }
}
