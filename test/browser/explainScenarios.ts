// Browser scenarios of the explanation panel and the timeline's rollout marks (issue 14): the
// page asks the host about the selection, renders the host's answer as text only, and sends
// steps back as indexes.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { EventRow } from '../../src/protocol/events';
import type { ExplanationMessage } from '../../src/protocol/explain';
import type { Harness } from './run';

interface TestWindow {
  __posted: { type: string; [k: string]: unknown }[];
  __pwned?: number;
  __row(p: Partial<EventRow>): EventRow;
  __send(m: unknown): void;
  __snapshot(rows: EventRow[], ui?: unknown): void;
  __frame(): Promise<number>;
}
const w = () => window as unknown as TestWindow;

function rows(now: number): Partial<EventRow>[] {
  const dep = { ownerKind: 'Deployment', ownerName: 'web', ownerUid: 'dep-web' };
  return [
    {
      id: 'prod\u0000shop/a',
      key: 'shop/a',
      type: 'Warning',
      reason: 'BackOff',
      kind: 'Pod',
      name: 'web-7d9f-abcde',
      namespace: 'shop',
      uid: 'p1',
      message: 'Back-off restarting failed container app in pod web-7d9f-abcde_shop(p1)',
      count: 37,
      lastSeen: now - 20_000,
      firstSeen: now - 600_000,
      ...dep,
    },
    {
      id: 'prod\u0000shop/b',
      key: 'shop/b',
      type: 'Warning',
      reason: 'BackOff',
      kind: 'Pod',
      name: 'web-7d9f-fghij',
      namespace: 'shop',
      uid: 'p2',
      message: 'Back-off restarting failed container app in pod web-7d9f-fghij_shop(p2)',
      count: 3,
      lastSeen: now - 60_000,
      firstSeen: now - 300_000,
      ...dep,
    },
    {
      id: 'prod\u0000shop/c',
      key: 'shop/c',
      type: 'Normal',
      reason: 'Pulled',
      kind: 'Pod',
      name: 'api-1',
      namespace: 'shop',
      uid: 'p3',
      message: 'Successfully pulled image "api:2"',
      lastSeen: now - 90_000,
      firstSeen: now - 90_000,
    },
  ];
}

async function load(page: Page): Promise<void> {
  await page.evaluate((rs) => {
    const t = w();
    t.__snapshot(rs.map((r) => t.__row(r)));
  }, rows(Date.now()));
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === '3 events');
}

async function lastSelect(page: Page): Promise<{ seq: number; events: unknown[]; object: unknown }> {
  const handle = await page.waitForFunction(() => {
    const s = w().__posted.filter((m) => m.type === 'explainSelect');
    return s.length ? s[s.length - 1] : undefined;
  });
  return (await handle.jsonValue()) as unknown as { seq: number; events: unknown[]; object: unknown };
}

async function clearPosted(page: Page): Promise<void> {
  await page.evaluate(() => (w().__posted.length = 0));
}

const PWN = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';

function explanation(seq: number, cause: string, manifest: boolean): ExplanationMessage {
  return {
    type: 'explanation',
    seq,
    note: '',
    manifest,
    items: [
      {
        event: { context: 'prod', key: 'shop/a' },
        reason: 'BackOff',
        subject: 'Pod shop/web-7d9f-abcde',
        cause,
        confidence: 'exact',
        evidence: [`Container app last exited with code 1 ${PWN} (Pod shop/web-7d9f-abcde)`],
        rollout: ['first seen 40s after web rolled out revision 7'],
        steps: [
          {
            title: 'Describe Pod web-7d9f-abcde',
            command: 'describe',
            kubectl: 'kubectl describe pod/web-7d9f-abcde -n shop',
          },
          {
            title: 'Logs of the previous run',
            command: 'kubectl',
            kubectl: 'kubectl logs web-7d9f-abcde -n shop -c app --previous',
          },
        ],
      },
    ],
  };
}

export const explainScenarios: Record<string, (h: Harness) => Promise<void>> = {
  async 'explanation panel: a selected Warning asks the host, shows its answer as text, sends steps as indexes'(
    h,
  ) {
    const page = await h.open('vscode-dark', 1000, 700);
    await load(page);
    assert.equal(await page.locator('.explain-panel').isHidden(), true, 'no panel before a selection');
    await clearPosted(page);
    await page.locator('.viewport .row', { hasText: 'web-7d9f-abcde' }).locator('.time').click();
    const sel = await lastSelect(page);
    assert.deepEqual(sel.events, [{ context: 'prod', key: 'shop/a' }]);
    assert.deepEqual(sel.object, {
      context: 'prod',
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-7d9f-abcde',
      uid: 'p1',
    });
    // Visible at once, waiting for the host.
    await page.locator('.explain-panel', { hasText: 'Explaining…' }).waitFor();

    // An answer for another (older) selection is dropped.
    await page.evaluate((m) => w().__send(m), explanation(sel.seq - 1, 'stale cause', false));
    await page.evaluate((m) => w().__send(m), explanation(sel.seq, `The container app crashes ${PWN}`, true));
    await page.locator('.explain-cause').waitFor();
    assert.equal(await page.locator('.explain-cause').textContent(), `The container app crashes ${PWN}`);
    assert.equal(await page.locator('.explain-panel').getByText('stale cause').count(), 0);
    assert.equal(await page.locator('.explain-panel img').count(), 0, 'host text is never HTML');
    assert.match((await page.locator('.explain-evidence li').textContent()) ?? '', /exited with code 1 <img/);
    assert.equal(
      await page.locator('.explain-rollout li').textContent(),
      'first seen 40s after web rolled out revision 7',
    );
    assert.equal(await page.locator('.explain-kubectl code').count(), 2);
    h.figures['explanation panel screenshot'] = 'test-results/explain-panel.png';
    await page.screenshot({ path: `${h.resultsDir}/explain-panel.png` });

    // Steps go back as (seq, item, step); the page names no command of its own.
    await clearPosted(page);
    await page.locator('.explain-steps button', { hasText: 'Logs of the previous run' }).click();
    await page.locator('.explain-panel button', { hasText: 'Open Manifest' }).click();
    await page.locator('.explain-steps button', { hasText: 'Open as Document' }).click();
    const posted = await page.evaluate(() => w().__posted.filter((m) => m.type !== 'ack'));
    assert.deepEqual(posted, [
      { type: 'explainStep', seq: sel.seq, item: 0, step: 1 },
      { type: 'openManifest', seq: sel.seq },
      { type: 'explain', context: 'prod', key: 'shop/a' },
    ]);
    // The expanded row offers Open Manifest too, while the host says the workspace defines it.
    await page.locator('.viewport .row', { hasText: 'web-7d9f-abcde' }).locator('.message').click();
    const action = page.locator('.viewport .row.open [data-action="open-manifest"]');
    assert.equal(await action.isVisible(), true);
    await clearPosted(page);
    await action.click();
    assert.deepEqual(await page.evaluate(() => w().__posted.filter((m) => m.type === 'openManifest')), [
      { type: 'openManifest', seq: sel.seq },
    ]);

    // An invalid explanation (oversized list) is dropped: the panel keeps what it shows.
    const bad = explanation(sel.seq, 'bad', false);
    bad.items[0]!.evidence = Array.from({ length: 1000 }, () => 'x');
    await page.evaluate((m) => w().__send(m), bad);
    await page.evaluate(() => w().__frame());
    assert.match((await page.locator('.explain-cause').textContent()) ?? '', /^The container app crashes/);

    // A Normal row: no Warning to explain, the panel hides (no manifest).
    await page.locator('.viewport .row', { hasText: 'api-1' }).locator('.time').click();
    const normal = await lastSelect(page);
    assert.deepEqual(normal.events, []);
    assert.ok(normal.seq > sel.seq);
    await page.evaluate((m) => w().__send(m), { ...explanation(normal.seq, 'x', false), items: [] });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.explain-panel')?.hidden === true);
    assert.equal(await page.evaluate(() => w().__pwned ?? 0), 0);
  },

  async 'explanation panel: a group asks about its newest Warning and its owner'(h) {
    const page = await h.open('vscode-light', 1000, 700);
    await load(page);
    await page.locator('select.group').selectOption('owner');
    await clearPosted(page);
    await page.locator('.viewport .row.group', { hasText: 'Deployment' }).first().locator('.time').click();
    const sel = await lastSelect(page);
    assert.deepEqual(sel.events, [{ context: 'prod', key: 'shop/a' }], 'the newest BackOff of the group');
    assert.deepEqual(sel.object, {
      context: 'prod',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: 'dep-web',
    });
    await page.evaluate((m) => w().__send(m), explanation(sel.seq, 'The container app crashes', false));
    await page
      .locator('.explain-panel .explain-note', { hasText: 'explaining the newest Warning' })
      .waitFor();
    // Dismissed with its close button until the selection changes.
    await page.locator('.explain-panel [data-panel="close"]').click();
    assert.equal(await page.locator('.explain-panel').isHidden(), true);
  },

  async 'timeline: rollout marks flag the minute a revision rolled out'(h) {
    const page = await h.open('vscode-dark', 1000, 700);
    await load(page);
    const at = Date.now() - 5 * 60_000;
    await page.evaluate((m) => w().__send(m), {
      type: 'rolloutMarks',
      marks: [{ context: 'prod', workload: 'Deployment shop/web', revision: '7', at }],
    });
    const mark = page.locator('.tl-bar.rollout');
    await mark.waitFor();
    assert.equal(await mark.count(), 1);
    assert.match((await mark.getAttribute('title')) ?? '', /rolled out: Deployment shop\/web revision 7$/);
    assert.equal(await mark.locator('.tl-rollout').count(), 1);
    // Invalid marks are dropped; a valid empty list clears them.
    await page.evaluate((m) => w().__send(m), {
      type: 'rolloutMarks',
      marks: [{ context: 'prod', workload: 'x', revision: '8', at: 'soon' }],
    });
    await page.evaluate(() => w().__frame());
    assert.equal(await page.locator('.tl-bar.rollout').count(), 1);
    await page.evaluate((m) => w().__send(m), { type: 'rolloutMarks', marks: [] });
    await page.waitForFunction(() => document.querySelectorAll('.tl-bar.rollout').length === 0);
  },
};
