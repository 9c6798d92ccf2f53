import * as assert from 'node:assert/strict';
import { loadKubeconfigs } from '../../../src/kube/kubeconfig';
import { KubeconfigSyntaxError, parseKubeconfigYaml, YAML_MAX_NODES } from '../../../src/kube/kubeconfigYaml';

/** bomb builds the classic "billion laughs": `depth` levels of 9 aliases to the level below. */
function bomb(depth: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= depth; i++) {
    const p = `*a${i - 1}`;
    lines.push(`a${i}: &a${i} [${Array(9).fill(p).join(',')}]`);
  }
  return `clusters: []\nextra:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

describe('kubeconfig YAML budget', () => {
  it('stops a depth-9 alias bomb under 1 KB after a bounded number of nodes, with a clear message', () => {
    const text = bomb(9);
    assert.ok(text.length < 1024, `${text.length} bytes`);
    // 9^10 ≈ 3.5 billion nodes once expanded; the walk stops at the budget.
    let err: unknown;
    try {
      parseKubeconfigYaml(text, { maxNodes: 10_000 });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof KubeconfigSyntaxError);
    assert.match(err.message, /more than 10000 nodes once aliases are expanded \(an alias bomb\?\)/);
  });

  it('reports the bomb as a file error with the default budget, and loads the other files', () => {
    const files: Record<string, string> = {
      '/bomb': bomb(9),
      '/ok':
        'clusters:\n- name: c\n  cluster: {server: https://k}\ncontexts:\n- name: x\n  context: {cluster: c}\n',
    };
    const r = loadKubeconfigs(['/bomb', '/ok'], (p) => files[p]!);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.message, new RegExp(`/bomb: more than ${YAML_MAX_NODES} nodes`));
    assert.deepEqual(
      r.contexts.map((c) => c.name),
      ['x'],
    );
  });

  it('accepts aliases within the budget and returns a tree without shared nodes', () => {
    const doc = parseKubeconfigYaml('a: &x {k: [1, 2]}\nb: *x\n') as {
      a: { k: number[] };
      b: { k: number[] };
    };
    assert.deepEqual(doc.b, { k: [1, 2] });
    assert.notEqual(doc.a, doc.b);
    doc.a.k.push(3);
    assert.deepEqual(doc.b.k, [1, 2]);
  });

  it('counts a node reached through N aliases N times', () => {
    const list = `l: &l [${Array(100).fill('1').join(',')}]\nr: [${Array(100).fill('*l').join(',')}]\n`;
    // root 1 + l (1 + 100) + r (1 + 100 aliases * (1 + 100)) = 10,203 nodes.
    assert.doesNotThrow(() => parseKubeconfigYaml(list, { maxNodes: 10_203 }));
    assert.throws(() => parseKubeconfigYaml(list, { maxNodes: 10_202 }), /more than 10202 nodes/);
  });

  it('bounds nesting depth, also for a flow sequence too deep for the parser', () => {
    assert.throws(() => parseKubeconfigYaml(`${'['.repeat(100)}${']'.repeat(100)}`), /nest.*64/);
    // Through aliases, nesting the parser never sees: the walk bounds it.
    const deep = Array.from({ length: 70 }, (_, i) => `a${i}: &a${i} [${i === 0 ? '1' : `*a${i - 1}`}]`).join(
      '\n',
    );
    assert.throws(() => parseKubeconfigYaml(deep), /nested deeper than 64 levels/);
    assert.throws(() => parseKubeconfigYaml(`${'['.repeat(200_000)}`), KubeconfigSyntaxError);
  });

  it('keeps YAML 1.1-looking values as kubectl sees them through JSON (no timestamps, no merge keys)', () => {
    const doc = parseKubeconfigYaml('t: 2024-01-02\nbase: &b {x: 1}\nm: {<<: *b}\n') as Record<
      string,
      unknown
    >;
    assert.equal(doc.t, '2024-01-02');
    assert.deepEqual(doc.m, { '<<': { x: 1 } });
  });

  it('keeps a __proto__ key a plain key', () => {
    const doc = parseKubeconfigYaml('__proto__: {polluted: true}\n') as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(doc), Object.prototype);
    assert.deepEqual(Object.keys(doc), ['__proto__']);
  });
});
