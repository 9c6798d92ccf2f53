import * as assert from 'node:assert/strict';
import { ExcludeMatcher, globToRegExp } from '../../../src/core/manifests/exclude';

describe('manifests/exclude', () => {
  it('compiles VS Code globs', () => {
    assert.ok(globToRegExp('**/dist').test('a/b/dist/x.yaml'));
    assert.ok(globToRegExp('**/dist').test('dist/x.yaml'));
    assert.ok(!globToRegExp('**/dist').test('a/distant/x.yaml'));
    assert.ok(globToRegExp('*.min.yaml').test('x.min.yaml'));
    assert.ok(!globToRegExp('*.min.yaml').test('a/x.min.yaml'));
    assert.ok(globToRegExp('**/*.{yml,json}').test('a/b.json'));
    assert.ok(!globToRegExp('**/*.{yml,json}').test('a/b.yaml'));
    assert.ok(globToRegExp('build/[ab]?').test('build/a1/x'));
    assert.ok(!globToRegExp('build/[ab]?').test('build/c1/x'));
    assert.ok(globToRegExp('a.b+(c)').test('a.b+(c)'));
    assert.ok(!globToRegExp('a.b').test('axb'));
  });

  it('always excludes node_modules and .git, and honours files.exclude/search.exclude true keys only', () => {
    const m = new ExcludeMatcher([
      { '**/gen': true, '**/keep': false, '**/*.x': { when: '$(basename).y' } },
      { 'vendor/**': true },
      null,
      'junk',
    ]);
    assert.ok(m.excludes('node_modules/a/b.yaml'));
    assert.ok(m.excludes('x/.git/config.yaml'));
    assert.ok(m.excludes('src/gen/a.yaml'));
    assert.ok(m.excludes('vendor/a.yaml'));
    assert.ok(!m.excludes('src/keep/a.yaml'));
    assert.ok(!m.excludes('src/a.x'));
    assert.ok(!m.excludes('deploy/web.yaml'));
    assert.ok(m.globs.includes('**/gen') && !m.globs.includes('**/keep'));
  });

  it('bounds the compiled patterns', () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}/**`, true]));
    assert.equal(new ExcludeMatcher([many], 50).globs.length, 50);
  });
});
