import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { endpointsText } from '../../../src/core/describe/service';
import { render } from './helpers';

const service: KubeObject = {
  metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } },
  spec: {
    type: 'NodePort',
    selector: { app: 'api' },
    clusterIP: '10.96.1.1',
    clusterIPs: ['10.96.1.1', 'fd00::1'],
    ipFamilies: ['IPv4', 'IPv6'],
    ipFamilyPolicy: 'PreferDualStack',
    ports: [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'web', nodePort: 30080 },
      { name: 'grpc', port: 9000, protocol: 'TCP', targetPort: 9000 },
    ],
    sessionAffinity: 'ClientIP',
    externalTrafficPolicy: 'Cluster',
  },
};

const endpoints: KubeObject = {
  kind: 'Endpoints',
  metadata: { name: 'api', namespace: 'shop' },
  subsets: [
    {
      addresses: [
        { ip: '10.0.0.1' },
        { ip: '10.0.0.2' },
        { ip: '10.0.0.3' },
        { ip: '10.0.0.4' },
        { ip: '10.0.0.5' },
      ],
      notReadyAddresses: [{ ip: '10.0.0.9' }],
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { name: 'grpc', port: 9000, protocol: 'TCP' },
      ],
    },
  ],
};

describe('describe Service', () => {
  it('prints type, IPs, each port with its endpoints, and affinity', () => {
    const text = render('Service', service, { related: { endpointsFor: () => endpoints } });
    const expected = [
      'Selector:                 app=api',
      'Type:                     NodePort',
      'IP Family Policy:         PreferDualStack',
      'IP Families:              IPv4,IPv6',
      'IP:                       10.96.1.1',
      'IPs:                      10.96.1.1,fd00::1',
      'Port:                     http  80/TCP',
      'TargetPort:               web/TCP',
      'NodePort:                 http  30080/TCP',
      'Endpoints:                10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...',
      'Port:                     grpc  9000/TCP',
      'TargetPort:               9000/TCP',
      'Endpoints:                10.0.0.1:9000,10.0.0.2:9000,10.0.0.3:9000 + 2 more...',
      'Session Affinity:         ClientIP',
      'External Traffic Policy:  Cluster',
      'Events:                   <none>',
    ].join('\n');
    assert.ok(text.endsWith(`${expected}\n`), text);
  });

  it('prints <none> endpoints when none are cached', () => {
    assert.match(render('Service', service), /^Endpoints:\s+<none>$/m);
  });

  it('formats EndpointSlices: ready endpoints only, IPv6 bracketed, headless without ports', () => {
    const slice = (ports: unknown[]): KubeObject => ({
      kind: 'EndpointSlice',
      metadata: { name: 'api-x' },
      addressType: 'IPv6',
      ports,
      endpoints: [
        { addresses: ['fd00::1'], conditions: { ready: true } },
        { addresses: ['fd00::2'], conditions: { ready: false } },
        { addresses: ['fd00::3'], conditions: {} },
      ],
    });
    assert.equal(endpointsText(slice([{ name: '', port: 80 }]), ''), '[fd00::1]:80,[fd00::3]:80');
    assert.equal(endpointsText(slice([{ name: 'other', port: 80 }]), ''), '');
    assert.equal(endpointsText(slice([]), 'http'), 'fd00::1,fd00::3');
    assert.equal(endpointsText(undefined, 'http'), '<none>');
  });

  it('prints load balancer details when present', () => {
    const text = render('Service', {
      metadata: { name: 'lb', namespace: 'x' },
      spec: {
        type: 'LoadBalancer',
        loadBalancerIP: '1.2.3.4',
        externalIPs: ['5.6.7.8'],
        healthCheckNodePort: 31000,
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        internalTrafficPolicy: 'Local',
        trafficDistribution: 'PreferClose',
      },
      status: { loadBalancer: { ingress: [{ ip: '9.9.9.9', ipMode: 'Proxy' }, { hostname: 'lb.example' }] } },
    });
    assert.match(text, /^External IPs:\s+5\.6\.7\.8$/m);
    assert.match(text, /^Desired LoadBalancer IP:\s+1\.2\.3\.4$/m);
    assert.match(text, /^LoadBalancer Ingress:\s+9\.9\.9\.9 \(Proxy\), lb\.example$/m);
    assert.match(
      text,
      /^Internal Traffic Policy:\s+Local\nHealthCheck NodePort:\s+31000\nLoadBalancer Source Ranges:\s+10\.0\.0\.0\/8\nTraffic Distribution:\s+PreferClose\n/m,
    );
  });
});
