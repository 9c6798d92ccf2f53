import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { matchEntry, type LiveCaches } from '../../../src/core/manifests/match';
import { parseManifest } from '../../../src/core/manifests/parse';
import type { ManifestEntry } from '../../../src/core/manifests/types';
import { formatWarning } from '../../../src/core/manifests/warningGroups';
import { descendants, type Owned } from '../../../src/core/resources/ownership';
import { load } from 'js-yaml';
import { object, owner } from '../rollup/fixtures';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function warning(
  uid: string,
  target: KubeObject,
  kind: string,
  reason: string,
  count: number,
  agoMs: number,
  message = `${reason} on ${target.metadata.name}`,
  type = 'Warning',
): KubeObject {
  return {
    kind: 'Event',
    metadata: { name: `${target.metadata.name}.${uid}`, namespace: target.metadata.namespace, uid },
    involvedObject: {
      kind,
      name: target.metadata.name,
      namespace: target.metadata.namespace,
      uid: target.metadata.uid,
    },
    type,
    reason,
    message,
    count,
    lastTimestamp: new Date(NOW - agoMs).toISOString(),
  } as KubeObject;
}

/** FakeCaches is a context's cache made of plain lists. */
class FakeCaches implements LiveCaches {
  readonly objects: Owned[] = [];
  readonly events: KubeObject[] = [];
  constructor(
    readonly context = 'kind-alpha',
    readonly defaultNamespace = 'web',
  ) {}
  add(kind: string, obj: KubeObject): KubeObject {
    this.objects.push({ kind, obj });
    return obj;
  }
  kindInfo(kind: string) {
    return ['Deployment', 'ReplicaSet', 'Pod', 'Service'].includes(kind)
      ? { namespaced: true }
      : kind === 'Node'
        ? { namespaced: false }
        : undefined;
  }
  get(kind: string, namespace: string | undefined, name: string) {
    return this.objects.find(
      (o) => o.kind === kind && o.obj.metadata.name === name && o.obj.metadata.namespace === namespace,
    )?.obj;
  }
  list(kind: string, namespace: string | undefined) {
    return this.objects
      .filter((o) => o.kind === kind && (namespace === undefined || o.obj.metadata.namespace === namespace))
      .map((o) => o.obj);
  }
  descendants(uid: string) {
    return descendants(uid, {
      byUid: (u) => this.objects.find((o) => o.obj.metadata.uid === u),
      childrenOf: (u) => this.objects.filter((o) => o.obj.metadata.ownerReferences?.some((r) => r.uid === u)),
    });
  }
  eventsFor(uid: string) {
    return this.events.filter((e) => (e['involvedObject'] as { uid: string }).uid === uid);
  }
}

function entryOf(yaml: string, file = 'web.yaml'): ManifestEntry {
  const e = parseManifest(file, yaml, { load }).entries[0];
  assert.ok(e, 'the corpus document parses');
  return e;
}

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3';

function world(): { caches: FakeCaches; pods: KubeObject[]; dep: KubeObject } {
  const caches = new FakeCaches();
  const dep = caches.add('Deployment', {
    ...object('Deployment', 'web', 'd1'),
    spec: { replicas: 3 },
    status: { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
  } as KubeObject);
  caches.add('ReplicaSet', object('ReplicaSet', 'web-7d9', 'rs1', [owner('Deployment', 'web', 'd1')]));
  const pods = ['a', 'b'].map((s) =>
    caches.add('Pod', object('Pod', `web-7d9-${s}`, `p-${s}`, [owner('ReplicaSet', 'web-7d9', 'rs1')])),
  );
  caches.add('Pod', object('Pod', 'other', 'p-other'));
  return { caches, pods, dep };
}

describe('manifests/matchEntry', () => {
  it('finds the object in the default namespace when the document has none, and summarises it', () => {
    const { caches } = world();
    const m = matchEntry(entryOf(DEPLOYMENT), caches, { now: NOW });
    assert.equal(m.state, 'found');
    if (m.state !== 'found') return;
    assert.equal(m.namespace, 'web');
    assert.equal(m.summary.status, 'Available');
    assert.deepEqual(m.summary.ready, { ready: 3, desired: 3 });
    assert.equal(m.descendantCount, 3);
    assert.deepEqual(m.warnings, []);
  });

  it('uses the document namespace when present, and says not found elsewhere', () => {
    const { caches } = world();
    const m = matchEntry(entryOf(DEPLOYMENT.replace('name: web', 'name: web\n  namespace: prod')), caches, {
      now: NOW,
    });
    assert.deepEqual(m, { state: 'not-found', context: 'kind-alpha', namespace: 'prod' });
    const other = new FakeCaches('kind-alpha', 'prod');
    other.add('Deployment', object('Deployment', 'web', 'x', [], 'prod'));
    assert.equal(matchEntry(entryOf(DEPLOYMENT), other, { now: NOW }).state, 'found');
  });

  it('ignores the namespace of a cluster-scoped kind, and reports kinds the context does not cache', () => {
    const caches = new FakeCaches();
    caches.add('Node', { kind: 'Node', metadata: { name: 'n1', uid: 'n1' } });
    const node = matchEntry(entryOf('kind: Node\nmetadata:\n  name: n1\n  namespace: web'), caches, {
      now: NOW,
    });
    assert.equal(node.state, 'found');
    const cm = matchEntry(entryOf('kind: ConfigMap\nmetadata:\n  name: c'), caches, { now: NOW });
    assert.deepEqual(cm, { state: 'unknown', context: 'kind-alpha', why: 'kind-not-watched' });
  });

  it('does not guess a template name that is an expression', () => {
    const { caches } = world();
    const e = entryOf(
      '{{ if x }}\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{ end }}',
      'c/templates/d.yaml',
    );
    assert.equal(e.template, true);
    assert.deepEqual(matchEntry(e, caches, { now: NOW }), {
      state: 'unknown',
      context: 'kind-alpha',
      why: 'template',
    });
    const literal = entryOf(
      '{{ if x }}\nkind: Deployment\nmetadata:\n  name: web\n{{ end }}',
      'c/templates/d.yaml',
    );
    assert.equal(matchEntry(literal, caches, { now: NOW }).state, 'found');
  });

  it('groups live Warnings on the object and its descendants by reason, summing counts, latest message', () => {
    const { caches, pods, dep } = world();
    caches.events.push(
      warning('e1', pods[0]!, 'Pod', 'BackOff', 30, 60_000, 'Back-off restarting failed container api (old)'),
      warning('e2', pods[1]!, 'Pod', 'BackOff', 7, 10_000, 'Back-off restarting failed container api'),
      warning('e3', dep, 'Deployment', 'ProgressDeadlineExceeded', 1, 5_000),
      warning('e4', pods[0]!, 'Pod', 'Pulled', 1, 1_000, 'ok', 'Normal'),
      warning('e5', pods[0]!, 'Pod', 'Old', 1, 2 * 3_600_000),
      warning('e6', caches.get('Pod', 'web', 'other')!, 'Pod', 'Elsewhere', 1, 1_000),
    );
    const m = matchEntry(entryOf(DEPLOYMENT), caches, { now: NOW });
    assert.equal(m.state, 'found');
    if (m.state !== 'found') return;
    assert.deepEqual(
      m.warnings.map((g) => [g.reason, g.count, g.subject, g.objectCount, g.objects.map((o) => o.name)]),
      [
        ['ProgressDeadlineExceeded', 1, 'web', 1, ['web']],
        ['BackOff', 37, 'pods of web', 2, ['web-7d9-b', 'web-7d9-a']],
      ],
    );
    assert.equal(
      formatWarning(m.warnings[1]!),
      'BackOff x37 (pods of web): Back-off restarting failed container api',
    );
    assert.equal(m.recent[0]!.reason, 'Pulled');
    assert.ok(m.recent.length <= 5);
  });

  it('honours muted reasons, namespaces and contexts', () => {
    const { caches, pods } = world();
    caches.events.push(
      warning('e1', pods[0]!, 'Pod', 'BackOff', 3, 1_000),
      warning('e2', pods[0]!, 'Pod', 'Unhealthy', 2, 1_000),
    );
    const entry = entryOf(DEPLOYMENT);
    const reasons = (o: object) => {
      const m = matchEntry(entry, caches, { now: NOW, ...o });
      return m.state === 'found' ? m.warnings.map((g) => g.reason).sort() : [];
    };
    assert.deepEqual(reasons({}), ['BackOff', 'Unhealthy']);
    assert.deepEqual(reasons({ mutedReasons: ['BackOff'] }), ['Unhealthy']);
    assert.deepEqual(reasons({ mutedNamespaces: ['web'] }), []);
    assert.deepEqual(reasons({ mutedNamespaces: ['kind-alpha/web'] }), []);
    assert.deepEqual(reasons({ mutedNamespaces: ['other-ctx/web'] }), ['BackOff', 'Unhealthy']);
    assert.deepEqual(reasons({ mutedContexts: ['kind-alpha'] }), []);
  });

  it('bounds the objects kept per group and truncates long messages', () => {
    const caches = new FakeCaches();
    const rs = caches.add('ReplicaSet', object('ReplicaSet', 'big', 'rs'));
    for (let i = 0; i < 50; i++) {
      const p = caches.add('Pod', object('Pod', `p${i}`, `u${i}`, [owner('ReplicaSet', 'big', 'rs')]));
      caches.events.push(warning(`e${i}`, p, 'Pod', 'FailedScheduling', 1, 1_000 + i, 'x'.repeat(1000)));
    }
    const m = matchEntry(entryOf('kind: ReplicaSet\nmetadata:\n  name: big'), caches, { now: NOW });
    assert.equal(m.state, 'found');
    if (m.state !== 'found') return;
    assert.equal(rs.metadata.name, 'big');
    const g = m.warnings[0]!;
    assert.equal(g.objectCount, 50);
    assert.equal(g.objects.length, 20);
    assert.equal(g.objects[0]!.name, 'p0');
    assert.ok(formatWarning(g).length < 400);
  });

  it('matches a template whose name is an expression by its literal Helm/Kustomize labels, only when one object has them', () => {
    const { caches } = world();
    const labelled = (name: string, uid: string, chart: string, instance: string) =>
      caches.add('Deployment', {
        ...object('Deployment', name, uid),
        metadata: {
          ...object('Deployment', name, uid).metadata,
          labels: { 'helm.sh/chart': chart, 'app.kubernetes.io/instance': instance },
        },
      } as KubeObject);
    labelled('shop-web', 'h1', 'web-0.1.0', 'shop');
    const template = (chart: string) =>
      entryOf(
        [
          '{{- if .Values.enabled }}',
          'kind: Deployment',
          'metadata:',
          '  name: {{ include "web.fullname" . }}',
          '  labels:',
          `    helm.sh/chart: ${chart}`,
          '    app.kubernetes.io/instance: {{ .Release.Name }}',
          '{{- end }}',
        ].join('\n'),
        'chart/templates/deploy.yaml',
      );
    const m = matchEntry(template('web-0.1.0'), caches, { now: NOW });
    assert.equal(m.state, 'found');
    if (m.state === 'found') {
      assert.equal(m.name, 'shop-web');
      assert.equal(m.by, 'labels');
    }
    assert.equal(matchEntry(template('web-9.9.9'), caches, { now: NOW }).state, 'unknown');
    labelled('other-web', 'h2', 'web-0.1.0', 'other');
    assert.deepEqual(matchEntry(template('web-0.1.0'), caches, { now: NOW }), {
      state: 'unknown',
      context: 'kind-alpha',
      why: 'template',
    });
  });
});
