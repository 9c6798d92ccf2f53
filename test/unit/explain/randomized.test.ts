/**
 * randomized: seeded random cache states and events drawn from the corpus' message shapes.
 * Whatever the state, the explainer never throws and never contradicts the cache: an object
 * it calls missing is missing from a watched kind, an object it cites exists (or is the
 * event's own object, or of a kind not watched), and the capacity and label facts it states
 * agree with a brute-force recomputation over all pods.
 */
import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { explain } from '../../../src/core/explain/explain';
import { allocatable, isTerminal, podRequests } from '../../../src/core/explain/requests';
import { formatAmount } from '../../../src/core/explain/text';
import type { ExplainEvent } from '../../../src/core/explain/types';
import { mulberry32 } from '../fakes/random';
import { cacheOf, container, ev, node, NOW, obj, pod, pvc, terminated } from './builders';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function randomState(r: Rand) {
  const nodes: KubeObject[] = [];
  const nNodes = 1 + Math.floor(r() * 6);
  for (let i = 0; i < nNodes; i++)
    nodes.push(
      node(`n${i}`, {
        cpu: pick(r, ['1', '2', '4', '3500m']),
        memory: pick(r, ['2Gi', '4Gi', '8Gi']),
        pods: pick(r, ['3', '110']),
        labels: r() < 0.5 ? { disktype: pick(r, ['ssd', 'hdd']) } : {},
        taints:
          r() < 0.3
            ? [
                {
                  key: 'dedicated',
                  value: pick(r, ['gpu', 'db']),
                  effect: pick(r, ['NoSchedule', 'NoExecute', 'PreferNoSchedule']),
                },
              ]
            : undefined,
        unschedulable: r() < 0.1,
      }),
    );
  const pods: KubeObject[] = [];
  const nPods = Math.floor(r() * 20);
  for (let i = 0; i < nPods; i++)
    pods.push(
      pod(pick(r, ['shop', 'other']), `p${i}`, {
        node: r() < 0.7 ? `n${Math.floor(r() * (nNodes + 1))}` : undefined,
        phase: r() < 0.1 ? 'Succeeded' : undefined,
        containers: [
          container({
            requests: {
              cpu: pick(r, ['100m', '500m', '1', '2', 'garbage']),
              memory: pick(r, ['64Mi', '1Gi', '3Gi']),
            },
            limits: r() < 0.5 ? { memory: '1Gi' } : undefined,
          }),
        ],
        tolerations: r() < 0.2 ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
        nodeSelector: r() < 0.3 ? { disktype: pick(r, ['ssd', 'hdd', 'nvme']) } : undefined,
        volumes:
          r() < 0.4
            ? [
                { name: 'data', persistentVolumeClaim: { claimName: pick(r, ['data', 'gone']) } },
                { name: 'cfg', configMap: { name: 'cfg' } },
              ]
            : undefined,
        imagePullSecrets: r() < 0.3 ? [pick(r, ['regcred', 'missing'])] : undefined,
        statuses:
          r() < 0.4
            ? [
                {
                  name: 'app',
                  restartCount: Math.floor(r() * 9),
                  lastState: terminated(
                    pick(r, [1, 137, 0]),
                    pick(r, ['Error', 'OOMKilled']),
                    NOW - 9e5,
                    NOW - 8e5,
                  ),
                },
              ]
            : undefined,
      }),
    );
  const objects: Record<string, KubeObject[]> = { Node: nodes, Pod: pods };
  if (r() < 0.6)
    objects['PersistentVolumeClaim'] =
      r() < 0.5 ? [pvc('shop', 'data', pick(r, ['Bound', 'Pending']), pick(r, ['fast', 'standard']))] : [];
  if (r() < 0.6) objects['StorageClass'] = r() < 0.5 ? [obj('StorageClass', '', 'standard')] : [];
  if (r() < 0.6) objects['Secret'] = r() < 0.5 ? [obj('Secret', 'shop', 'regcred')] : [];
  if (r() < 0.6) objects['ConfigMap'] = r() < 0.5 ? [obj('ConfigMap', 'shop', 'cfg')] : [];
  if (r() < 0.5) objects['ServiceAccount'] = [];
  if (r() < 0.5) objects['ResourceQuota'] = [];
  return objects;
}

const MESSAGES: [string, string][] = [
  [
    'FailedScheduling',
    '0/4 nodes are available: 2 Insufficient cpu, 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod..',
  ],
  [
    'FailedScheduling',
    "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
  ],
  ['FailedScheduling', '0/3 nodes are available: 1 Too many pods, 2 node(s) were unschedulable.'],
  [
    'FailedScheduling',
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
  ],
  ['FailedScheduling', '0/3 nodes are available: persistentvolumeclaim "gone" not found.'],
  [
    'Failed',
    'Failed to pull image "registry.example.com/a:1": rpc error: code = Unknown desc = 401 Unauthorized',
  ],
  ['Failed', 'Error: ErrImagePull'],
  ['BackOff', 'Back-off restarting failed container app in pod X_shop(u)'],
  ['Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 503'],
  ['FailedMount', 'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found'],
  [
    'FailedMount',
    'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data]: timed out waiting for the condition',
  ],
  [
    'FailedCreate',
    'Error creating: pods "x-" is forbidden: error looking up service account shop/sa: serviceaccount "sa" not found',
  ],
  [
    'FailedCreate',
    'Error creating: pods "x-" is forbidden: exceeded quota: q, requested: cpu=1, used: cpu=2, limited: cpu=2',
  ],
  ['ProvisioningFailed', 'storageclass.storage.k8s.io "fast" not found'],
  ['Evicted', 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. '],
  ['NodeNotReady', 'Node is not ready'],
  ['OOMKilling', 'Memory cgroup out of memory: Killed process 1 (x) total-vm:1kB'],
  ['Rebooted', 'Node n0 has been rebooted, boot id: abc'],
  ['Whatever', 'something'],
];

function brute(objects: Record<string, KubeObject[]>) {
  const used = new Map<string, Map<string, number>>();
  for (const p of objects['Pod']!) {
    const n = (p['spec'] as { nodeName?: string }).nodeName;
    if (!n || isTerminal(p)) continue;
    const m = used.get(n) ?? new Map<string, number>();
    for (const [k, v] of podRequests(p)) m.set(k, (m.get(k) ?? 0) + v);
    used.set(n, m);
  }
  return (nodeName: string, res: string) => {
    const nodeObj = objects['Node']!.find((x) => x.metadata.name === nodeName)!;
    return (allocatable(nodeObj).get(res) ?? 0) - (used.get(nodeName)?.get(res) ?? 0);
  };
}

describe('explain randomized: never throws, never contradicts the cache', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 300 random states`, () => {
      const r = mulberry32(seed);
      const fired = { absent: 0, cited: 0, largest: 0, noLabel: 0 };
      for (let i = 0; i < 300; i++) {
        const objects = randomState(r);
        const cache = cacheOf(objects);
        const free = brute(objects);
        const target =
          objects['Pod']!.length && r() < 0.9 ? pick(r, objects['Pod']!) : pod('shop', 'uncached');
        const [reason, message] = pick(r, MESSAGES);
        const onNode = reason === 'OOMKilling' || reason === 'Rebooted';
        const involved = onNode
          ? { kind: 'Node', name: `n${Math.floor(r() * 4)}` }
          : { kind: 'Pod', namespace: target.metadata.namespace!, name: target.metadata.name! };
        const e: ExplainEvent = ev(reason, message, involved, {
          fieldPath: r() < 0.5 ? 'spec.containers{app}' : '',
        });
        const x = explain(e, cache, NOW);
        const ctx = `seed ${seed} #${i} ${reason}\n${x.cause}\n${x.evidence.map((v) => v.text).join('\n')}`;
        assert.ok(x.cause.length > 0, ctx);
        for (const v of x.evidence) {
          if (!v.ref) continue;
          const exists = cache.get(v.ref.kind, v.ref.namespace, v.ref.name) !== undefined;
          fired[v.absent ? 'absent' : 'cited']++;
          if (v.absent)
            assert.ok(
              cache.watches(v.ref.kind) && !exists,
              `claimed missing but exists or not watched: ${v.text}\n${ctx}`,
            );
          else {
            const own =
              v.ref.kind === e.involved.kind &&
              v.ref.name === e.involved.name &&
              v.ref.namespace === e.involved.namespace;
            assert.ok(
              exists || own || !cache.watches(v.ref.kind),
              `cites an object not in the cache: ${v.text}\n${ctx}`,
            );
          }
          const largest =
            /Insufficient (\S+): the pod requests (.+), the largest free allocatable is (.+) on (\S+) \(/.exec(
              v.text,
            );
          if (largest) {
            fired.largest++;
            const [, res, , amount, nodeName] = largest;
            const all = objects['Node']!.map((n) => free(n.metadata.name!, res!));
            assert.equal(amount, formatAmount(res!, Math.max(0, Math.max(...all))), ctx);
            assert.equal(free(nodeName!, res!), Math.max(...all), ctx);
          }
          const noLabel = /nodeSelector (\w+)=(\w+): no node has this label/.exec(v.text);
          if (noLabel) fired.noLabel++;
          if (noLabel)
            assert.ok(!objects['Node']!.some((n) => n.metadata.labels?.[noLabel[1]!] === noLabel[2]), ctx);
        }
        for (const v of x.evidence) {
          const fits = /^(.+) now (?:has|have) .+ free and fit/.exec(v.text);
          if (fits)
            for (const name of fits[1]!.split(', ').filter((s) => !/ and \d+ more$/.test(s)))
              assert.ok(
                objects['Node']!.some((n) => n.metadata.name === name),
                ctx,
              );
        }
      }
      // Each check must have run, or this test could not fail.
      for (const [k, n] of Object.entries(fired)) assert.ok(n > 0, `${k} never checked`);
    });
  }
});
