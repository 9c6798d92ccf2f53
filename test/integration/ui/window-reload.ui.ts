/**
 * window-reload: the Events editor panel (`Kube Events: Open Events in Editor`) shows the live
 * stream and comes back after the window reloads, still live, with the history it had. Runs
 * last (files run in name order): the reload resets the workbench the other files arranged.
 */
import { type Page } from 'playwright-core';
import { event } from '../../server/fixtures';
import { eventsFrameTitled, resetEventFilters, waitForEventRows } from '../runner/eventsView';
import { waitUntil } from '../runner/wait';
import { openViewContainer, runCommand, waitForWorkbench } from '../runner/workbench';
import { session } from './session';

type Obj = { metadata: { name?: string; namespace?: string; uid?: string } };

/** activeTabText is the label shown on the active editor tab (a webview's has no resource name). */
async function activeTabText(page: Page): Promise<string> {
  const tab = page.locator('.part.editor .editor-group-container.active .tab.active .label-name').first();
  return (await tab.count()) ? (await tab.innerText()).trim() : '';
}

describe('Events editor panel', () => {
  it('shows the live stream and is restored, still live, after a window reload', async function () {
    // A reload starts a new extension host, which activates us to revive the panel: on a busy
    // machine VS Code 1.139 took 40 s from the reload to our activation, so a minute is not
    // enough for the whole test. Each wait below stays bounded.
    this.timeout(180_000);
    const { page, clusters, server } = session();
    const alpha = clusters.byContext('kind-alpha').server;
    const pod = alpha.get('v1', 'Pod', 'shop', 'web-5d9c7b6f8-abcde') as Obj | undefined;
    if (!pod) throw new Error('seed.ts did not create Pod shop/web-5d9c7b6f8-abcde');

    await openViewContainer(page, 'Kube Events');
    await runCommand(page, 'Kube Events: Open Events in Editor');
    await waitUntil(
      'the Events panel is the active tab',
      () => activeTabText(page),
      (l) => l === 'Kube Events',
    );
    let frame = await eventsFrameTitled(page, 'Kube Events');
    // The panel shares the view's filters, which earlier files may have left set.
    await resetEventFilters(frame);
    alpha.create(event('shop', pod, { reason: 'PanelBeforeReload', message: 'written before the reload' }));
    await waitForEventRows(frame, 'the event written before the reload', (rows) =>
      rows.some((r) => r.reason === 'PanelBeforeReload'),
    );

    // As a person would: VS Code's own reload saves the workbench state first (a bare page
    // reload may leave it unsaved and restore nothing).
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    await waitUntil(
      'the Events panel is restored as the active tab',
      () => activeTabText(page),
      (l) => l === 'Kube Events',
      { timeoutMs: 60_000 },
    );
    frame = await eventsFrameTitled(page, 'Kube Events', { timeoutMs: 60_000 });
    // History from before the reload, and new events as they happen.
    await waitForEventRows(frame, 'the event written before the reload', (rows) =>
      rows.some((r) => r.reason === 'PanelBeforeReload'),
    );
    alpha.create(event('shop', pod, { reason: 'PanelAfterReload', message: 'written after the reload' }));
    await waitForEventRows(frame, 'the event written after the reload', (rows) =>
      rows.some((r) => r.reason === 'PanelAfterReload'),
    );
    if (/No serializer|deserialize/i.test(server.output()))
      throw new Error(`code-server reported a revive problem:\n${server.output().slice(-2000)}`);
  });
});
