import * as assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { copyRows, MAX_COPY_ROWS, yamlScalar } from '../../../src/core/stream/copyFormat';
import { toExportRecord, toJson } from '../../../src/core/stream/export';
import { captureTimeFromName, parseExport, recordToRow, ReplayError } from '../../../src/core/stream/replay';
import { row, T0 } from './fixtures';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlc2lnbmF0dXJl';

describe('stream/copyFormat: Copy as text, JSON, YAML', () => {
  const r = row({
    id: 'a',
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting\nsecond line',
    source: 'kubelet',
    host: 'node-1',
    count: 5,
    lastSeen: T0,
    firstSeen: T0 - 60_000,
  });

  it('one event as JSON is the export record; several are an array', () => {
    assert.deepEqual(JSON.parse(copyRows('json', [r]).text), JSON.parse(JSON.stringify(toExportRecord(r))));
    const two = JSON.parse(copyRows('json', [r, row({ id: 'b' })]).text) as unknown[];
    assert.equal(two.length, 2);
  });

  it('YAML reads back as the same records, whatever the text holds', () => {
    const hostile = [
      'yes',
      'null',
      '1e3',
      '- item',
      'key: value # comment',
      'tab\tand "quotes" and \\ backslash',
      'C1 \u0085 next line, LS \u2028 PS \u2029, BOM \uFEFF, DEL \u007F',
      'lone surrogate \uD800 here',
      'emoji 😀 and CJK 漢字',
      '',
    ];
    for (const message of hostile) {
      const one = row({ id: 'h', message, reason: message, name: message });
      const expected = JSON.parse(JSON.stringify(toExportRecord(one))) as Record<string, unknown>;
      if (message.includes('\uD800')) {
        expected.message = (expected.message as string).replace('\uD800', '\uFFFD');
        expected.reason = (expected.reason as string).replace('\uD800', '\uFFFD');
        expected.name = (expected.name as string).replace('\uD800', '\uFFFD');
      }
      assert.deepEqual(load(copyRows('yaml', [one]).text), expected, JSON.stringify(message));
    }
    const list = load(copyRows('yaml', [r, row({ id: 'b' })]).text) as unknown[];
    assert.equal(list.length, 2);
    assert.equal(yamlScalar(null), 'null');
    assert.equal(yamlScalar(3), '3');
  });

  it('text names the event, indents the message, and lists count, times and the reporter', () => {
    const text = copyRows('text', [r]).text;
    const lines = text.split('\n');
    assert.equal(lines[0], 'Warning BackOff Pod/pod-a (namespace default, context prod)');
    assert.equal(lines[1], '  Back-off restarting');
    assert.equal(lines[2], '  second line');
    assert.match(lines[3]!, /count 5, first seen .*, last seen .*, from kubelet on node-1, event default\/a/);
  });

  it('never copies a credential the event text carries (redacted as in exports)', () => {
    const secret = row({
      id: 's',
      message: `pull failed: Authorization: Bearer ${TOKEN} from https://admin:hunter2pass@registry`,
    });
    for (const format of ['text', 'json', 'yaml'] as const) {
      const { text } = copyRows(format, [secret]);
      assert.ok(!text.includes(TOKEN), format);
      assert.ok(!text.includes('hunter2pass'), format);
      assert.ok(text.includes('<redacted>'), format);
    }
    assert.ok(!toJson([secret]).includes(TOKEN), 'the export is redacted the same way');
  });

  it('copies at most MAX_COPY_ROWS rows and says how many of how many', () => {
    const rows = Array.from({ length: MAX_COPY_ROWS + 5 }, (_, i) => row({ id: `r${i}` }));
    const res = copyRows('json', rows);
    assert.equal(res.copied, MAX_COPY_ROWS);
    assert.equal(res.total, MAX_COPY_ROWS + 5);
    assert.equal((JSON.parse(res.text) as unknown[]).length, MAX_COPY_ROWS);
  });
});

describe('stream/replay: an exported file read back, untrusted', () => {
  const rows = [
    row({ id: 'a', type: 'Warning', message: 'one', lastSeen: T0, firstSeen: T0 - 1000, count: 3 }),
    row({ id: 'b', lastSeen: 0, firstSeen: 0, expired: 1, source: 'kubelet', host: 'node-1' }),
  ];

  it('reads the export command output back as the same rows', () => {
    const parsed = parseExport(toJson(rows));
    assert.equal(parsed.total, 2);
    assert.equal(parsed.skipped, 0);
    const [a, b] = parsed.rows;
    assert.equal(a!.message, 'one');
    assert.equal(a!.lastSeen, T0);
    assert.equal(a!.firstSeen, T0 - 1000);
    assert.equal(a!.count, 3);
    assert.equal(a!.key, 'default/a');
    assert.equal(b!.lastSeen, 0);
    assert.equal(b!.expired, 1);
    assert.equal(b!.host, 'node-1');
    assert.notEqual(a!.id, b!.id);
    assert.deepEqual(toJson(parsed.rows), toJson(rows), 'export → replay → export is stable');
  });

  it('skips and counts each invalid record, keeping the valid ones', () => {
    const good = JSON.parse(toJson([rows[0]!])) as Record<string, unknown>[];
    const rec = good[0]!;
    const bad: unknown[] = [
      null,
      7,
      'text',
      [],
      { ...rec, message: 5 },
      { ...rec, count: -1 },
      { ...rec, count: 1.5 },
      { ...rec, count: Number.MAX_SAFE_INTEGER + 2 },
      { ...rec, lastSeen: 'yesterday' },
      { ...rec, lastSeen: 1_700_000_000_000 },
      { ...rec, expired: 'no' },
      { ...rec, reason: 'x'.repeat(1025) },
      { ...rec, message: 'x'.repeat(65_537) },
      (({ kind: _k, ...rest }) => rest)(rec),
    ];
    const parsed = parseExport(JSON.stringify([rec, ...bad, { ...rec, extra: { nested: true } }]));
    assert.equal(parsed.total, bad.length + 2);
    assert.equal(parsed.skipped, bad.length);
    assert.equal(parsed.rows.length, 2, 'unknown fields are ignored');
    assert.equal(recordToRow(rec, 0)?.reason, rows[0]!.reason);
  });

  it('refuses what is not an export: not JSON, not an array, too large', () => {
    assert.throws(() => parseExport('{not json'), ReplayError);
    assert.throws(() => parseExport('{"events": []}'), /not a Kube Events export/);
    assert.throws(() => parseExport('[]'.padEnd(101, ' '), { maxBytes: 100, maxEvents: 10 }), /larger than/);
    assert.deepEqual(parseExport('\uFEFF[]').rows, [], 'a byte-order mark is allowed');
  });

  it('keeps at most maxEvents rows and counts the rest as dropped', () => {
    const many = Array.from({ length: 12 }, (_, i) => row({ id: `m${i}` }));
    const parsed = parseExport(toJson(many), { maxBytes: 1e9, maxEvents: 10 });
    assert.equal(parsed.rows.length, 10);
    assert.equal(parsed.dropped, 2);
    assert.equal(parsed.skipped, 0);
  });

  it('reads the capture time from the default export name (UTC), else none', () => {
    assert.equal(
      captureTimeFromName('kube-events-2026-12-02T06-30-15.json'),
      Date.UTC(2026, 11, 2, 6, 30, 15),
    );
    assert.equal(captureTimeFromName('events.json'), undefined);
    assert.equal(captureTimeFromName('kube-events-2026-02-31T06-30-15.json'), undefined);
  });
});
