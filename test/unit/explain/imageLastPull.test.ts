/**
 * explain/image: "Error: ErrImagePull" and "Error: ImagePullBackOff" carry no error, and the
 * container's waiting message may say only "Back-off pulling image": the cause then comes from
 * the kubelet's newest "Failed to pull image" event about the same pod and image. And an
 * explanation never repeats an evidence line (the demo's ProvisioningFailed listed the missing
 * StorageClass twice).
 */
import * as assert from 'node:assert/strict';
import { explain } from '../../../src/core/explain/explain';
import { cacheOf, container, ev, NOW, obj, pod, pvc, rawEvent } from './builders';

const IMAGE = 'registry.example.com/shop/frontend:v2.4.0-rc.1';
const PULL = { kind: 'Pod', namespace: 'staging', name: 'frontend-1' };
const backOffPod = pod('staging', 'frontend-1', {
  node: 'node-1',
  phase: 'Pending',
  containers: [container({ name: 'frontend', image: IMAGE })],
  statuses: [
    {
      name: 'frontend',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${IMAGE}"` } },
    },
  ],
});
const at = { fieldPath: 'spec.containers{frontend}' };
const failedPull = (image: string, error: string, lastSeen: number) =>
  ev('Failed', `Failed to pull image "${image}": ${error}`, PULL, { ...at, lastSeen });
const NOT_FOUND = `rpc error: code = NotFound desc = failed to pull and unpack image "${IMAGE}": not found`;
const UNAUTHORIZED = `rpc error: code = Unknown desc = failed to authorize: 401 Unauthorized`;

describe('explain/image: the cause of a bare ErrImagePull / ImagePullBackOff', () => {
  for (const message of ['Error: ImagePullBackOff', 'Error: ErrImagePull']) {
    it(`takes "${message}"'s cause from the newest failed pull of the same image`, () => {
      const events = [
        failedPull(IMAGE, UNAUTHORIZED, NOW - 600_000),
        failedPull(IMAGE, NOT_FOUND, NOW - 30_000),
        failedPull('nginx:1.27', 'rpc error: 429 Too Many Requests', NOW - 1_000),
      ];
      const cache = cacheOf(
        { Pod: [backOffPod] },
        events.map((e, i) => rawEvent(`pull-${i}`, e)),
      );
      const x = explain(ev('Failed', message, PULL, at), cache, NOW);
      assert.equal(x.cause, `The image or tag does not exist in the registry: ${IMAGE}`);
      assert.equal(x.confidence, 'exact');
      assert.ok(
        x.evidence.some(
          (e) => e.text === `The last pull failed: ${events[1]!.message}` && e.ref?.name === 'frontend-1',
        ),
        JSON.stringify(x.evidence),
      );
    });
  }

  it('says only "could not be pulled" when no failed pull of that image is cached', () => {
    const other = failedPull('nginx:1.27', NOT_FOUND, NOW - 1_000);
    const cache = cacheOf({ Pod: [backOffPod] }, [rawEvent('pull-0', other)]);
    const x = explain(ev('Failed', 'Error: ImagePullBackOff', PULL, at), cache, NOW);
    assert.equal(x.cause, `The image could not be pulled: ${IMAGE}`);
    assert.equal(x.confidence, 'partial');
    assert.ok(!x.evidence.some((e) => e.text.startsWith('The last pull failed')));
  });

  it('keeps the cause the waiting message gives, whatever older events say', () => {
    const waiting = pod('staging', 'frontend-1', {
      node: 'node-1',
      phase: 'Pending',
      containers: [container({ name: 'frontend', image: IMAGE })],
      statuses: [
        {
          name: 'frontend',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ErrImagePull', message: UNAUTHORIZED } },
        },
      ],
    });
    const cache = cacheOf({ Pod: [waiting] }, [
      rawEvent('pull-0', failedPull(IMAGE, NOT_FOUND, NOW - 1_000)),
    ]);
    const x = explain(ev('Failed', 'Error: ErrImagePull', PULL, at), cache, NOW);
    assert.equal(x.cause, `The registry refused the pull: missing or wrong credentials: ${IMAGE}`);
  });
});

describe('explain: evidence lines', () => {
  it('never repeats one (a missing StorageClass is named once)', () => {
    const cache = cacheOf({
      PersistentVolumeClaim: [pvc('prod', 'data', 'Pending', 'fast-ssd')],
      StorageClass: [],
    });
    const e = ev('ProvisioningFailed', 'storageclass.storage.k8s.io "fast-ssd" not found', {
      kind: 'PersistentVolumeClaim',
      namespace: 'prod',
      name: 'data',
    });
    const x = explain(e, cache, NOW);
    assert.equal(x.cause, 'The claim names StorageClass fast-ssd, which does not exist');
    const lines = x.evidence.map((v) => JSON.stringify(v));
    assert.deepEqual(lines, [...new Set(lines)]);
    assert.equal(x.evidence.filter((v) => v.text === 'StorageClass fast-ssd does not exist').length, 1);
  });

  it('never says a StorageClass does not exist when the cache holds it (created since the failure)', () => {
    const cache = cacheOf({
      PersistentVolumeClaim: [pvc('prod', 'data', 'Pending', 'fast-ssd')],
      StorageClass: [obj('StorageClass', '', 'fast-ssd', { provisioner: 'ebs.csi.aws.com' })],
    });
    const e = ev('ProvisioningFailed', 'storageclass.storage.k8s.io "fast-ssd" not found', {
      kind: 'PersistentVolumeClaim',
      namespace: 'prod',
      name: 'data',
    });
    const x = explain(e, cache, NOW);
    assert.equal(
      x.cause,
      'The claim names StorageClass fast-ssd, which did not exist when provisioning failed',
    );
    assert.ok(x.evidence.some((v) => v.text === 'StorageClass fast-ssd exists now'));
    assert.equal(x.confidence, 'partial');
  });
});
