import * as assert from 'node:assert/strict';
import { PodsByNodeIndex } from '../../../src/core/explain/podsByNode';
import { podRequests } from '../../../src/core/explain/requests';
import { mulberry32 } from '../fakes/random';
import { container, pod } from './builders';

describe('explain/PodsByNodeIndex', () => {
  it('sums requests per node and follows updates, moves, terminal phases and deletes', () => {
    const idx = new PodsByNodeIndex();
    idx.set(
      pod('a', 'p1', { node: 'n1', containers: [container({ requests: { cpu: '250m', memory: '128Mi' } })] }),
    );
    idx.set(pod('a', 'p2', { node: 'n1', containers: [container({ requests: { cpu: '1' } })] }));
    assert.equal(idx.usageOf('n1').requested.get('cpu'), 1250);
    assert.equal(idx.usageOf('n1').requested.get('memory'), 128 * 1024 * 1024);
    assert.equal(idx.usageOf('n1').pods, 2);
    idx.set(pod('a', 'p2', { node: 'n2', containers: [container({ requests: { cpu: '1' } })] }));
    assert.equal(idx.usageOf('n1').requested.get('cpu'), 250);
    assert.equal(idx.usageOf('n2').requested.get('cpu'), 1000);
    idx.set(
      pod('a', 'p1', {
        node: 'n1',
        phase: 'Succeeded',
        containers: [container({ requests: { cpu: '250m' } })],
      }),
    );
    assert.equal(idx.usageOf('n1').pods, 0);
    assert.equal(idx.usageOf('n1').requested.size, 0);
    idx.delete('a/p2');
    assert.deepEqual(idx.podsOn('n2'), []);
    idx.delete('a/unknown');
  });

  it('counts init containers and sidecars as the scheduler does', () => {
    const p = pod('a', 'p', {
      containers: [container({ requests: { cpu: '500m' } })],
      initContainers: [
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
        { name: 'init', resources: { requests: { cpu: '1' } } },
      ],
    });
    // max(500m + 200m sidecar, 1 + 200m sidecar started before it) = 1200m
    assert.equal(podRequests(p).get('cpu'), 1200);
  });

  it('matches a brute-force sum after 2,000 random operations', () => {
    const rand = mulberry32(42);
    const idx = new PodsByNodeIndex();
    const live = new Map<string, ReturnType<typeof pod>>();
    for (let i = 0; i < 2000; i++) {
      const name = `p${Math.floor(rand() * 60)}`;
      if (rand() < 0.2) {
        idx.delete(`ns/${name}`);
        live.delete(name);
        continue;
      }
      const p = pod('ns', name, {
        node: rand() < 0.1 ? undefined : `n${Math.floor(rand() * 5)}`,
        phase: rand() < 0.1 ? 'Failed' : undefined,
        containers: [
          container({
            requests: {
              cpu: `${Math.floor(rand() * 2000)}m`,
              memory: rand() < 0.5 ? 'junk' : `${Math.floor(rand() * 512)}Mi`,
            },
          }),
        ],
      });
      idx.set(p);
      live.set(name, p);
    }
    for (let n = 0; n < 5; n++) {
      const on = [...live.values()].filter(
        (p) =>
          (p['spec'] as { nodeName?: string }).nodeName === `n${n}` &&
          (p['status'] as { phase: string }).phase !== 'Failed',
      );
      const cpu = on.reduce((s, p) => s + (podRequests(p).get('cpu') ?? 0), 0);
      assert.equal(idx.usageOf(`n${n}`).pods, on.length);
      assert.equal(idx.usageOf(`n${n}`).requested.get('cpu') ?? 0, cpu);
    }
  });
});

describe('explain/requests fast path agrees with the exact parser', () => {
  it('for every common suffix and for cpu and memory', async () => {
    const { milliValue, parseQuantity, value } = await import('../../../src/core/describe/quantity');
    const rand = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const q = `${Math.floor(rand() * 1e6)}${['', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti'][Math.floor(rand() * 9)]}`;
      const p = pod('a', 'p', { containers: [container({ requests: { cpu: q, memory: q } })] });
      const exact = parseQuantity(q)!;
      assert.equal(podRequests(p).get('cpu'), milliValue(exact), q);
      assert.equal(podRequests(p).get('memory'), value(exact), q);
    }
  });
});
