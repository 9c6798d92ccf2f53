import * as assert from 'node:assert/strict';
import { renderExplanation, RENDER_LIMITS } from '../../../src/core/explain/render';
import type { Explanation, ExplainEvent } from '../../../src/core/explain/types';

const NOW = 1_700_000_000_000;
const event = (p: Partial<ExplainEvent> = {}): ExplainEvent => ({
  type: 'Warning',
  reason: 'FailedScheduling',
  message: '0/3 nodes are available: 3 Insufficient cpu.',
  count: 4,
  firstSeen: NOW - 600_000,
  lastSeen: NOW - 30_000,
  source: 'default-scheduler',
  involved: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u1', apiVersion: 'v1', fieldPath: '' },
  ...p,
});
const explanation = (p: Partial<Explanation> = {}): Explanation => ({
  reason: 'FailedScheduling',
  cause: 'No node has 2 CPU free: the largest free allocatable is 1.5 CPU on node-2.',
  evidence: [
    { text: 'The pod requests 2 CPU', ref: { kind: 'Pod', namespace: 'shop', name: 'web-1' } },
    {
      text: 'Secret regcred does not exist',
      ref: { kind: 'Secret', namespace: 'shop', name: 'regcred' },
      absent: true,
    },
  ],
  nextSteps: [
    {
      title: 'Describe the node',
      command: 'describe',
      target: { kind: 'Node', namespace: '', name: 'node-2' },
    },
    { title: 'Copy the kubectl command', command: 'kubectl', kubectl: 'kubectl describe node node-2' },
  ],
  confidence: 'exact',
  ...p,
});

describe('explain/render renderExplanation', () => {
  it('says what the event is, the cause, the evidence with its objects, and the next steps', () => {
    const text = renderExplanation(explanation(), event(), NOW);
    const lines = text.split('\n');
    assert.equal(lines[0], '# Warning FailedScheduling on Pod shop/web-1');
    assert.match(text, /Last seen 30s ago, 4 times, from default-scheduler\./);
    assert.match(text, /## Likely cause\n\nNo node has 2 CPU free/);
    assert.match(text, /- The pod requests 2 CPU \(Pod shop\/web-1\)/);
    assert.match(text, /- Secret regcred does not exist \(missing: Secret shop\/regcred\)/);
    assert.match(text, /- Describe the node: Node node-2/);
    assert.match(text, /`kubectl describe node node-2`/);
    assert.match(text, /Confidence: exact/);
  });

  it('renders the rollout context', () => {
    const text = renderExplanation(
      explanation({
        rollout: {
          workload: { kind: 'Deployment', namespace: 'shop', name: 'web' },
          revision: '7',
          sinceRollout: 40_000,
          startedAfterRollout: true,
          warningsPerRevision: [
            { revision: '7', warnings: 12 },
            { revision: '6', warnings: 0 },
          ],
          changes: [{ area: 'image', container: 'app', text: 'nginx:1.27 -> nginx:1.28' }],
          previousRevision: '6',
        },
      }),
      event(),
      NOW,
    );
    assert.match(text, /first seen 40s after web rolled out revision 7/);
    assert.match(text, /Warnings per revision: 7: 12, 6: 0/);
    assert.match(text, / {2}- image \(app\): nginx:1\.27 -> nginx:1\.28/);
  });

  it('keeps hostile cluster text inert and bounded', () => {
    const hostile =
      '\u202eevil\u0000\n# Forged heading [click](command:workbench.action.quit) ' + 'x'.repeat(1_000_000);
    const text = renderExplanation(
      explanation({ cause: hostile, evidence: [{ text: hostile }] }),
      event({ message: hostile, reason: hostile, source: hostile }),
      NOW,
    );
    assert.ok(!text.includes('\u202e') && !text.includes('\u0000'), 'no bidi override, no NUL');
    assert.doesNotMatch(text, /\]\(/, 'no markdown link survives');
    assert.doesNotMatch(text, /^# Forged/m, 'no forged heading line');
    for (const line of text.split('\n'))
      assert.ok(line.length <= RENDER_LIMITS.message + 8, `line of ${line.length}`);
    assert.ok(text.length < 20_000, `document of ${text.length}`);
  });

  it('never renders an unknown time as a date', () => {
    assert.match(
      renderExplanation(explanation(), event({ lastSeen: 0 }), NOW),
      /Last seen at an unknown time/,
    );
  });
});
