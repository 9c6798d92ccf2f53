import * as assert from 'node:assert/strict';
import type { ContextStatus } from '../../../src/core/cluster/status';
import type { Logger } from '../../../src/core/util/logger';
import { keyOf, LogLimiter } from '../../../src/host/logLimiter';
import { StatusLog } from '../../../src/host/contexts/statusLog';
import { FakeClock } from '../fakes/fakeClock';

interface Line {
  level: keyof Logger;
  text: string;
  at: number;
}

function recorder(clock: FakeClock): { sink: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const rec = (level: keyof Logger) => (text: string) => lines.push({ level, text, at: clock.now() });
  return { sink: { debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') }, lines };
}

const synced = (objectCount: number): ContextStatus => ({ phase: 'synced', objectCount, partial: false });
const retrying: ContextStatus = { phase: 'retrying', reason: 'ECONNRESET' };
/** The kinds whose reflectors each warn when a flapping connection drops (WATCHED_KINDS). */
const KINDS = ['namespaces', 'nodes', 'pods', 'services', 'deployments', 'replicasets'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** held sums the "N more lines" of the summary lines. */
function held(lines: readonly Line[]): number {
  let n = 0;
  for (const l of lines) {
    const m = /: (\d+) more lines? in the last/.exec(l.text);
    if (m) n += Number(m[1]);
  }
  return n;
}

describe('output channel budget (LogLimiter + StatusLog)', () => {
  it('an hour of steady state logs the start-up transitions and never an object count', () => {
    const clock = new FakeClock();
    const { sink, lines } = recorder(clock);
    const limiter = new LogLimiter({ sink, clock });
    const log = new StatusLog(limiter);
    log.update('prod', { phase: 'connecting' });
    log.update('prod', synced(100));
    for (let s = 1; s <= 3600; s++) {
      clock.advance(1000);
      // A busy cluster: the object count changes with every watch event.
      for (let i = 0; i < 10; i++) log.update('prod', synced(100 + s * 10 + i));
    }
    assert.deepEqual(
      lines.map((l) => l.text),
      ['prod: connecting…', 'prod: synced'],
    );
    limiter.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });

  it('an hour of flapping writes at most one line a minute per context, and sums up what it held back', () => {
    const clock = new FakeClock();
    const start = clock.now();
    const { sink, lines } = recorder(clock);
    const limiter = new LogLimiter({ sink, clock });
    const log = new StatusLog(limiter);
    let sent = 0;
    const update = (context: string, s: ContextStatus) => {
      if (log.update(context, s)) sent++;
    };
    update('prod', { phase: 'connecting' });
    update('prod', synced(500));
    update('staging', { phase: 'connecting' });
    update('staging', synced(50));
    // prod's connection drops every 10 s and is back 3 s later: a transition each way, and a
    // retry warning from every kind's reflector.
    for (let s = 1; s <= 3600; s++) {
      clock.advance(1000);
      if (s % 10 === 0) {
        update('prod', retrying);
        for (const k of KINDS) {
          limiter.warn(`prod · ${k}: watch failed (ECONNRESET); retry ${s / 10} in 800 ms`);
          sent++;
        }
      } else if (s % 10 === 3) update('prod', synced(500 + s));
      update('staging', synced(50 + s));
      if (s === 1800) {
        limiter.error('staging · pods: cannot apply MODIFIED event: bad object');
        sent++;
      }
    }
    // The flapping stops: prod is synced again and stays so; the last summary comes within a minute.
    clock.advance(3000);
    update('prod', synced(9999));
    clock.advance(MINUTE);

    const prod = lines.filter((l) => keyOf(l.text) === 'prod');
    const staging = lines.filter((l) => keyOf(l.text) === 'staging');
    // Without a budget this is ~360 flaps x 7 lines; with it, 3 at once and then one a minute.
    assert.ok(sent > 2500, `sent ${sent}`);
    assert.ok(prod.length <= 3 + 61, `prod wrote ${prod.length} lines`);
    assert.ok(prod.length >= 55, `prod wrote only ${prod.length} lines: summaries missing`);
    // Once its burst is spent, prod's lines are a minute apart.
    const steady = prod.filter((l) => l.at - start >= 5 * MINUTE);
    for (let i = 1; i < steady.length; i++)
      assert.ok(steady[i]!.at - steady[i - 1]!.at >= MINUTE - 1, `lines ${i - 1}, ${i} too close`);
    // Nothing vanishes: every line was written or counted in a summary.
    assert.equal(
      lines.length - lines.filter((l) => /more lines? in the last/.test(l.text)).length + held(lines),
      sent,
    );
    // A summary says what it held back, at the worst level held, and ends with the last line.
    const summary = prod.find((l) => /more lines in the last/.test(l.text))!;
    assert.equal(summary.level, 'warn');
    assert.match(
      summary.text,
      /^prod: \d+ more lines in the last 1 min not shown \(at most 1 a minute\); the last: prod/,
    );
    assert.match(prod[prod.length - 1]!.text, /the last: prod: synced$/);
    // The flapping context does not spend the other's budget: staging's error is written at once.
    assert.deepEqual(
      staging.map((l) => [l.level, l.text, (l.at - start) / 1000]),
      [
        ['info', 'staging: connecting…', 0],
        ['info', 'staging: synced', 0],
        ['error', 'staging · pods: cannot apply MODIFIED event: bad object', 1800],
      ],
    );
    limiter.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });

  it('writes a lone error at once, and a quiet context gets its burst back', () => {
    const clock = new FakeClock();
    const { sink, lines } = recorder(clock);
    const limiter = new LogLimiter({ sink, clock, burst: 2, intervalMs: MINUTE });
    for (let i = 0; i < 5; i++) limiter.warn(`prod: failure ${i}`);
    assert.deepEqual(
      lines.map((l) => l.text),
      ['prod: failure 0', 'prod: failure 1'],
    );
    clock.advance(MINUTE);
    assert.equal(lines.length, 3);
    assert.match(
      lines[2]!.text,
      /^prod: 3 more lines in the last 1 min not shown .*; the last: prod: failure 4$/,
    );
    clock.advance(HOUR);
    limiter.error('prod: broken');
    limiter.error('prod: broken again');
    assert.deepEqual(
      lines.slice(3).map((l) => l.text),
      ['prod: broken', 'prod: broken again'],
    );
    limiter.dispose();
  });

  it('bounds its keys and the quoted line, passes debug lines, and flushes on dispose', () => {
    const clock = new FakeClock();
    const { sink, lines } = recorder(clock);
    const limiter = new LogLimiter({ sink, clock, burst: 1, maxKeys: 3 });
    for (let i = 0; i < 10; i++) limiter.debug(`prod: detail ${i}`);
    assert.equal(lines.length, 10);
    limiter.info('a: one');
    limiter.info(`a: ${'x'.repeat(5000)}`);
    limiter.info('b: one');
    limiter.info('c: one');
    // A fourth key drops the least recently used one (a), writing what it held.
    limiter.info('d: one');
    const summaryA = lines.find((l) => l.text.startsWith('a: 1 more line'))!;
    assert.ok(summaryA.text.length < 500, `summary of ${summaryA.text.length} chars`);
    assert.ok(summaryA.text.endsWith('x…'));
    limiter.info('d: two');
    limiter.dispose();
    assert.match(lines[lines.length - 1]!.text, /^d: 1 more line in the last 1 min not shown/);
    assert.equal(clock.pendingTimers(), 0);
    // After dispose lines pass through (the channel closes right after).
    limiter.info('d: late');
    assert.equal(lines[lines.length - 1]!.text, 'd: late');
  });

  it('keys a line by the context that starts it', () => {
    assert.equal(keyOf('prod: synced'), 'prod');
    assert.equal(keyOf('prod · pods: watch failed (x: y)'), 'prod');
    assert.equal(
      keyOf('arn:aws:eks:eu-west-1:123:cluster/prod: retrying: ECONNRESET'),
      'arn:aws:eks:eu-west-1:123:cluster/prod',
    );
    assert.equal(keyOf('no prefix here'), '');
  });
});
