/**
 * smoke: the Kube Events view container opens from the activity bar and shows its two views, and
 * the extension provides the Clusters tree. Leaves test-results/smoke-sidebar.png for a person.
 */
import * as assert from 'node:assert/strict';
import { waitForTree } from '../runner/tree';
import { openViewContainer, screenshot, viewTitles } from '../runner/workbench';
import { session } from './session';

describe('smoke', () => {
  it('opens the Kube Events container with the Clusters and Events views', async () => {
    const { page } = session();
    await openViewContainer(page, 'Kube Events');
    assert.deepEqual(await viewTitles(page), ['Clusters', 'Events']);
  });

  it('fills the Clusters view from the extension', async () => {
    const { page } = session();
    await openViewContainer(page, 'Kube Events');
    try {
      await waitForTree(page, 'Clusters');
      // Cosmetic: let the tree expand and the Events webview paint before the picture.
      await page.waitForTimeout(2000);
    } finally {
      await screenshot(page, 'smoke-sidebar');
    }
  });
});
