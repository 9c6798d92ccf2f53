// The browser scenarios. Each opens a fresh page (see run.ts) and drives it like the host would.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { defaultUiState, type EventRow, type HostFilter, type UiState } from '../../src/protocol/events';
import { l10nScenarios } from './l10nScenarios';
import type { Harness, Theme } from './run';

/** TestWindow is what pageInit.ts puts on window. */
interface TestWindow {
  __posted: { type: string; [k: string]: unknown }[];
  __csp: string[];
  __pwned?: number;
  __row(p: Partial<EventRow>): EventRow;
  __makeRows(n: number, now: number): EventRow[];
  __send(m: unknown): void;
  __snapshot(rows: EventRow[], ui?: unknown): void;
  __frame(): Promise<number>;
}
const w = () => window as unknown as TestWindow;

const ROW_HEIGHT = 22;
const OVERSCAN = 8;

async function domRows(page: Page): Promise<number> {
  return page.locator('.viewport .row').count();
}

async function status(page: Page): Promise<string> {
  return (await page.locator('.status').textContent()) ?? '';
}

async function load(page: Page, n: number): Promise<void> {
  await page.evaluate((count) => {
    const t = w();
    t.__snapshot(t.__makeRows(count, Date.now()));
  }, n);
  await page.waitForFunction(
    (count) => document.querySelector('.status')?.textContent === `${count.toLocaleString('en-US')} events`,
    n,
  );
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** DEPLOYMENT_WEB is "Show Events" on Deployment/web of the sample (its ReplicaSet has no events). */
const DEPLOYMENT_WEB = {
  clearOthers: true,
  object: {
    context: 'prod',
    uids: ['dep-web'],
    descendantUids: ['rs-web', 'p1', 'p2'],
    includeDescendants: true,
    label: 'Deployment/web',
  },
} as const satisfies HostFilter;

/** NON_EMPTY_BAR is a timeline bar with events (the newest minute may have none yet). */
const NON_EMPTY_BAR = '.tl-bar:not([title$=": 0 warnings, 0 normal"])';

/** A small, realistic set for screenshots and behaviour checks. */
function sampleRows(now: number): Partial<EventRow>[] {
  const m = 60_000;
  const dep = { ownerKind: 'Deployment', ownerName: 'web', ownerUid: 'dep-web' };
  return [
    {
      id: 'a',
      type: 'Warning',
      reason: 'BackOff',
      kind: 'Pod',
      name: 'web-7d9f-abcde',
      namespace: 'shop',
      message: 'Back-off restarting failed container app in pod web-7d9f-abcde_shop(1f2e)',
      count: 37,
      lastSeen: now - 20_000,
      firstSeen: now - 42 * m,
      uid: 'p1',
      ...dep,
    },
    {
      id: 'b',
      type: 'Warning',
      reason: 'BackOff',
      kind: 'Pod',
      name: 'web-7d9f-fghij',
      namespace: 'shop',
      message: 'Back-off restarting failed container app in pod web-7d9f-fghij_shop(3c4d)',
      count: 12,
      lastSeen: now - 45_000,
      firstSeen: now - 30 * m,
      uid: 'p2',
      ...dep,
    },
    {
      id: 'c',
      type: 'Normal',
      reason: 'Pulled',
      kind: 'Pod',
      name: 'api-5c6b-klmno',
      namespace: 'shop',
      message: 'Container image "registry.example.com/api:1.42.0" already present on machine',
      lastSeen: now - 2 * m,
      firstSeen: now - 2 * m,
      uid: 'p3',
    },
    {
      id: 'd',
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      message: 'Scaled up replica set web-7d9f to 3',
      source: 'deployment-controller',
      lastSeen: now - 5 * m,
      firstSeen: now - 5 * m,
      uid: 'dep-web',
    },
    {
      id: 'e',
      type: 'Warning',
      reason: 'FailedScheduling',
      kind: 'Pod',
      name: 'batch-x1',
      namespace: 'jobs',
      context: 'staging',
      message:
        '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      source: 'default-scheduler',
      lastSeen: now - 9 * m,
      firstSeen: now - 15 * m,
      count: 4,
      uid: 'p4',
    },
    {
      id: 'f',
      type: 'Normal',
      reason: 'Started',
      kind: 'Pod',
      name: 'api-5c6b-klmno',
      namespace: 'shop',
      message: 'Started container api',
      lastSeen: now - 12 * m,
      firstSeen: now - 12 * m,
      uid: 'p3',
    },
    {
      id: 'g',
      type: 'Warning',
      reason: 'Unhealthy',
      kind: 'Pod',
      name: 'db-0',
      namespace: 'data',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      lastSeen: now - 18 * m,
      firstSeen: now - 50 * m,
      count: 9,
      uid: 'p5',
      expired: 1,
      expiredAt: now - 60_000,
    },
    {
      id: 'h',
      type: 'Normal',
      reason: 'NodeReady',
      kind: 'Node',
      name: 'worker-2',
      namespace: '',
      message: 'Node worker-2 status is now: NodeReady',
      source: 'kubelet',
      host: 'worker-2',
      lastSeen: now - 27 * m,
      firstSeen: now - 27 * m,
      uid: 'n2',
    },
    {
      id: 'i',
      type: 'Normal',
      reason: 'Created',
      kind: 'Job',
      name: 'nightly-29',
      namespace: 'jobs',
      context: 'staging',
      message: 'Created pod: nightly-29-q8x7z',
      source: 'job-controller',
      lastSeen: now - 33 * m,
      firstSeen: now - 33 * m,
      uid: 'j1',
    },
    {
      id: 'j',
      type: 'Normal',
      reason: 'Scheduled',
      kind: 'Pod',
      name: 'cache-1',
      namespace: 'data',
      message: 'Successfully assigned data/cache-1 to worker-1',
      source: 'default-scheduler',
      lastSeen: 0,
      firstSeen: 0,
      uid: 'p6',
    },
  ];
}

/** sendSample sends the sample as a snapshot carrying the host's saved UI state, if any. */
async function sendSample(page: Page, ui: UiState | null = null): Promise<void> {
  await page.evaluate(
    ([rows, saved]) => {
      const t = w();
      t.__snapshot(
        rows.map((r) => t.__row({ ...r, key: `ns/${r.id}` })),
        saved,
      );
    },
    [sampleRows(Date.now()), ui] as const,
  );
}

async function loadSample(page: Page): Promise<void> {
  await sendSample(page);
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === '10 events');
}

/** send posts a message as the host would. */
async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => w().__send(m), message);
}

async function statusIs(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('.status')?.textContent === t, text);
}

export const scenarios: Record<string, (h: Harness) => Promise<void>> = {
  async '100,000 rows keep a bounded DOM; scrolling recycles rows'(h) {
    const page = await h.open('vscode-dark', 1200, 720);
    const t = Date.now();
    await load(page, 100_000);
    h.figures['snapshot of 100,000 rows to a complete list (from the test, incl. row generation)'] =
      `${Date.now() - t} ms`;
    const viewport = await page.locator('.viewport').evaluate((e) => e.clientHeight);
    const bound = Math.ceil(viewport / ROW_HEIGHT) + 1 + 2 * OVERSCAN;
    const counts: number[] = [await domRows(page)];
    for (const frac of [0.25, 0.5, 0.999]) {
      await page.locator('.viewport').evaluate((e, f) => {
        e.scrollTop = e.scrollHeight * f;
      }, frac);
      await page.evaluate(() => w().__frame());
      counts.push(await domRows(page));
    }
    for (const c of counts) assert.ok(c > 0 && c <= bound, `DOM rows ${c} > bound ${bound}`);
    assert.equal(await page.locator('.grid').getAttribute('aria-rowcount'), '100001');
    const last = await page.locator('.viewport .row').last().getAttribute('aria-rowindex');
    assert.ok(Number(last) > 99_000, `scrolled to the end: last row index ${last}`);
    h.figures['DOM rows at 100,000 events'] =
      `${Math.max(...counts)} (viewport ${viewport}px, bound ${bound})`;
  },

  async 'shown again: the newest screenful paints before the rest of a 100,000-row snapshot'(h) {
    const page = await h.open('vscode-dark', 1200, 720);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    const before = await heap();
    await page.evaluate(() => {
      (window as unknown as { __rows: EventRow[] }).__rows = w().__makeRows(100_000, Date.now());
    });
    const r = await page.evaluate(async () => {
      const t = w();
      const rows = (window as unknown as { __rows?: EventRow[] }).__rows!;
      delete (window as unknown as { __rows?: EventRow[] }).__rows;
      const statusText = () => document.querySelector('.status')?.textContent ?? '';
      const top = () =>
        Array.from(document.querySelectorAll('.viewport .row'))
          .sort((a, b) => Number((a as HTMLElement).dataset.index) - Number((b as HTMLElement).dataset.index))
          .slice(0, 20)
          .map((e) => e.querySelector('.cell.message')?.textContent);
      let first = 0;
      let firstStatus = '';
      let firstTop: (string | null | undefined)[] = [];
      const t0 = performance.now();
      const done = new Promise<number>((resolve) => {
        const watch = () => {
          if (!first && document.querySelector('.viewport .row')) {
            first = performance.now() - t0;
            firstStatus = statusText();
            firstTop = top();
          }
          if (statusText() === '100,000 events') resolve(performance.now() - t0);
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      });
      t.__snapshot(rows);
      const complete = await done;
      await t.__frame();
      return { first, complete, firstStatus, firstTop, finalTop: top() };
    });
    h.figures['snapshot of 100,000 rows → first rows painted'] = `${r.first.toFixed(0)} ms`;
    h.figures['snapshot of 100,000 rows → all rows in the list'] = `${r.complete.toFixed(0)} ms`;
    assert.match(r.firstStatus, /^1,0\d\d events, loading…$/, `the newest rows first: "${r.firstStatus}"`);
    assert.deepEqual(r.firstTop, r.finalTop, 'the first paint was the top of the full list');
    assert.ok(r.first < r.complete, `first ${r.first} ms, complete ${r.complete} ms`);
    assert.equal(await page.locator('.grid').getAttribute('aria-busy'), 'false');
    // What retainContextWhenHidden would keep alive per hidden view: the page's heap for the rows.
    const held = ((await heap()) - before) / 2 ** 20;
    h.figures['page heap for 100,000 rows (what retaining a hidden view would keep)'] =
      `${held.toFixed(0)} MiB`;
  },

  // The <= 50 ms keystroke target is bench scenario 5 (a figure here, not an assertion: on a
  // shared 2-core machine under load a wall-time assertion fails for no fault of the code).
  async 'a filter keystroke at 100,000 rows narrows the list and highlights matches (timing: bench 5)'(h) {
    const page = await h.open('vscode-dark', 1200, 720);
    await load(page, 100_000);
    await page.locator('.search').focus();
    const times = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('.search')!;
      const keys = [...'node-1 attemp'].map((c) => ({ add: c }));
      const seq: ({ add: string } | { back: true })[] = [
        ...keys.slice(0, 10),
        ...Array(10).fill({ back: true }),
      ];
      const out: number[] = [];
      for (const k of seq) {
        await w().__frame();
        const t0 = performance.now();
        input.value = 'add' in k ? input.value + k.add : input.value.slice(0, -1);
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        const t1 = await w().__frame();
        out.push(t1 - t0);
      }
      return out;
    });
    const med = percentile(times, 50);
    const p95 = percentile(times, 95);
    h.figures['filter keystroke → painted frame at 100,000 rows (20 keystrokes)'] =
      `median ${med.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
    // The text narrowed the list, and matches are highlighted with <mark>.
    await page.locator('.search').fill('node-1');
    await page.evaluate(() => w().__frame());
    assert.ok((await page.locator('.viewport mark').count()) > 0);
    assert.match(await status(page), /of 100,000 events/);
    const warnings = await page.evaluate(async () => {
      document.querySelector<HTMLInputElement>('.search')!.value = '';
      document.querySelector<HTMLInputElement>('.search')!.dispatchEvent(new InputEvent('input'));
      await w().__frame();
      const t0 = performance.now();
      document.querySelector<HTMLButtonElement>('.tool[title="Show Warnings only"]')!.click();
      return (await w().__frame()) - t0;
    });
    h.figures['Warnings-only click → painted frame at 100,000 rows'] = `${warnings.toFixed(1)} ms`;
    // "Show Events" on an object with 199 descendants, then its toggle, off and on.
    const uids = Array.from({ length: 200 }, (_, i) => `uid-${i}`);
    await send(page, {
      type: 'setFilter',
      filter: {
        clearOthers: true,
        object: {
          context: 'ctx-0',
          uids: uids.slice(0, 1),
          descendantUids: uids.slice(1),
          includeDescendants: true,
          label: 'Deployment/web-1',
        },
      },
    });
    await page.waitForSelector('.chip-toggle[aria-pressed="true"]');
    const withAll = await status(page);
    const toggles = await page.evaluate(async () => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) {
        await w().__frame();
        const t0 = performance.now();
        document.querySelector<HTMLButtonElement>('.chip-toggle')!.click();
        out.push((await w().__frame()) - t0);
      }
      return out;
    });
    assert.equal(await status(page), withAll, 'an even number of toggles is back where it started');
    // Clicks alternate off (narrows the last result) and on (scans every row).
    const offs = toggles.filter((_, i) => i % 2 === 0);
    const ons = toggles.filter((_, i) => i % 2 === 1);
    h.figures['descendants toggle → painted frame at 100,000 rows (3 off, 3 on)'] =
      `off median ${percentile(offs, 50).toFixed(1)} ms, on median ${percentile(ons, 50).toFixed(1)} ms, ` +
      `max ${Math.max(...toggles).toFixed(1)} ms (${withAll} with descendants)`;
  },

  async 'hostile events render inert (no script, no element, no CSP violation)'(h) {
    const page = await h.open('vscode-dark');
    const payloads = await page.evaluate(() => {
      const t = w();
      const pwn = 'window.__pwned=1';
      const hostile = [
        `<img src=x onerror="${pwn}">`,
        `<script>${pwn}</script>`,
        `<svg onload="${pwn}"></svg>`,
        `"><iframe src="javascript:${pwn}"></iframe>`,
        'bad utf-8: \uFFFD\uFFFD and a lone surrogate \uD800 here',
        'RTL override: file\u202Egnp.exe and isolate \u2067x\u2069',
        'C0 controls: \u0000\u0007\u001b[31mred\u001b[0m',
      ];
      const rows = hostile.map((m, i) =>
        t.__row({
          id: `h${i}`,
          key: `ns/h${i}`,
          type: 'Warning',
          message: m,
          reason: m.slice(0, 40),
          name: `<b onmouseover="${pwn}">n${i}</b>`,
          namespace: `<img src=x onerror="${pwn}">`,
          context: `ctx"><script>${pwn}</script>`,
          source: m,
          lastSeen: i % 2 ? 0 : Date.now(),
          firstSeen: 0,
        }),
      );
      rows.push(
        t.__row({
          id: 'big',
          key: 'ns/big',
          message: `<img src=x onerror="${pwn}">`.padEnd(1_048_576, 'A'),
          lastSeen: 0,
          firstSeen: 0,
        }),
      );
      t.__snapshot(rows);
      t.__send({
        type: 'setFilter',
        filter: {
          clearOthers: true,
          object: {
            context: 'c',
            uids: ['x'],
            descendantUids: ['y'],
            includeDescendants: true,
            label: `<img src=x onerror="${pwn}">`,
          },
        },
      });
      return hostile;
    });
    // The hostile object label is a chip's text, its toggle's label is text too.
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '0 of 8 events');
    assert.equal(
      await page.locator('.chip[data-kind="object"] .chip-label').textContent(),
      'object: <img src=x onerror="window.__pwned=1">',
    );
    assert.equal(await page.locator('.chips img').count(), 0);
    await page.locator('.chip-toggle').click();
    await page.evaluate(() => w().__send({ type: 'setFilter', filter: { clearOthers: true } }));
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '8 events');
    // Highlight inside hostile text, expand the 1 MB row and a hostile one, hover everything.
    await page.locator('.search').fill('img');
    await page.evaluate(() => w().__frame());
    assert.ok((await page.locator('.viewport mark').count()) > 0);
    await page.locator('.search').fill('');
    const big = page.locator('.viewport .row', { hasText: 'AAAA' }).first();
    await big.locator('.message').click();
    await page.evaluate(() => w().__frame());
    assert.ok(((await big.locator('.details-message').textContent()) ?? '').includes('more characters'));
    await page.locator('.viewport .row').first().locator('.message').click();
    for (const cell of await page.locator('.viewport .row .cell').all())
      await cell.hover({ force: true, timeout: 200 }).catch(() => undefined);
    await page.waitForTimeout(200);
    const result = await page.evaluate(() => ({
      pwned: w().__pwned,
      csp: w().__csp,
      elements: document.querySelectorAll(
        '.viewport img, .viewport script, .viewport svg, .viewport iframe, .viewport b, .chips img',
      ).length,
      text: document.querySelector('.viewport')!.textContent ?? '',
      longest: Math.max(
        ...Array.from(document.querySelectorAll('.viewport .cell.message')).map((c) => c.textContent!.length),
      ),
    }));
    assert.equal(result.pwned, undefined, 'a payload executed');
    assert.deepEqual(result.csp, [], 'CSP violations');
    assert.equal(result.elements, 0, 'cluster text became elements');
    assert.ok(result.text.includes('<img src=x onerror="window.__pwned=1">'), 'shown literally');
    assert.ok(result.text.includes('<U+202E>'), 'RTL override made visible');
    assert.ok(result.text.includes('\uFFFD'), 'replacement characters shown');
    assert.ok(result.text.includes('—'), 'undated shows a dash, not 1970');
    assert.ok(!/19[67]\d|54y|55y/.test(result.text), 'no epoch dates');
    assert.ok(result.longest < 2000, `one-line message cut (${result.longest})`);
    assert.equal(payloads.length, 7);
  },

  async 'every hostile character class is visible in rows, chips and tooltips (never raw)'(h) {
    const page = await h.open('vscode-dark');
    // One row per class; each class goes into every field a row, a chip or a tooltip shows.
    const classes: Record<string, [string, string]> = {
      bidi: ['\u202e\u2066\u200f\u061c', '<U+202E><U+2066><U+200F><U+061C>'],
      zeroWidth: ['\u200b\u200c\u200d\u2060\ufeff', '<U+200B><U+200C><U+200D><U+2060><U+FEFF>'],
      c0: ['\u0000\u0007\u001b', '\u2400\u2407\u241b'],
      c1: ['\u0085\u009b', '<U+0085><U+009B>'],
      separators: ['\u2028\u2029', '<U+2028><U+2029>'],
      html: ['<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>', '<img src=x'],
    };
    await page.evaluate((cls) => {
      const t = w();
      const rows = Object.entries(cls).map(([name, [raw]], i) =>
        t.__row({
          id: `c${i}`,
          key: `ns/c${i}`,
          type: 'Warning',
          reason: `R${name}${raw}`,
          message: `M${name}${raw}end`,
          name: `n${name}${raw}`,
          namespace: `ns${raw}`,
          context: `ctx${raw}`,
          source: `s${raw}`,
          kind: 'Pod',
          lastSeen: Date.now() - i * 1000,
        }),
      );
      t.__snapshot(rows);
      t.__send({
        type: 'setFilter',
        filter: {
          clearOthers: false,
          namespaces: Object.values(cls).map(([raw]) => `ns${raw}`),
          object: {
            context: 'c',
            uids: ['none'],
            descendantUids: [],
            includeDescendants: false,
            label: `o${Object.values(cls)
              .map(([r]) => r)
              .join('')}`,
          },
        },
      });
    }, classes);
    await page.waitForFunction(() => document.querySelectorAll('.chip').length > 1);
    const dom = await page.evaluate(() => ({
      chips: Array.from(document.querySelectorAll('.chip-label')).map((c) => [
        c.textContent ?? '',
        c.getAttribute('title') ?? '',
      ]),
    }));
    await page.evaluate(() => w().__send({ type: 'setFilter', filter: { clearOthers: true } }));
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '6 events');
    for (const cell of await page.locator('.viewport .row .cell').all())
      await cell.hover({ force: true, timeout: 200 }).catch(() => undefined);
    const rows = await page.evaluate(() => ({
      text: document.querySelector('.viewport')!.textContent ?? '',
      titles: Array.from(document.querySelectorAll('.viewport [title]')).map(
        (e) => e.getAttribute('title') ?? '',
      ),
      labels: Array.from(document.querySelectorAll('.viewport [aria-label]')).map(
        (e) => e.getAttribute('aria-label') ?? '',
      ),
      elements: document.querySelectorAll('.viewport img, .viewport script, .chips img, .chips script')
        .length,
      pwned: w().__pwned,
    }));
    const RAW =
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
    const all = [rows.text, ...rows.titles, ...rows.labels, ...dom.chips.flat()];
    for (const s of all)
      assert.doesNotMatch(s, RAW, `raw control/bidi/zero-width text in ${JSON.stringify(s)}`);
    for (const [name, [, shown]] of Object.entries(classes)) {
      assert.ok(rows.text.includes(`R${name}${shown}`), `${name}: reason cell`);
      assert.ok(rows.text.includes(`M${name}${shown}`), `${name}: message cell`);
      assert.ok(
        rows.titles.some((t) => t.includes(`R${name}${shown}`)),
        `${name}: reason tooltip`,
      );
      assert.ok(
        dom.chips.some(([label]) => label.includes(`ns${shown}`)),
        `${name}: namespace chip`,
      );
    }
    const objectChip = dom.chips.find(([label]) => label.startsWith('object: '))!;
    assert.ok(
      objectChip[0].length <= 120 && objectChip[0].endsWith('…'),
      `object chip capped: ${objectChip[0]}`,
    );
    assert.equal(rows.elements, 0, 'cluster text became elements');
    assert.equal(rows.pwned, undefined, 'a payload executed');
  },

  async 'a repeat updates its row in place; an expired event stays, marked expired'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    const rowsBefore = await domRows(page);
    const a = page.locator('.viewport .row', { hasText: 'web-7d9f-abcde' });
    assert.equal(await a.count(), 1);
    assert.match((await a.locator('.count').textContent()) ?? '', /^x37 over/);
    await page.evaluate(() => {
      const t = w();
      t.__send({
        type: 'delta',
        upsert: [
          t.__row({
            id: 'a',
            key: 'ns/a',
            type: 'Warning',
            reason: 'BackOff',
            kind: 'Pod',
            name: 'web-7d9f-abcde',
            namespace: 'shop',
            message: 'Back-off restarting failed container',
            count: 38,
            lastSeen: Date.now(),
            firstSeen: Date.now() - 42 * 60_000,
            uid: 'p1',
          }),
        ],
        expire: [{ id: 'c', at: Date.now() }],
        remove: [],
      });
    });
    await page.waitForFunction(() =>
      /^x38/.test(document.querySelector('.viewport .row .count')?.textContent ?? ''),
    );
    assert.equal(
      await page.locator('.viewport .row', { hasText: 'web-7d9f-abcde' }).count(),
      1,
      'one row, not two',
    );
    assert.equal(await domRows(page), rowsBefore);
    assert.equal(await status(page), '10 events');
    const c = page.locator('.viewport .row', { hasText: 'api-5c6b-klmno' }).filter({ hasText: 'Pulled' });
    assert.equal(await c.count(), 1, 'expired row still listed');
    assert.match((await c.getAttribute('class')) ?? '', /\bexpired\b/);
    assert.match((await c.locator('.time').getAttribute('title')) ?? '', /expired/);
  },

  async 'deltas arriving in one frame are painted by one refresh, and each is acknowledged after it'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    const acksBefore = await page.evaluate(() => w().__posted.filter((m) => m.type === 'ack').length);
    // Five deltas posted back to back (as the deltas held during a snapshot arrive): the status
    // line is rewritten once per refresh, so it shows how many refreshes they took.
    const shown = await page.evaluate(async () => {
      const t = w();
      const el = document.querySelector('.status')!;
      const seen: string[] = [];
      const mo = new MutationObserver(() => seen.push(el.textContent ?? ''));
      mo.observe(el, { childList: true, characterData: true, subtree: true });
      for (let i = 0; i < 5; i++) {
        t.__send({
          type: 'delta',
          upsert: [
            t.__row({ id: `burst-${i}`, key: `ns/burst-${i}`, name: `burst-${i}`, lastSeen: Date.now() }),
          ],
          expire: [],
          remove: [],
        });
      }
      await new Promise((r) => setTimeout(r, 500));
      mo.disconnect();
      return [...new Set(seen)];
    });
    assert.equal(shown[shown.length - 1], '15 events');
    // One frame normally; two if a frame boundary fell between the messages. A refresh per
    // delta shows 11, 12, 13, 14 and 15 events.
    assert.ok(shown.length <= 2, `the burst took one refresh, not one per delta: ${JSON.stringify(shown)}`);
    await page.waitForFunction(
      (n) => w().__posted.filter((m) => m.type === 'ack').length === n + 5,
      acksBefore,
    );
  },

  async 'Warnings only, chips, grouping, pause/follow, keyboard, reveal'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    await page.locator('.tool[title="Show Warnings only"]').click();
    assert.equal(await status(page), '4 of 10 events');
    assert.equal(await page.locator('.viewport .row:not(.warning)').count(), 0);
    assert.equal(await page.locator('.chip').count(), 1);
    await page.locator('.viewport .row .namespace .link', { hasText: 'shop' }).first().click();
    assert.equal(await status(page), '2 of 10 events');
    await page.locator('.chip-remove').first().click();
    assert.equal(await status(page), '5 of 10 events');
    await page.locator('.chip-remove').first().click();
    assert.equal(await status(page), '10 events');
    // Group by owner: the two BackOffs of Deployment/web fold into one row.
    await page.locator('select.group').selectOption('owner');
    const group = page.locator('.viewport .row.group').first();
    assert.match((await group.textContent()) ?? '', /BackOff on 2 Pods of Deployment\/web/);
    await group.locator('.cell.message').click();
    assert.equal(await page.locator('.viewport .row.member').count(), 2);
    await page.locator('select.group').selectOption('none');
    // Pause: deltas are held and counted; Follow applies them.
    await page.locator('.tool', { hasText: 'Pause' }).click();
    await page.evaluate(() => {
      const t = w();
      t.__send({
        type: 'delta',
        upsert: [
          t.__row({ id: 'n1', key: 'ns/n1', name: 'new-1' }),
          t.__row({ id: 'n2', key: 'ns/n2', name: 'new-2' }),
        ],
        expire: [],
        remove: [],
      });
    });
    await page.waitForSelector('.new-count:not([hidden])');
    assert.equal(await page.locator('.new-count').textContent(), '2 new');
    // Every delta, applied or held, is acknowledged once painted: the host's pacer sends the next.
    await page.waitForFunction(() => w().__posted.some((m) => m.type === 'ack'));
    assert.equal(await page.evaluate(() => w().__posted.filter((m) => m.type === 'ack').length), 1);
    assert.equal(await status(page), '10 events');
    await page.locator('.new-count').click();
    assert.equal(await status(page), '12 events');
    // Keyboard: arrows select, Enter expands, Ctrl+Enter reveals.
    await page.locator('.grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = await page.locator('.grid').getAttribute('aria-activedescendant');
    assert.equal(active, 'row-1');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#row-1').getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Control+Enter');
    const posted = await page.evaluate(() => w().__posted.filter((m) => m.type === 'revealObject'));
    assert.equal(posted.length, 1);
    assert.deepEqual(Object.keys(posted[0]!).sort(), ['context', 'kind', 'name', 'namespace', 'type', 'uid']);
    // Sort by reason via the header.
    await page.locator('.row.header button', { hasText: 'Reason' }).click();
    assert.equal(await page.locator('.row.header .cell.reason').getAttribute('aria-sort'), 'ascending');
    // Export posts the visible ids.
    await page.locator('.menu-button').click();
    await page.locator('.menu-item', { hasText: 'CSV' }).click();
    const exp = await page.evaluate(() => w().__posted.find((m) => m.type === 'export'));
    assert.equal((exp!.ids as string[]).length, 12);
  },

  async 'Explain: offered on an expanded Warning only, and asks the host by context and key'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    const rows = page.locator('.viewport .row:not(.header)');
    const warning = page.locator('.viewport .row.warning').first();
    const normal = page.locator('.viewport .row:not(.warning):not(.header)').first();
    assert.ok((await rows.count()) > 0);
    await normal.locator('.cell.message').click();
    await page.waitForSelector('.viewport .row[aria-expanded="true"]');
    assert.equal(
      await page
        .locator('.viewport .row[aria-expanded="true"] .detail-action[data-action="explain"]')
        .isVisible(),
      false,
    );
    await warning.locator('.cell.message').click();
    const explain = page.locator(
      '.viewport .row[aria-expanded="true"] .detail-action[data-action="explain"]',
    );
    await explain.waitFor({ state: 'visible' });
    await explain.click();
    const posted = await page.evaluate(() => w().__posted.filter((m) => m.type === 'explain'));
    assert.equal(posted.length, 1);
    assert.deepEqual(Object.keys(posted[0]!).sort(), ['context', 'key', 'type']);
    assert.ok(typeof posted[0]!.key === 'string' && posted[0]!.key !== '');
  },

  async 'timeline bar filters to its minute; view state survives a reload'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    const bars = page.locator('.tl-bar');
    assert.ok((await bars.count()) >= 60);
    await page.locator('.tl-row').filter({ hasText: 'prod' }).locator(NON_EMPTY_BAR).last().click();
    assert.match((await page.locator('.chip').first().textContent()) ?? '', /time:/);
    assert.match(await status(page), /^[12] of 10 events/);
    await page.locator('.search').fill('back');
    await page.waitForTimeout(600);
    const state = await page.evaluate(() =>
      w()
        .__posted.filter((m) => m.type === 'filterChanged')
        .at(-1),
    );
    assert.equal((state!.ui as { text: string }).text, 'back');
  },

  async '"Show Warnings" from the host: Warnings only, other filters cleared, also on a fresh page'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    // The user narrowed things down: text, a namespace chip, an object filter, a time bar.
    await send(page, { type: 'setFilter', filter: DEPLOYMENT_WEB });
    await page.locator('.search').fill('back');
    await page.locator('.search').press('Enter');
    await page.locator('.tl-row').filter({ hasText: 'prod' }).locator(NON_EMPTY_BAR).last().click();
    assert.ok((await page.locator('.chip').count()) >= 2);
    await page.locator('.grid').focus();
    // Status bar "Warnings" / notification "Show Warnings": the host posts the warnings filter.
    await send(page, { type: 'setFilter', filter: { clearOthers: true, warningsOnly: true } });
    await statusIs(page, '4 of 10 events');
    assert.deepEqual(await page.locator('.chip-label').allTextContents(), ['type: Warning']);
    assert.equal(
      await page.locator('.tool[title="Show Warnings only"]').getAttribute('aria-pressed'),
      'true',
    );
    assert.equal(await page.locator('.search').inputValue(), '');
    assert.equal(await page.locator('.viewport .row:not(.warning)').count(), 0);
    const ui = await page.evaluate(
      () =>
        w()
          .__posted.filter((m) => m.type === 'filterChanged')
          .at(-1)!.ui,
    );
    assert.deepEqual(
      { warningsOnly: (ui as UiState).warningsOnly, object: (ui as UiState).object },
      { warningsOnly: true, object: null },
      'persisted at once',
    );

    // No page was live: the host keeps the filter and posts it right after the next snapshot,
    // which carries the saved UI state (a namespace chip and text); the filter wins over both.
    const fresh = await h.open('vscode-dark');
    const saved: UiState = {
      ...defaultUiState(),
      namespaces: ['data'],
      text: 'probe',
      sort: 'reason',
      descending: false,
    };
    await sendSample(fresh, saved);
    await send(fresh, { type: 'setFilter', filter: { clearOthers: true, warningsOnly: true } });
    await statusIs(fresh, '4 of 10 events');
    assert.deepEqual(await fresh.locator('.chip-label').allTextContents(), ['type: Warning']);
    assert.equal(
      await fresh.locator('.row.header .cell.reason').getAttribute('aria-sort'),
      'ascending',
      'sort from the saved state is kept',
    );
    // A malformed variant is dropped, not half-applied.
    await send(fresh, { type: 'setFilter', filter: { clearOthers: true, warningsOnly: 'no' } });
    await fresh.evaluate(() => w().__frame());
    assert.equal(await status(fresh), '4 of 10 events');
  },

  async '"Show Events": object chip with a "+ N descendants" toggle, by mouse and keyboard, persisted'(h) {
    const page = await h.open('vscode-dark');
    await loadSample(page);
    await page.locator('.tool[title="Show Warnings only"]').click();
    const postedBefore = await page.evaluate(() => w().__posted.length);
    await send(page, { type: 'setFilter', filter: DEPLOYMENT_WEB });
    // Deployment/web's own event (ScalingReplicaSet) and its two pods' BackOffs; Warnings only
    // was cleared by "Show Events".
    await statusIs(page, '3 of 10 events');
    const chip = page.locator('.chip[data-kind="object"]');
    assert.equal(await chip.locator('.chip-label').textContent(), 'object: Deployment/web');
    const toggle = chip.locator('.chip-toggle');
    assert.equal(await toggle.textContent(), '+ 3 descendants');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await toggle.evaluate((e) => e.tagName), 'BUTTON');
    // Mouse: off shows the object's own events only.
    await toggle.click();
    assert.equal(await status(page), '1 of 10 events');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await page.locator('.viewport .row .cell.reason').allTextContents(), [
      'ScalingReplicaSet',
    ]);
    // Keyboard: Space and Enter flip it, and the focus stays on the toggle.
    await toggle.focus();
    await page.keyboard.press('Space');
    assert.equal(await status(page), '3 of 10 events');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok(await toggle.evaluate((e) => e === document.activeElement), 'focus kept');
    await page.keyboard.press('Enter');
    assert.equal(await status(page), '1 of 10 events');
    assert.ok(await toggle.evaluate((e) => e === document.activeElement), 'focus kept');
    // Tab order: the toggle, then the chip's remove button.
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Remove filter object: Deployment/web',
    );
    // No round trip: the page only reported its new UI state.
    const posted = await page.evaluate((n) => w().__posted.slice(n), postedBefore);
    assert.deepEqual([...new Set(posted.map((m) => m.type))], ['filterChanged']);
    const ui = posted.at(-1)!.ui as UiState;
    assert.equal(ui.object!.includeDescendants, false);
    assert.deepEqual(ui.object!.descendantUids, ['rs-web', 'p1', 'p2']);

    // Hidden and shown again: the page's own state brings the toggle back (off).
    const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    const shown = await h.open('vscode-dark', 1200, 720, state);
    await sendSample(shown);
    await statusIs(shown, '1 of 10 events');
    assert.equal(await shown.locator('.chip-toggle').getAttribute('aria-pressed'), 'false');
    // A window reload: no page state, the host's saved UI state brings it back.
    const reloaded = await h.open('vscode-dark');
    await sendSample(reloaded, ui);
    await statusIs(reloaded, '1 of 10 events');
    assert.equal(await reloaded.locator('.chip-toggle').getAttribute('aria-pressed'), 'false');
    // Without descendants there is no toggle.
    await send(reloaded, {
      type: 'setFilter',
      filter: { clearOthers: true, object: { ...DEPLOYMENT_WEB.object, descendantUids: [] } },
    });
    await reloaded.waitForFunction(() => !document.querySelector('.chip-toggle'));
    await statusIs(reloaded, '1 of 10 events');
    assert.equal(await reloaded.locator('.chip-toggle').count(), 0);
  },

  async 'high contrast: borders and focus outlines from contrastBorder/focusBorder; screenshot'(h) {
    const theme: Theme = 'vscode-high-contrast';
    const page = await h.open(theme, 1100, 520);
    await loadSample(page);
    await send(page, { type: 'setFilter', filter: DEPLOYMENT_WEB });
    await statusIs(page, '3 of 10 events');
    const css = (sel: string, props: string[]) =>
      page
        .locator(sel)
        .first()
        .evaluate((e, ps) => {
          const st = getComputedStyle(e);
          return Object.fromEntries(ps.map((p) => [p, st.getPropertyValue(p)]));
        }, props);
    const CONTRAST = 'rgb(111, 195, 223)';
    const FOCUS = 'rgb(243, 133, 24)';
    assert.deepEqual(await css('.chip', ['border-top-color', 'border-top-style']), {
      'border-top-color': CONTRAST,
      'border-top-style': 'solid',
    });
    assert.equal((await css('.chip-toggle.on', ['border-top-color']))['border-top-color'], CONTRAST);
    assert.equal((await css('.search-box', ['border-top-color']))['border-top-color'], CONTRAST);
    assert.equal((await css('select.group', ['border-top-color']))['border-top-color'], CONTRAST);
    assert.equal((await css('.header-wrap', ['border-bottom-color']))['border-bottom-color'], CONTRAST);
    // Hover: a dashed contrastActiveBorder outline (no fill in high contrast).
    await page.locator('.tool[title="Show Warnings only"]').hover();
    assert.deepEqual(await css('.tool[title="Show Warnings only"]', ['outline-style', 'outline-color']), {
      'outline-style': 'dashed',
      'outline-color': FOCUS,
    });
    // Keyboard focus: a solid focusBorder outline, on the chip toggle and on the selected row.
    await page.locator('.chip-toggle').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.deepEqual(await css('.chip-toggle', ['outline-style', 'outline-color', 'outline-width']), {
      'outline-style': 'solid',
      'outline-color': FOCUS,
      'outline-width': '1px',
    });
    await page.locator('.grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await css('.viewport .row.selected', ['outline-style', 'outline-color']), {
      'outline-style': 'solid',
      'outline-color': FOCUS,
    });
    // For the picture: the toggle focused, a row selected in the list behind it.
    await page.locator('.chip-toggle').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.mouse.move(0, 0);
    await page.evaluate(() => w().__frame());
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(h.resultsDir, 'events-hc.png') });
    h.figures['screenshot high contrast'] = 'test-results/events-hc.png';
  },

  async 'screenshots: light and dark, editor and sidebar widths'(h) {
    for (const theme of ['vscode-light', 'vscode-dark'] as const) {
      const page = await h.open(theme, 1100, 520);
      await loadSample(page);
      await page.locator('.grid').focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.search').fill('back');
      await page.locator('.search').fill('');
      await page.locator('.grid').focus();
      await page.locator('.tool[title="Show Warnings only"]').hover();
      await page.evaluate(() => w().__frame());
      await page.waitForTimeout(150);
      const name = theme === 'vscode-light' ? 'events-light.png' : 'events-dark.png';
      await page.screenshot({ path: path.join(h.resultsDir, name) });
      h.figures[`screenshot ${theme}`] = `test-results/${name}`;
    }
    const side = await h.open('vscode-dark', 380, 560);
    await loadSample(side);
    await side.waitForTimeout(150);
    await side.screenshot({ path: path.join(h.resultsDir, 'events-sidebar-dark.png') });
    h.figures['screenshot sidebar'] = 'test-results/events-sidebar-dark.png';
  },
  async 'narrow widths: one-line toolbar, Export… menu, every row field and action reachable; screenshots'(
    h,
  ) {
    for (const width of [300, 560, 1000]) {
      const page = await h.open('vscode-dark', width, 560);
      await loadSample(page);
      const at = `at ${width}px`;
      // The toolbar's controls sit on one line.
      const tops = await page.locator('.controls > *:not([hidden])').evaluateAll((es) =>
        es.map((e) => {
          const b = e.getBoundingClientRect();
          return Math.round(b.top + b.height / 2);
        }),
      );
      assert.equal(new Set(tops).size, 1, `toolbar on one line ${at}: ${tops.join(',')}`);
      // Every header label fits its cell ("Last Seen" was cut to "Last See").
      const clipped = await page
        .locator('.row.header .sort')
        .evaluateAll((es) =>
          es
            .filter((e) => e.getClientRects().length && e.scrollWidth > e.clientWidth + 0.5)
            .map((e) => `${e.textContent} ${e.scrollWidth}>${e.clientWidth}`),
        );
      assert.deepEqual(clipped, [], `header labels clipped ${at}`);
      // The BackOff row: time, type, object, reason, message and xN are all on screen.
      const row = page.locator('.viewport .row', { hasText: 'web-7d9f-abcde' });
      const shown = await row.evaluate((r) => {
        const right = r.getBoundingClientRect().right;
        const seen = (sel: string) => {
          const e = r.querySelector(sel)!;
          const b = e.getBoundingClientRect();
          return b.width > 0 && b.right <= right + 0.5 && getComputedStyle(e).visibility === 'visible'
            ? (e.textContent ?? '').slice(0, 12)
            : '';
        };
        return {
          time: seen('.cell.time'),
          type: seen('.cell.type .codicon'),
          object: seen('.cell.object'),
          reason: seen('.cell.reason'),
          message: seen('.cell.message'),
          count: seen('.count-n'),
        };
      });
      for (const [k, v] of Object.entries(shown)) assert.ok(v || k === 'type', `${k} hidden ${at}`);
      assert.equal(shown.count, 'x37', `count ${at}`);
      assert.equal(shown.reason, 'BackOff');
      // Hover shows the row's actions inside the row; Enter expands it with labelled actions.
      await row.hover();
      const actions = await row.locator('.cell.actions').evaluate((e) => {
        const b = e.getBoundingClientRect();
        const r = e.closest('.row')!.getBoundingClientRect();
        return getComputedStyle(e).visibility === 'visible' && b.width > 0 && b.right <= r.right + 0.5;
      });
      assert.ok(actions, `hover actions ${at}`);
      await page.mouse.move(0, 0);
      const shot = path.join(h.resultsDir, `events-narrow-${width}.png`);
      await page.locator('.viewport .row', { hasText: 'batch-x1' }).hover();
      await page.evaluate(() => w().__frame());
      await page.screenshot({ path: shot });
      h.figures[`screenshot ${width}px`] = `test-results/events-narrow-${width}.png`;
      await page.locator('.grid').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const describe = page.locator('.viewport .row.open .detail-action[data-action="describe"]');
      assert.ok(await describe.isVisible(), `Describe in the expanded row ${at}`);
      await describe.click();
      const posted = await page.evaluate(() => w().__posted.filter((m) => m.type === 'describe'));
      assert.equal(posted.length, 1);
      assert.equal(posted[0]!.name, 'web-7d9f-abcde');
      if (width === 300) {
        await page.evaluate(() => w().__frame());
        await page.screenshot({ path: path.join(h.resultsDir, 'events-narrow-300-expanded.png') });
      }
      // Export…: one button, a menu of two distinctly labelled choices, by keyboard.
      const exportButton = page.locator('.menu-button');
      assert.equal(await exportButton.getAttribute('aria-label'), 'Export the visible events…');
      await exportButton.focus();
      await page.keyboard.press('Enter');
      const items = page.locator('.menu [role="menuitem"]');
      assert.deepEqual(await items.evaluateAll((es) => es.map((e) => e.getAttribute('aria-label'))), [
        'Export the visible events as CSV',
        'Export the visible events as JSON',
      ]);
      assert.equal(await exportButton.getAttribute('aria-expanded'), 'true');
      const menuInside = await page.locator('.menu').evaluate((m) => {
        const b = m.getBoundingClientRect();
        return b.left >= 0 && b.right <= innerWidth;
      });
      assert.ok(menuInside, `menu on screen ${at}`);
      if (width === 300)
        await page.screenshot({ path: path.join(h.resultsDir, 'events-narrow-300-menu.png') });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const exp = await page.evaluate(() => w().__posted.filter((m) => m.type === 'export'));
      assert.deepEqual(
        exp.map((m) => m.format),
        ['json'],
      );
      assert.equal(await page.locator('.menu').isHidden(), true);
      assert.ok(await exportButton.evaluate((e) => e === document.activeElement), 'focus back on the button');
    }
  },
  ...l10nScenarios,
};
