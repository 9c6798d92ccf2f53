/**
 * explain l10n: an explanation's prose (cause, evidence, next-step titles, the document and the
 * panel) is in the language of the Localizer it is given, while what is not language (object
 * names, reasons, cluster text, kubectl lines, refs) is the same in every language. A pseudo-locale
 * brackets each message after filling it: with the brackets taken out, every text equals the
 * English one (nothing was dropped or built around the Localizer), and every cause and step title
 * holds at least one bracket (its words went through it).
 */
import * as assert from 'node:assert/strict';
import { explain } from '../../../src/core/explain/explain';
import { explanationView } from '../../../src/core/explain/panelView';
import { renderExplanation } from '../../../src/core/explain/render';
import { LIMITS, type Explanation } from '../../../src/core/explain/types';
import { formatMessage, type Localizer } from '../../../src/core/util/l10n';
import { NOW } from '../explain/builders';
import { BEYOND } from '../explain/corpusBeyond';
import type { CorpusCase } from '../explain/corpusCase';
import { CLUSTER } from '../explain/corpusCluster';
import { PODS } from '../explain/corpusPods';
import { SCHEDULING } from '../explain/corpusScheduling';

const ALL: CorpusCase[] = [...SCHEDULING, ...PODS, ...CLUSTER, ...BEYOND];

/** pseudo brackets each message after filling it, and records the messages asked for. */
function pseudo(): Localizer & { asked: Set<string> } {
  const asked = new Set<string>();
  return { asked, t: (m, ...a) => (asked.add(m), `⟦${formatMessage(m, a)}⟧`) };
}

/** upper is a Localizer that upper-cases its messages, not their arguments. */
const upper: Localizer = { t: (m, ...a) => formatMessage(m.toUpperCase(), a) };

const unbracket = (s: string) => s.replace(/[⟦⟧]/g, '');

/** The English text, unless the brackets may have pushed it past a line's bound (it is then cut). */
const comparable = (english: string) => english.length < LIMITS.lineChars - 80;

function notLanguage(x: Explanation) {
  return {
    reason: x.reason,
    confidence: x.confidence,
    refs: x.evidence.map((e) => [e.ref, e.absent]),
    steps: x.nextSteps.map((s) => [s.command, s.target, s.kubectl]),
    rollout: x.rollout,
  };
}

describe('l10n: explanations', () => {
  for (const c of ALL) {
    it(`${c.event.reason}: ${c.name}: prose through the Localizer, names and commands verbatim`, () => {
      const english = explain(c.event, c.cache(), NOW);
      const l = pseudo();
      const x = explain(c.event, c.cache(), NOW, { l10n: l });
      assert.deepEqual(notLanguage(x), notLanguage(english));
      assert.match(x.cause, /⟦/, `cause not localized: ${x.cause}`);
      if (comparable(english.cause)) assert.equal(unbracket(x.cause), english.cause);
      assert.equal(x.evidence.length, english.evidence.length);
      x.evidence.forEach((e, i) => {
        const en = english.evidence[i]!.text;
        // The rollout line is rollout.ts's, not yet localized (see explainLiterals.test.ts).
        if (comparable(en)) assert.equal(unbracket(e.text), en);
      });
      x.nextSteps.forEach((s, i) => {
        assert.match(s.title, /^⟦.*⟧$/, `step title not localized: ${s.title}`);
        assert.equal(unbracket(s.title), english.nextSteps[i]!.title);
        assert.ok(!s.kubectl?.includes('⟦'), `kubectl line localized: ${s.kubectl}`);
      });
      assert.ok(l.asked.size > 0);
    });
  }

  it('an upper-casing Localizer changes the words, not the names, numbers or commands', () => {
    const c = SCHEDULING.find((k) => /Insufficient cpu/.test(k.event.message))!;
    const english = explain(c.event, c.cache(), NOW);
    const x = explain(c.event, c.cache(), NOW, { l10n: upper });
    assert.notEqual(x.cause, english.cause);
    assert.match(english.cause, /nodes lack CPU/);
    assert.match(x.cause, /NODES LACK CPU/);
    assert.equal(x.cause.toLowerCase(), english.cause.toLowerCase());
    const podName = c.event.involved.name;
    assert.match(podName, /[a-z]/);
    assert.ok(
      x.nextSteps.some((s) => s.title === `DESCRIBE Pod ${podName}`),
      JSON.stringify(x.nextSteps),
    );
    assert.deepEqual(
      x.nextSteps.map((s) => s.kubectl),
      english.nextSteps.map((s) => s.kubectl),
    );
    assert.ok(
      x.evidence.some((e) => /node-\d/.test(e.text)),
      'node names stay lower-case',
    );
  });

  it('the document and the panel put their own words through the Localizer too', () => {
    const c = SCHEDULING.find((k) => /Insufficient cpu/.test(k.event.message))!;
    const l = pseudo();
    const x = explain(c.event, c.cache(), NOW, { l10n: l });
    const englishDoc = renderExplanation(explain(c.event, c.cache(), NOW), c.event, NOW);
    const doc = renderExplanation(x, c.event, NOW, l);
    for (const heading of ['Likely cause', 'Evidence', 'Next steps'])
      assert.ok(doc.includes(`## ⟦${heading}⟧`), heading);
    assert.match(doc, /^# ⟦Warning FailedScheduling on Pod /);
    assert.match(doc, /⟦Confidence: ⟦/);
    assert.equal(unbracket(doc), englishDoc);
    // kubectl lines are copied as they are.
    for (const s of x.nextSteps) if (s.kubectl) assert.ok(doc.includes(`  \`${s.kubectl}\``), s.kubectl);

    const englishView = explanationView(explain(c.event, c.cache(), NOW), c.event, 'kind-a', 'k1');
    const view = explanationView(x, c.event, 'kind-a', 'k1', l);
    assert.equal(view.reason, 'FailedScheduling');
    assert.equal(view.subject, englishView.subject);
    assert.deepEqual(
      view.steps.map((s) => s.kubectl),
      englishView.steps.map((s) => s.kubectl),
    );
    assert.deepEqual(JSON.parse(unbracket(JSON.stringify(view))), englishView);
  });

  it('the rollout section: its labels and the change areas through the Localizer, revisions and images verbatim', () => {
    const c = SCHEDULING[0]!;
    const x: Explanation = {
      ...explain(c.event, c.cache(), NOW),
      rollout: {
        workload: { kind: 'Deployment', namespace: 'shop', name: 'web' },
        revision: '7',
        sinceRollout: 40_000,
        startedAfterRollout: true,
        warningsPerRevision: [{ revision: '7', warnings: 12 }],
        changes: [{ area: 'image', container: 'app', text: 'nginx:1.27 -> nginx:1.28' }],
        previousRevision: '6',
      },
    };
    const l = pseudo();
    const doc = renderExplanation(x, c.event, NOW, l);
    assert.ok(doc.includes('## ⟦Rollout⟧'), doc);
    assert.ok(doc.includes('- ⟦Warnings per revision: 7: 12⟧'), doc);
    assert.ok(doc.includes('- ⟦Changed since revision 6:⟧'), doc);
    assert.ok(doc.includes('  - ⟦image⟧ (app): nginx:1.27 -> nginx:1.28'), doc);
    const view = explanationView(x, c.event, 'kind-a', 'k1', l);
    assert.ok(view.rollout.includes('⟦Changed since revision 6:⟧ ⟦image⟧ (app): nginx:1.27 -> nginx:1.28'));
    assert.equal(unbracket(doc), renderExplanation(x, c.event, NOW));
  });

  it('an evidence line about a missing object says "missing" through the Localizer', () => {
    const c = ALL.find((k) => (k.absent ?? []).length > 0)!;
    const l = pseudo();
    const x = explain(c.event, c.cache(), NOW, { l10n: l });
    const view = explanationView(x, c.event, 'kind-a', 'k1', l);
    assert.ok(
      view.evidence.some((e) => e.includes('(⟦missing: ')),
      view.evidence.join('\n'),
    );
    assert.ok(renderExplanation(x, c.event, NOW, l).includes('(⟦missing: '));
  });
});
