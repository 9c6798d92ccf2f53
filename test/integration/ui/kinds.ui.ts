/**
 * kinds: the whole cluster in a real VS Code (issue 12), beyond the ten eager kinds. The seed
 * (seed.ts) gives kind-alpha's shop a cert-manager Certificate CRD with a failing instance
 * (web-tls, Ready=False, a Warning Failed) and a PersistentVolumeClaim that cannot be
 * provisioned (web-data, a Warning ProvisioningFailed). Both kinds are lazy: nothing watches
 * them until the tree opens them, a document describes them or a Reveal needs them. Leaves
 * test-results/ui-tree-crd.png.
 */
import * as assert from 'node:assert/strict';
import { type FrameLocator, type Page } from 'playwright-core';
import { activeTabLabel, editorText, editorUri } from '../runner/editor';
import { eventRow, openEventsView, resetEventFilters, waitForEventRows } from '../runner/eventsView';
import {
  contextMenu,
  expandTreePath,
  treeRowAt,
  treeRows,
  treeRowsLocator,
  selectedTreePath,
  waitForTreeRowAt,
} from '../runner/tree';
import { waitUntil } from '../runner/wait';
import {
  clearNotifications,
  collapseAllInView,
  collapseView,
  expandView,
  openViewContainer,
  runCommand,
  screenshot,
  setSidebarWidth,
  viewPane,
} from '../runner/workbench';
import { CERT_FAILURE, PVC_FAILURE } from './seed';
import { session } from './session';

const certificates = ['kind-alpha', 'shop', 'cert-manager.io', 'Certificates'];
const claims = ['kind-alpha', 'shop', 'Storage', 'PersistentVolumeClaims'];

/** lines says whether `text` has every one of `expected` as a whole line. */
function assertLines(text: string, expected: readonly string[]): void {
  const lines = text.split('\n');
  for (const line of expected)
    assert.ok(lines.includes(line), `the document has the line ${JSON.stringify(line)}:\n${text}`);
}

/** eventsSection returns the document's Events section (kubectl prints it last). */
function eventsSection(text: string): string {
  const at = text.lastIndexOf('\nEvents:\n');
  assert.ok(at >= 0, `the document has an Events section:\n${text}`);
  return text.slice(at);
}

describe('Kinds beyond the built-in ten: custom resources and PVCs', () => {
  let page: Page;

  before(async () => {
    page = session().page;
    await openViewContainer(page, 'Kube Events');
    await expandView(page, 'Clusters');
    await collapseAllInView(page, 'Clusters'); // earlier files may leave the tree scrolled
    await setSidebarWidth(page, 560);
  });

  after(async () => {
    await expandView(page, 'Clusters');
    await expandView(page, 'Events');
    await setSidebarWidth(page, 300);
    await runCommand(page, 'View: Close All Editor Groups');
  });

  it("lists a custom resource under its API group's section, red from its Ready=False condition (screenshot)", async () => {
    await collapseView(page, 'Events'); // room for the whole tree in the picture
    try {
      await expandTreePath(page, 'Clusters', ['kind-alpha', 'shop']);
      // The namespace lists the eager kinds, then a section per group of discovered kinds: the
      // custom resources' after the built-in ones.
      const sections = await waitUntil(
        "the namespace shows the CRD group's section",
        async () => {
          const rows = await treeRows(page, 'Clusters');
          const at = rows.findIndex((r) => r.level === 2 && r.label === 'shop');
          const out: string[] = [];
          for (let i = at + 1; i < rows.length && rows[i]!.level > 2; i++)
            if (rows[i]!.level === 3) out.push(rows[i]!.label);
          return out;
        },
        (labels) => labels.includes('cert-manager.io'),
      );
      assert.ok(
        sections.indexOf('Storage') >= 0 && sections.indexOf('Storage') < sections.indexOf('cert-manager.io'),
        `Storage comes before the custom resources: ${JSON.stringify(sections)}`,
      );
      assert.ok(sections.indexOf('Pods') < sections.indexOf('Storage'), 'the eager kinds come first');

      await expandTreePath(page, 'Clusters', certificates);
      const row = await waitForTreeRowAt(page, 'Clusters', [...certificates, 'web-tls']);
      const description = (await row.locator('.label-description').textContent())?.trim() ?? '';
      assert.match(
        description,
        /^NotReady · \d+[smh]/,
        `the Ready=False condition sets the status: ${JSON.stringify(description)}`,
      );
      assert.equal(await row.locator('.codicon-error').count(), 1, 'a failing certificate shows red');
      // The kind's own row says its count once its namespace scope has synced: its refresh is
      // coalesced and may come a moment after the child row (it read "loading…" then on 1.139).
      const kind = await treeRowAt(page, 'Clusters', certificates);
      await waitUntil(
        'the Certificates row counts its one object',
        async () => (await kind.locator('.label-description').textContent())?.trim() ?? '',
        (d) => d === '1',
        { timeoutMs: 10_000 },
      );

      await clearNotifications(page);
      await page.mouse.move(1000, 450); // cosmetic: no hover on a row
      await screenshot(page, 'ui-tree-crd');
    } finally {
      await expandView(page, 'Events');
    }
  });

  it("describes a custom resource from its context menu: kubectl's generic form and its Events", async () => {
    await clearNotifications(page);
    await collapseView(page, 'Events'); // the tree is virtualised: its rows must be in view
    await expandTreePath(page, 'Clusters', certificates);
    await waitForTreeRowAt(page, 'Clusters', [...certificates, 'web-tls']);
    await contextMenu(page, 'web-tls', 'Describe', 'Clusters');
    await waitUntil(
      'the describe document is the active editor',
      () => activeTabLabel(page),
      (l) => l === 'Certificate web-tls',
    );
    assert.match(await editorUri(page), /^kube-describe:\/Certificate web-tls\?.*context=kind-alpha/);
    const text = await waitUntil(
      'the document shows the Warning',
      () => editorText(page, { timeoutMs: 5000 }),
      (t) => t.includes('\nEvents:\n') && t.includes('Warning'),
    );
    assertLines(text, [
      'Name:         web-tls',
      'Namespace:    shop',
      'Labels:       <none>',
      'Annotations:  <none>',
      'API Version:  cert-manager.io/v1',
      'Kind:         Certificate',
      'Metadata:',
      'Spec:',
      '  Dns Names:',
      '    shop.example.com',
      '  Issuer Ref:',
      '    Group:      cert-manager.io',
      '    Kind:       ClusterIssuer',
      '    Name:       letsencrypt-prod',
      '  Secret Name:  web-tls',
      'Status:',
      '  Conditions:',
      '    Message:                 Issuing certificate as Secret does not exist',
      '    Observed Generation:     1',
      '    Reason:                  DoesNotExist',
      '    Status:                  False',
      '    Type:                    Ready',
      '  Failed Issuance Attempts:  1',
      'Events:',
    ]);
    const events = eventsSection(text);
    assert.match(events, /\n {2}Type {5}Reason {2}Age +From +Message\n/);
    assert.ok(
      events.includes(`cert-manager-certificates-issuing  ${CERT_FAILURE}\n`),
      `the Events section lists the Warning:\n${events}`,
    );
    assert.match(events, /\n {2}Warning {2}Failed {2}\S+ +cert-manager-certificates-issuing {2}/);
  });

  it("reveals a PVC from its Warning in the Events view: the tree selects it under Storage, and it's described", async () => {
    // The PVC's kind is lazy: fold the whole tree, so that Reveal has to start its informer and
    // open Storage > PersistentVolumeClaims itself.
    await collapseAllInView(page, 'Clusters');
    const frame: FrameLocator = await openEventsView(page);
    await resetEventFilters(frame);
    await frame.locator('.toolbar input.search').fill('ProvisioningFailed');
    const rows = await waitForEventRows(frame, 'ProvisioningFailed alone', (rs) => rs.length === 1);
    assert.equal(rows[0]!.object, 'PersistentVolumeClaim/web-data');
    assert.equal(rows[0]!.message, PVC_FAILURE);
    const row = eventRow(frame, 'ProvisioningFailed');
    await row.locator('.link[data-action="reveal"]').click();
    await viewPane(page, 'Clusters').locator('.pane-header[aria-expanded="true"]').waitFor();
    // The tree scrolls to the row: the context's row may be out of view (pinned by sticky
    // scroll), so the selected row's ancestors are read from the rows above it.
    const selected = await waitUntil(
      'the tree selects web-data',
      () => selectedTreePath(page, 'Clusters'),
      (p) => p.at(-1) === 'web-data',
      { timeoutMs: 20_000 },
    );
    // The namespace's row can be out of the rendered rows too (VS Code 1.139 reveals the row at
    // the top, ancestors in sticky scroll): when it is rendered it must be shop; the describe
    // document below proves the namespace either way (Namespace: shop).
    assert.deepEqual(selected.slice(-3), claims.slice(2).concat('web-data'));
    if (selected.length >= 4) assert.equal(selected.at(-4), claims[1]);
    const revealed = treeRowsLocator(page, 'Clusters').and(page.locator('[aria-selected="true"]'));
    const description = (await revealed.locator('.label-description').textContent())?.trim() ?? '';
    assert.match(description, /\d+[smh]/, `the PVC row shows its age: ${description}`);

    // Describe it from the tree: kubectl's PersistentVolumeClaim describer.
    await contextMenu(page, 'web-data', 'Describe', 'Clusters');
    await waitUntil(
      'the PVC is described',
      () => activeTabLabel(page),
      (l) => l === 'PersistentVolumeClaim web-data',
    );
    assert.match(
      await editorUri(page),
      /^kube-describe:\/PersistentVolumeClaim web-data\?.*context=kind-alpha/,
    );
    const text = await waitUntil(
      'the document shows the Warning',
      () => editorText(page, { timeoutMs: 5000 }),
      (t) => t.includes('ProvisioningFailed'),
    );
    assertLines(text, [
      'Name:          web-data',
      'Namespace:     shop',
      'StorageClass:  fast-ssd',
      'Status:        Pending',
      'Labels:        <none>',
      'Annotations:   <none>',
      'VolumeMode:    Filesystem',
      'Events:',
    ]);
    const events = eventsSection(text);
    assert.match(
      events,
      new RegExp(
        String.raw`\n {2}Warning {2}ProvisioningFailed {2}\S+ \(x12 over \S+\) +persistentvolume-controller {2}` +
          PVC_FAILURE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') +
          '\n',
      ),
    );
    await collapseView(page, 'Events');
  });
});
