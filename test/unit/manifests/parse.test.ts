import * as assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { ManifestIndex } from '../../../src/core/manifests/manifestIndex';
import { countAliases, parseManifest } from '../../../src/core/manifests/parse';

const opts = { load };

const MULTI = [
  '# a comment before the first document',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  labels:',
  '    app: web',
  '    app.kubernetes.io/instance: shop',
  '    helm.sh/chart: web-1.2.0',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    metadata:',
  '      name: not-this-one',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: "web-svc" # quoted',
  '---',
  '--- # empty document',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: flow, namespace: x}',
].join('\n');

describe('manifests/parseManifest', () => {
  it('reads multi-document YAML with positions, namespaces present and absent, labels', () => {
    const p = parseManifest('deploy/web.yaml', MULTI, opts);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(
      p.entries.map((e) => [
        e.kind,
        e.name,
        e.namespace,
        e.startLine,
        e.endLine,
        e.nameLine,
        e.nameColumn,
        e.kindLine,
      ]),
      [
        ['Deployment', 'web', 'shop', 0, 13, 8, 8, 2],
        ['Service', 'web-svc', undefined, 14, 18, 18, 8, 16],
        ['ConfigMap', 'flow', 'x', 20, 23, 23, 17, 22],
      ],
    );
    assert.deepEqual(p.entries[0]!.labels, {
      'app.kubernetes.io/instance': 'shop',
      'helm.sh/chart': 'web-1.2.0',
    });
    assert.equal(p.entries[0]!.apiVersion, 'apps/v1');
    assert.equal(p.entries[0]!.template, false);
  });

  it('reads the items of a List, each at its own metadata.name', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'metadata: {}',
      'items:',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    name: a',
      '- kind: Pod',
      '  metadata:',
      '    namespace: other',
      '    name: b',
    ].join('\n');
    const p = parseManifest('list.yaml', text, opts);
    assert.deepEqual(
      p.entries.map((e) => [e.kind, e.name, e.namespace, e.nameLine]),
      [
        ['Pod', 'a', undefined, 7],
        ['Pod', 'b', 'other', 11],
      ],
    );
  });

  it('reads JSON objects and JSON Lists', () => {
    const one = JSON.stringify(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'n' } },
      null,
      2,
    );
    const p = parseManifest('svc.json', one, opts);
    assert.deepEqual(
      p.entries.map((e) => [e.kind, e.name, e.namespace, e.nameLine]),
      [['Service', 'api', 'n', 4]],
    );
    const list = JSON.stringify(
      {
        kind: 'List',
        items: [
          { kind: 'Pod', metadata: { name: 'p1' } },
          { kind: 'Pod', metadata: { name: 'p2' } },
        ],
      },
      null,
      2,
    );
    const l = parseManifest('pods.json', list, opts);
    assert.deepEqual(
      l.entries.map((e) => [e.name, list.split('\n')[e.nameLine]!.trim()]),
      [
        ['p1', '"name": "p1"'],
        ['p2', '"name": "p2"'],
      ],
    );
    assert.deepEqual(parseManifest('package.json', '{"name": "x"}', opts).entries, []);
    assert.equal(parseManifest('bad.json', '{"kind": ', opts).errors.length, 1);
  });

  it('keeps the good documents of a file with broken ones, and reports the broken ones by line', () => {
    const text = [
      'kind: Pod',
      'metadata:',
      '  name: ok',
      '---',
      'kind: Pod',
      'metadata: [unclosed',
      '  name: x',
      '---',
      'kind: Pod',
      'metadata:',
      '  name: ok2',
    ].join('\n');
    const p = parseManifest('mixed.yaml', text, opts);
    assert.deepEqual(
      p.entries.map((e) => e.name),
      ['ok', 'ok2'],
    );
    assert.equal(p.errors.length, 1);
    assert.ok(p.errors[0]!.line >= 3 && p.errors[0]!.line <= 7, `line ${p.errors[0]!.line}`);
  });

  it('skips documents without kind or name, and scalars', () => {
    const text = [
      'kind: Kustomization',
      'resources: [a.yaml]',
      '---',
      'just a string',
      '---',
      '- kind: Pod',
      '---',
      'kind: Pod',
      'metadata:',
      '  generateName: x-',
    ].join('\n');
    const p = parseManifest('kustomization.yaml', text, opts);
    assert.deepEqual(p.entries, []);
    assert.deepEqual(p.errors, []);
  });

  it('skips a file over the size bound, and binary junk, whole', () => {
    const big = `kind: Pod\nmetadata:\n  name: big\n# ${'x'.repeat(200)}`;
    assert.equal(parseManifest('big.yaml', big, { load, maxChars: 100 }).skipped, 'too-large');
    assert.equal(parseManifest('big.yaml', big, { load, maxChars: 1000 }).entries.length, 1);
    const junk = 'kind\u0000\u0001\u00ff\ufffd'.repeat(50);
    const p = parseManifest('junk.yaml', junk, opts);
    assert.equal(p.skipped, 'binary');
    assert.deepEqual(p.entries, []);
  });

  it('never throws on random bytes (no NUL)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'kind: metadata name - [ ] { } " \' & * ! | > % @ ` \n\t#:,?---...{{ }}';
    for (let i = 0; i < 300; i++) {
      let s = '';
      for (let j = 0; j < 200; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      assert.doesNotThrow(() => parseManifest(`f${i}.yaml`, s, opts));
      assert.doesNotThrow(() => parseManifest(`templates/f${i}.yaml`, s, opts));
      assert.doesNotThrow(() => parseManifest(`f${i}.json`, s, opts));
    }
  });

  it('bounds the documents per file and the aliases per document', () => {
    const doc = (i: number) => `kind: Pod\nmetadata:\n  name: p${i}\n`;
    const text = Array.from({ length: 30 }, (_, i) => doc(i)).join('---\n');
    const p = parseManifest('many.yaml', text, { load, maxDocuments: 10 });
    assert.equal(p.entries.length, 10);
    assert.match(p.errors[0]!.message, /more than 10 documents/);
    assert.equal(parseManifest('many.yaml', text, { load, maxDocuments: 1000 }).entries.length, 30);

    // Entries (documents and List items) per file are bounded too.
    const items = Array.from({ length: 50 }, (_, i) => `- kind: Pod\n  metadata:\n    name: i${i}`).join(
      '\n',
    );
    const list = parseManifest('big-list.yaml', `kind: List\nitems:\n${items}`, { load, maxEntries: 7 });
    assert.equal(list.entries.length, 7);
    assert.equal(parseManifest('many.yaml', text, { load, maxEntries: 4 }).entries.length, 4);

    // A "billion laughs": each level aliases the previous one ten times.
    const lines = ['a0: &a0 [lol, lol]'];
    for (let i = 1; i < 12; i++)
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const bomb = [
      'kind: ConfigMap',
      'metadata:',
      '  name: bomb',
      'data:',
      ...lines.map((l) => `  ${l}`),
    ].join('\n');
    assert.equal(countAliases(bomb, 1000), 110);
    const b = parseManifest('bomb.yaml', bomb, opts);
    assert.deepEqual(b.entries, []);
    assert.match(b.errors[0]!.message, /more than 100 aliases/);
    assert.equal(parseManifest('bomb.yaml', bomb, { load, maxAliases: 200 }).entries.length, 1);
    // Ordinary anchors are resolved by js-yaml and indexed.
    const anchors = ['kind: Pod', 'metadata: &m', '  name: anchored', 'spec:', '  x: *m'].join('\n');
    assert.deepEqual(
      parseManifest('a.yaml', anchors, opts).entries.map((e) => e.name),
      ['anchored'],
    );
  });

  it('reads Helm templates that are not YAML by heuristics, marked template, with their labels', () => {
    const text = [
      '{{- if .Values.enabled }}',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "web.fullname" . }}',
      '  labels:',
      '    app.kubernetes.io/instance: {{ .Release.Name }}',
      '    helm.sh/chart: web-0.1.0',
      'spec:',
      '  replicas: {{ .Values.replicas }}',
      '{{- end }}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: fixed-svc',
      '  namespace: tools',
      '  labels:',
      '    {{- include "web.labels" . | nindent 4 }}',
    ].join('\n');
    const p = parseManifest('charts/web/templates/deploy.yaml', text, opts);
    assert.deepEqual(
      p.entries.map((e) => [e.kind, e.name, e.namespace, e.nameLine, e.template]),
      [
        ['Deployment', '{{ include "web.fullname" . }}', undefined, 4, true],
        ['Service', 'fixed-svc', 'tools', 15, true],
      ],
    );
    assert.deepEqual(p.entries[0]!.labels, {
      'app.kubernetes.io/instance': '{{ .Release.Name }}',
      'helm.sh/chart': 'web-0.1.0',
    });
    // Outside templates/ and without `{{`, broken YAML is an error, not a guess.
    const broken = parseManifest('plain.yaml', 'kind: Pod\nmetadata:\n  name: x\n  bad: [', opts);
    assert.deepEqual(broken.entries, []);
    assert.equal(broken.errors.length, 1);
  });

  it('keeps a Kustomize/Flux label of rendered output', () => {
    const text = [
      'kind: Deployment',
      'metadata:',
      '  name: api',
      '  labels:',
      '    kustomize.toolkit.fluxcd.io/name: apps',
    ].join('\n');
    assert.deepEqual(parseManifest('out.yaml', text, opts).entries[0]!.labels, {
      'kustomize.toolkit.fluxcd.io/name': 'apps',
    });
  });
});

describe('manifests/ManifestIndex', () => {
  it('updates, removes and renames files incrementally, with a reverse map by object', () => {
    const index = new ManifestIndex(opts);
    index.update('a.yaml', 'kind: Pod\nmetadata:\n  name: x\n---\nkind: Pod\nmetadata:\n  name: y');
    index.update('b.yaml', 'kind: Pod\nmetadata:\n  name: x');
    assert.equal(index.entryCount, 3);
    assert.deepEqual(
      index
        .defining('Pod', 'x')
        .map((e) => e.file)
        .sort(),
      ['a.yaml', 'b.yaml'],
    );
    index.update('a.yaml', 'kind: Pod\nmetadata:\n  name: z');
    assert.deepEqual(
      index.defining('Pod', 'x').map((e) => e.file),
      ['b.yaml'],
    );
    assert.deepEqual(index.defining('Pod', 'y'), []);
    assert.ok(index.rename('b.yaml', 'c.yaml'));
    assert.deepEqual(
      index.defining('Pod', 'x').map((e) => e.file),
      ['c.yaml'],
    );
    assert.deepEqual(index.entries('b.yaml'), []);
    assert.equal(index.entries('c.yaml')[0]!.file, 'c.yaml');
    assert.ok(index.remove('c.yaml'));
    assert.deepEqual(index.defining('Pod', 'x'), []);
    assert.equal(index.rename('nope', 'x'), false);
    index.skip('huge.yaml', 'too-large');
    assert.equal(index.get('huge.yaml')?.skipped, 'too-large');
    assert.deepEqual(index.allFiles().sort(), ['a.yaml', 'huge.yaml']);
  });
});
