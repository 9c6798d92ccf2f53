import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { goTimeString } from '../../../src/core/describe/networking';
import { render } from './helpers';

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('describe Ingress', () => {
  const ingress: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name: 'shop', namespace: 'web', annotations: { a: 'b' } },
    spec: {
      defaultBackend: { service: { name: 'web', port: { name: 'http' } } },
      rules: [
        { host: 'x.example.com' },
        {
          http: {
            paths: [
              { path: '/api', backend: { service: { name: 'api', port: { number: 8080 } } } },
              { path: '/gone', backend: { service: { name: 'gone', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
    status: {
      loadBalancer: { ingress: [{ hostname: 'b.example.com' }, { ip: '10.0.0.1' }, { ip: '10.0.0.1' }] },
    },
  };
  const services: Record<string, KubeObject> = {
    web: { metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }] } },
    api: { metadata: { name: 'api' }, spec: { ports: [{ name: 'grpc', port: 8080 }] } },
  };
  const slice = (port: string, ip: string): KubeObject => ({
    kind: 'EndpointSlice',
    metadata: { name: 's' },
    addressType: 'IPv4',
    ports: [{ name: port, port: 9000 }],
    endpoints: [{ addresses: [ip] }],
  });

  it('resolves each service backend to its endpoints through the cached Service', () => {
    const text = render('Ingress', ingress, {
      related: {
        serviceFor: (_ns, name) => services[name] ?? null,
        endpointsFor: (_ns, name) => (name === 'web' ? slice('http', '10.1.0.1') : slice('grpc', '10.1.0.2')),
      },
    });
    assert.equal(
      text,
      lines(
        'Name:             shop',
        'Labels:           <none>',
        'Namespace:        web',
        'Address:          10.0.0.1,b.example.com',
        'Ingress Class:    <none>',
        'Default backend:  web:http (10.1.0.1:9000)',
        'Rules:',
        '  Host        Path  Backends',
        '  ----        ----  --------',
        '  *           ',
        '              /api    api:8080 (10.1.0.2:9000)',
        '              /gone   gone:80 (<error: services "gone" not found>)',
        'Annotations:  a: b',
        'Events:       <none>',
      ),
    );
  });

  it('without rules prints the default backend for every host and path; <default> when none', () => {
    const bare: KubeObject = {
      metadata: { name: 'bare', namespace: 'web' },
      spec: { tls: [{ secretName: 's', hosts: ['a', 'b'] }] },
    };
    const text = render('Ingress', bare, { group: 'networking.k8s.io' });
    assert.ok(
      text.includes(
        [
          'TLS:',
          '  s terminates a,b',
          'Rules:',
          '  Host        Path  Backends',
          '  ----        ----  --------',
          '  *           *     <default>',
          'Annotations:  <none>',
        ].join('\n'),
      ),
      text,
    );
    assert.match(text, /^Default backend: +<default>$/m);
  });
});

describe('describe NetworkPolicy', () => {
  it('prints selectors, isolation and ports as kubectl does', () => {
    const np: KubeObject = {
      metadata: { name: 'deny', namespace: 'web', creationTimestamp: '2026-01-15T11:00:00Z' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { team: 'a' } } }],
            ports: [{ port: 'dns', protocol: 'UDP' }],
          },
        ],
      },
    };
    assert.equal(
      render('NetworkPolicy', np),
      lines(
        'Name:         deny',
        'Namespace:    web',
        'Created on:   2026-01-15 11:00:00 +0000 UTC',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Spec:',
        '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
        '  Not affecting ingress traffic',
        '  Allowing egress traffic:',
        '    To Port: dns/UDP',
        '    To:',
        '      NamespaceSelector: team=a',
        '  Policy Types: Egress',
        'Events:  <none>',
      ),
    );
  });

  it("prints Created on as Go's time.String in the printing zone", () => {
    assert.equal(
      goTimeString('2026-01-15T11:00:00Z', () => 60),
      '2026-01-15 12:00:00 +0100 +01',
    );
    assert.equal(
      goTimeString('2026-01-15T11:00:00Z', () => -330),
      '2026-01-15 05:30:00 -0530 -0530',
    );
    assert.equal(
      goTimeString(undefined, () => 60),
      '0001-01-01 00:00:00 +0000 UTC',
    );
  });
});

describe('describe EndpointSlice and Endpoints', () => {
  it('EndpointSlice: ports and each endpoint with its conditions', () => {
    const eps: KubeObject = {
      metadata: { name: 'web-abc', namespace: 'web' },
      addressType: 'IPv6',
      ports: [{ port: 80, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['fd00::1', 'fd00::2'], hostname: 'h', targetRef: { kind: 'Pod', name: 'p' } },
        {},
      ],
    };
    assert.equal(
      render('EndpointSlice', eps),
      lines(
        'Name:         web-abc',
        'Namespace:    web',
        'Labels:       <none>',
        'Annotations:  <none>',
        'AddressType:  IPv6',
        'Ports:',
        '  Name     Port  Protocol',
        '  ----     ----  --------',
        '  <unset>  80    TCP',
        'Endpoints:',
        '  - Addresses:  fd00::1, fd00::2',
        '    Conditions:',
        '      Ready:    <unset>',
        '    Hostname:   h',
        '    TargetRef:  Pod/p',
        '    NodeName:   <unset>',
        '    Zone:       <unset>',
        '  - Addresses:  <none>',
        '    Conditions:',
        '      Ready:   <unset>',
        '    Hostname:  <unset>',
        '    NodeName:  <unset>',
        '    Zone:      <unset>',
        'Events:        <none>',
      ),
    );
    const empty = render('EndpointSlice', { metadata: { name: 'e' } });
    assert.match(empty, /^Ports: <unset>\nEndpoints: <none>$/m);
  });

  it('Endpoints: each subset with ready and not-ready addresses and ports', () => {
    const ep: KubeObject = {
      metadata: { name: 'web', namespace: 'web' },
      subsets: [
        { addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80, protocol: 'TCP' }] },
      ],
    };
    assert.equal(
      render('Endpoints', ep),
      lines(
        'Name:         web',
        'Namespace:    web',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Subsets:',
        '  Addresses:          10.0.0.1,10.0.0.2',
        '  NotReadyAddresses:  <none>',
        '  Ports:',
        '    Name     Port  Protocol',
        '    ----     ----  --------',
        '    <unset>  80    TCP',
        '',
        'Events:  <none>',
      ),
    );
  });
});
