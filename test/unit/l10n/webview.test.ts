/**
 * webview l10n: the page's strings come from the bundle the host embeds in its HTML, validated
 * and bounded; `t` answers as vscode.l10n.t does, and the webview's own words go through it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { renderEventsHtml } from '../../../src/host/webviews/html';
import { isL10nBundle, L10N_ELEMENT_ID, L10N_LIMITS, l10nScriptJson } from '../../../src/protocol/l10n';
import { clip, countText, isoTime } from '../../../src/webview/format';
import { loadL10nBundle, setL10nBundle, t } from '../../../src/webview/l10n';
import { chipsOf, initialViewState } from '../../../src/webview/viewState';
import { BUNDLE_FILE } from '../../../scripts/l10n-export';

/** pageWith is the bit of a Document loadL10nBundle reads, from a rendered page's HTML. */
function pageWith(html: string): Document {
  const m = new RegExp(`<script type="application/json" id="${L10N_ELEMENT_ID}">(.*?)</script>`, 's').exec(
    html,
  );
  return {
    getElementById: (id: string) => (id === L10N_ELEMENT_ID && m ? { textContent: m[1] } : null),
  } as unknown as Document;
}

describe('l10n: the webview', () => {
  afterEach(() => setL10nBundle({}));

  it('t is English without a bundle, {N} filled', () => {
    assert.equal(t('{0} of {1} events', '3', '10'), '3 of 10 events');
  });

  it('a bundle embedded by renderEventsHtml reaches t, even text that tries to close the element', () => {
    const bundle = { '{0} events': '{0} événements', Pause: '</script><script>alert(1)</script>' };
    const html = renderEventsHtml({
      cspSource: 'x',
      nonce: 'n',
      scriptUri: 's',
      styleUris: [],
      l10n: bundle,
    });
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the bundle and the script elements close');
    assert.equal(loadL10nBundle(pageWith(html)), true);
    assert.equal(t('{0} events', '5'), '5 événements');
    assert.equal(t('Pause'), bundle.Pause);
    assert.equal(t('Follow'), 'Follow', 'a message the bundle lacks stays English');
  });

  it('the page without a bundle (or a broken one) stays English', () => {
    assert.equal(loadL10nBundle(pageWith('<p>no bundle</p>')), false);
    const broken = { getElementById: () => ({ textContent: '{"Pause": 1' }) } as unknown as Document;
    assert.equal(loadL10nBundle(broken), false);
    assert.equal(t('Pause'), 'Pause');
  });

  it('refuses a bundle that is not a bounded map of strings, whole', () => {
    const many = Object.fromEntries(
      Array.from({ length: L10N_LIMITS.entries + 1 }, (_, i) => [`k${i}`, 'v']),
    );
    for (const bad of [
      null,
      [],
      'x',
      { Pause: 1 },
      many,
      { ['k'.repeat(L10N_LIMITS.keyLength + 1)]: 'v' },
      { Pause: 'v'.repeat(L10N_LIMITS.valueLength + 1) },
      new (class Bundle {
        Pause = 'P';
      })(),
    ]) {
      assert.equal(isL10nBundle(bad), false, JSON.stringify(bad)?.slice(0, 60));
      assert.equal(setL10nBundle(bad), false);
    }
    assert.equal(isL10nBundle(Object.fromEntries(Object.entries(many).slice(1))), true);
    assert.equal(t('Pause'), 'Pause');
  });

  it('does not read inherited properties as translations', () => {
    assert.equal(t('toString'), 'toString');
    assert.equal(t('constructor'), 'constructor');
  });

  it('l10nScriptJson escapes what could end the element or the script, and parses back', () => {
    const b = { a: '<!-- </script> & \u2028' };
    const json = l10nScriptJson(b);
    assert.doesNotMatch(json, /[<>&\u2028]/);
    assert.deepEqual(JSON.parse(json), b);
  });

  it('the webview formats and chips put their words through t (a pseudo-locale of the whole bundle)', () => {
    const english = JSON.parse(fs.readFileSync(BUNDLE_FILE, 'utf8')) as Record<string, string>;
    setL10nBundle(Object.fromEntries(Object.keys(english).map((k) => [k, `⟦${k}⟧`])));
    assert.equal(countText({ count: 4, firstSeen: 1000 }, 61_000), 'x4 ⟦over 60s⟧');
    assert.equal(isoTime(0), '⟦unknown⟧');
    assert.match(clip('abcdef', 2), /^ab… ⟦\(4 more characters\)⟧$/);
    const s = initialViewState();
    s.ui.warningsOnly = true;
    s.ui.namespaces = ['web'];
    assert.deepEqual(
      chipsOf(s).map((c) => c.label),
      ['⟦type: Warning⟧', '⟦namespace: web⟧'],
    );
  });
});
