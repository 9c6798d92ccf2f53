import * as assert from 'node:assert/strict';
import { CSV_COLUMNS, csvCell, toCsv, toJson } from '../../../src/core/stream/export';
import { row, T0 } from './fixtures';

describe('stream/export', () => {
  it('quotes commas, quotes and newlines per RFC 4180', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line1\nline2'), '"line1\nline2"');
    assert.equal(csvCell('cr\r'), '"cr\r"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(3), '3');
    assert.equal(csvCell(true), 'true');
  });

  it('defuses formulas: = + - @ tab CR get a leading apostrophe', () => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('a=b'), 'a=b');
  });

  it('writes a header and one line per row; undated times are empty', () => {
    const csv = toCsv([
      row({ id: 'a', message: '=cmd|calc', lastSeen: T0, firstSeen: 0 }),
      row({ id: 'b', message: 'x, "y"\nz', expired: 1 }),
    ]);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.ok(lines[1]!.startsWith(`${new Date(T0).toISOString()},,Normal,prod,`));
    assert.ok(lines[1]!.includes(",'=cmd|calc,"));
    assert.ok(csv.includes('"x, ""y""\nz"'));
    assert.ok(csv.endsWith('true\r\n'));
  });

  it('JSON keeps text verbatim and times as ISO or null', () => {
    const parsed = JSON.parse(toJson([row({ id: 'a', message: '<script>', lastSeen: 0 })])) as Record<
      string,
      unknown
    >[];
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0]!.message, '<script>');
    assert.equal(parsed[0]!.lastSeen, null);
    assert.equal(parsed[0]!.expired, false);
  });
});
