/**
 * The demo cluster's Warnings, explained by the core explainer exactly as the Events view's
 * panel would show them (explanationView), against the expectations the UI test
 * (test/integration/ui/explain-demo.ui.ts) checks in code-server: the same demo (seeded, one
 * round of the Scenario played), the same table. Here it runs in a second, with every Warning.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeObject } from '../../../src/core/cache/types';
import { explain } from '../../../src/core/explain/explain';
import { ListExplainCache } from '../../../src/core/explain/listCache';
import { explanationView } from '../../../src/core/explain/panelView';
import { startDemoCluster, type DemoCluster } from '../../integration/ui/demoCluster';
import {
  checkExplanation,
  EXPECTATIONS,
  expectationFor,
  type ShownExplanation,
} from '../../integration/ui/demoExplanations';
import { KINDS } from '../scenario/helpers';

describe('explain: every Warning of the demo, as the panel shows it', function () {
  let demo: DemoCluster;
  let dir: string;
  let cache: ListExplainCache;

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kube-events-demo-'));
    demo = await startDemoCluster({ dir });
    const objects: Record<string, KubeObject[]> = {};
    for (const [apiVersion, kind] of KINDS)
      objects[kind] = demo.server.list(apiVersion, kind) as KubeObject[];
    cache = new ListExplainCache({ objects, events: demo.server.list('v1', 'Event') as KubeObject[] });
  });
  after(async () => {
    await demo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has an expectation for every Warning reason the demo emits, and every expectation is used', function () {
    const reasons = new Set(demo.warnings.map((w) => w.reason));
    for (const w of demo.warnings) expectationFor(w, demo.server); // throws "no expectation for reason X"
    assert.deepEqual(
      Object.keys(EXPECTATIONS).filter((r) => !reasons.has(r)),
      [],
      'expectations for reasons the demo no longer emits',
    );
  });

  it('explains each Warning with the cause, evidence and next steps the demo confirms', function () {
    const problems: string[] = [];
    for (const w of demo.warnings) {
      const view = explanationView(explain(w, cache, Date.now()), w, 'demo-admin', w.key);
      const shown: ShownExplanation = {
        heading: `${view.reason} on ${view.subject}`,
        cause: view.cause,
        confidence: view.confidence,
        evidence: view.evidence,
        steps: view.steps.map((s) => s.title),
      };
      for (const p of checkExplanation(shown, expectationFor(w, demo.server)))
        problems.push(`${shown.heading} (${w.message.slice(0, 40)}): ${p}`);
    }
    assert.deepEqual(problems, []);
  });

  it('fails a Warning the table does not know, naming its reason', function () {
    const w = { ...demo.warnings[0]!, reason: 'SomethingNew' };
    assert.throws(() => expectationFor(w, demo.server), /^Error: no expectation for reason SomethingNew /);
  });
});
