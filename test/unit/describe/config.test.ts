import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { summarizeSecret } from '../../../src/core/describe/describe';
import { coreEvent, render } from './helpers';

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('describe ConfigMap', () => {
  it('prints each data key (sorted) with its value, and binary keys with their sizes', () => {
    const cm: KubeObject = {
      metadata: { name: 'cfg', namespace: 'web' },
      data: { 'z.conf': 'last', 'a.conf': 'line 1\nline 2' },
      binaryData: { 'blob.bin': 'AAECAwQ=' },
    };
    assert.equal(
      render('ConfigMap', cm),
      lines(
        'Name:         cfg',
        'Namespace:    web',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'a.conf:',
        '----',
        'line 1',
        'line 2',
        '',
        'z.conf:',
        '----',
        'last',
        '',
        '',
        'BinaryData',
        '====',
        'blob.bin: 5 bytes',
        '',
        'Events:  <none>',
      ),
    );
  });
});

describe('describe Secret', () => {
  const secret: KubeObject = {
    metadata: { name: 'db', namespace: 'web', uid: 'secret-uid' },
    type: 'kubernetes.io/service-account-token',
    data: { token: 'c3VwZXItc2VjcmV0LXRva2Vu', 'ca.crt': 'YWJj' },
  };

  it('prints key names and decoded sizes, never a value (not even a token, unlike kubectl)', () => {
    const text = render('Secret', secret, {
      events: [coreEvent('e', { kind: 'Secret', name: 'db', namespace: 'web', uid: 'secret-uid' })],
    });
    assert.ok(!text.includes('super-secret-token') && !text.includes('c3VwZXItc2VjcmV0LXRva2Vu'), text);
    assert.equal(
      text.split('\nEvents:')[0],
      [
        'Name:         db',
        'Namespace:    web',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Type:  kubernetes.io/service-account-token',
        '',
        'Data',
        '====',
        'ca.crt:  3 bytes',
        'token:   18 bytes',
      ].join('\n'),
    );
    assert.match(text, /\nEvents:\n {2}Type/);
  });

  it('takes type and sizes from the summary lookup for a metadata-only object', () => {
    const meta: KubeObject = {
      apiVersion: 'meta.k8s.io/v1',
      kind: 'PartialObjectMetadata',
      metadata: { name: 'db', namespace: 'web' },
    };
    const summary = summarizeSecret(secret);
    assert.deepEqual(summary, {
      type: 'kubernetes.io/service-account-token',
      sizes: { token: 18, 'ca.crt': 3 },
    });
    const asked: string[] = [];
    const text = render('Secret', meta, {
      related: {
        secretSummary: (ns, name) => {
          asked.push(`${ns}/${name}`);
          return summary;
        },
      },
    });
    assert.deepEqual(asked, ['web/db']);
    assert.match(text, /^Type: {2}kubernetes\.io\/service-account-token$/m);
    assert.match(text, /^ca\.crt: {2}3 bytes\ntoken: {3}18 bytes$/m);
    const unknown = render('Secret', meta);
    assert.match(unknown, /^Type: {2}\n\nData\n====\nEvents: {2}<none>\n$/m);
  });

  it("prints the GET's annotations, not the few a metadata-only cache keeps", () => {
    const meta: KubeObject = {
      metadata: {
        name: 'db',
        namespace: 'web',
        annotations: { 'kubernetes.io/service-account.name': 'builder' },
      },
    };
    const annotations = { 'kubernetes.io/service-account.name': 'builder', owner: 'team-a' };
    const text = render('Secret', meta, {
      related: { secretSummary: () => ({ type: 'Opaque', sizes: {}, annotations }) },
    });
    assert.match(
      text,
      /^Annotations: {2}kubernetes\.io\/service-account\.name: builder\n {14}owner: team-a$/m,
    );
    // Until the GET answers, the cached ones.
    const pending = render('Secret', meta, { related: { secretSummary: () => undefined } });
    assert.match(pending, /^Annotations: {2}kubernetes\.io\/service-account\.name: builder$/m);
    assert.doesNotMatch(pending, /owner/);
  });
});

describe('describe ServiceAccount', () => {
  const sa: KubeObject = {
    metadata: { name: 'builder', namespace: 'web', uid: 'sa-uid' },
    secrets: [{ name: 'mounted' }, { name: 'gone' }],
    imagePullSecrets: [{ name: 'pull' }],
  };
  const secretMeta = (name: string, o: Record<string, unknown> = {}): KubeObject => ({
    metadata: { name, namespace: 'web' },
    ...o,
  });

  it('lists pull and mountable secrets, its tokens, and marks secrets that are not found', () => {
    const tokenAnnotations = {
      'kubernetes.io/service-account.name': 'builder',
      'kubernetes.io/service-account.uid': 'sa-uid',
    };
    const secrets = [
      secretMeta('mounted'),
      secretMeta('pull', { type: 'kubernetes.io/dockerconfigjson' }),
      secretMeta('builder-token', {
        type: 'kubernetes.io/service-account-token',
        metadata: { name: 'builder-token', annotations: tokenAnnotations },
      }),
      // metadata-only: no type, recognised by its annotations
      { metadata: { name: 'builder-token-2', annotations: tokenAnnotations } },
      secretMeta('other-token', {
        type: 'Opaque',
        metadata: { name: 'other-token', annotations: tokenAnnotations },
      }),
    ];
    assert.equal(
      render('ServiceAccount', sa, { related: { secretsIn: () => secrets } }),
      lines(
        'Name:                builder',
        'Namespace:           web',
        'Labels:              <none>',
        'Annotations:         <none>',
        'Image pull secrets:  pull',
        'Mountable secrets:   mounted',
        '                     gone (not found)',
        'Tokens:              builder-token',
        '                     builder-token-2',
        'Events:              <none>',
      ),
    );
  });

  it('marks nothing missing and lists no token when secrets are not cached', () => {
    const text = render('ServiceAccount', sa);
    assert.doesNotMatch(text, /not found/);
    assert.match(text, /^Tokens: +<none>$/m);
  });
});
