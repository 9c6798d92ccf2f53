import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import { parseAggregated, type DiscoveredKind } from '../../../src/core/discovery/catalog';
import {
  ClusterDiscovery,
  type CrdSignal,
  type DiscoveryResult,
} from '../../../src/core/discovery/clusterDiscovery';
import { NAMESPACES, PODS } from '../../../src/core/kinds';
import { FakeClock } from '../fakes/fakeClock';
import { AGG_APIS, AGG_CORE } from './fixtures';

const settle = () => new Promise((r) => setImmediate(r));

/** FakeSource answers rounds when the test says so; it counts them and what is in flight. */
class FakeSource {
  calls = 0;
  inFlight = 0;
  peak = 0;
  signals: AbortSignal[] = [];
  private pending: { resolve: (r: DiscoveryResult) => void; reject: (e: unknown) => void }[] = [];
  /** auto: answer every round at once with this (or fail with it when it is an Error). */
  auto: DiscoveryResult | Error | undefined;

  discover(signal: AbortSignal): Promise<DiscoveryResult> {
    this.calls++;
    this.signals.push(signal);
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    const done = () => this.inFlight--;
    if (this.auto instanceof Error) {
      done();
      return Promise.reject(this.auto);
    }
    if (this.auto) {
      done();
      return Promise.resolve(this.auto);
    }
    return new Promise((resolve, reject) =>
      this.pending.push({
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      }),
    );
  }

  answer(r: DiscoveryResult = result()): void {
    this.pending.shift()!.resolve(r);
  }
}

const CRDS: DiscoveredKind = {
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  group: 'apiextensions.k8s.io',
  version: 'v1',
  namespaced: false,
  shortNames: ['crd'],
  verbs: ['list', 'watch'],
  categories: [],
  subresources: [],
  preferred: true,
};

/** result: the recorded documents, with CRDs served (unless `crds` is false). */
function result(extra: boolean = false, crds = true): DiscoveryResult {
  const kinds = [...parseAggregated(AGG_CORE)!, ...parseAggregated(AGG_APIS)!];
  if (!extra) kinds.pop(); // without cert-manager's Certificates
  if (crds) kinds.push(CRDS);
  return { kinds, mode: 'aggregated', requests: 2, skipped: [] };
}

/** crd is a CrdSignal the test drives. */
function crd() {
  const h: { changed?: () => void; unavailable?: (r: string) => void; disposed: boolean } = {
    disposed: false,
  };
  const signal: CrdSignal = (handlers) => {
    h.changed = handlers.changed;
    h.unavailable = handlers.unavailable;
    return { dispose: () => (h.disposed = true) };
  };
  return { signal, h };
}

describe('discovery/ClusterDiscovery', () => {
  let clock: FakeClock;
  let source: FakeSource;
  beforeEach(() => {
    clock = new FakeClock();
    source = new FakeSource();
  });

  function make(crdSignal?: CrdSignal) {
    return new ClusterDiscovery({
      source,
      fallbackKinds: [NAMESPACES, PODS],
      crdSignal,
      clock,
      debounceMs: 1000,
      pollMs: 300_000,
      retryMs: 10_000,
    });
  }

  it('serves the fallback kinds until the first round answers, then the watchable kinds', async () => {
    const d = make(crd().signal);
    let changes = 0;
    d.onDidChange(() => changes++);
    d.start();
    assert.deepEqual(d.kinds, [NAMESPACES, PODS]);
    assert.equal(d.status.phase, 'discovering');
    source.answer();
    await settle();
    assert.equal(d.status.phase, 'ready');
    assert.deepEqual(
      d.kinds.map((k) => k.plural),
      [
        'pods',
        'persistentvolumeclaims',
        'secrets',
        'persistentvolumes',
        'horizontalpodautoscalers',
        'customresourcedefinitions',
      ],
    );
    assert.ok(changes >= 2);
    // An event names HPAs in autoscaling/v1: resolved to the preferred version.
    assert.equal(d.resolve('HorizontalPodAutoscaler', 'autoscaling/v1')?.version, 'v2');
    assert.equal(d.resolve('Certificate', 'cert-manager.io/v1'), undefined);
    d.dispose();
  });

  it('degrades to the fallback kinds with status forbidden when discovery is refused', async () => {
    source.auto = new ApiError(403, 'Forbidden', 'forbidden: cannot get path /apis');
    const d = make();
    d.start();
    await settle();
    assert.deepEqual(d.status, {
      phase: 'forbidden',
      error: '403 Forbidden: forbidden: cannot get path /apis',
    });
    assert.deepEqual(d.kinds, [NAMESPACES, PODS]);
    // Asked again later (RBAC can change), not in a loop.
    assert.equal(source.calls, 1);
    await clock.advanceAsync(299_000);
    assert.equal(source.calls, 1);
    await clock.advanceAsync(1_000);
    assert.equal(source.calls, 2);
    d.dispose();
  });

  it('coalesces a burst of CRD changes into one round after the quiet delay', async () => {
    const { signal, h } = crd();
    const d = make(signal);
    d.start();
    source.answer();
    await settle();
    assert.equal(source.calls, 1);
    for (let i = 0; i < 20; i++) h.changed!();
    await clock.advanceAsync(999);
    assert.equal(source.calls, 1);
    await clock.advanceAsync(1);
    assert.equal(source.calls, 2);
    source.answer(result(true));
    await settle();
    assert.ok(d.resolve('Certificate', 'cert-manager.io/v1'), 'the new CRD kind is listed');
    // With the CRD signal available, nothing polls.
    await clock.advanceAsync(3_600_000);
    assert.equal(source.calls, 2);
    d.dispose();
  });

  it('starts no CRD watch on a server that does not serve CRDs, and polls instead', async () => {
    const { signal, h } = crd();
    source.auto = result(false, false);
    const d = make(signal);
    d.start();
    await settle();
    assert.equal(h.changed, undefined, 'the CRD signal was never started');
    await clock.advanceAsync(300_000);
    assert.equal(source.calls, 2);
    d.dispose();
  });

  it('runs exactly one more round for changes that arrive during a round, never two at once', async () => {
    const { signal } = crd();
    const d = make(signal);
    d.start();
    assert.equal(source.calls, 1);
    d.request('test');
    d.request('test');
    d.notFound(PODS);
    await clock.advanceAsync(5_000);
    assert.equal(source.calls, 1, 'no second round while one runs');
    source.answer();
    await clock.advanceAsync(0);
    assert.equal(source.calls, 2, 'one round for everything that came in during the first');
    source.answer();
    await clock.advanceAsync(60_000);
    assert.equal(source.calls, 2);
    assert.equal(source.peak, 1);
    d.dispose();
  });

  it('re-discovers on a not-found, and on a timer only while CRDs cannot be watched', async () => {
    const { signal, h } = crd();
    source.auto = result();
    const d = make(signal);
    d.start();
    await settle();
    h.unavailable!('forbidden');
    await clock.advanceAsync(300_000);
    assert.equal(source.calls, 2, 'one poll after pollMs');
    await clock.advanceAsync(300_000);
    assert.equal(source.calls, 3);
    d.notFound(PODS);
    await clock.advanceAsync(1_000);
    assert.equal(source.calls, 4);
    d.dispose();
    await clock.advanceAsync(3_600_000);
    assert.equal(source.calls, 4, 'nothing after dispose');
    assert.equal(h.disposed, true);
  });

  it('retries a failed round with a doubling delay bounded by the poll period', async () => {
    source.auto = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const d = make(crd().signal);
    d.start();
    await settle();
    assert.equal(d.status.phase, 'failed');
    const at: number[] = [];
    const t0 = clock.now();
    for (let i = 0; i < 8; i++) {
      const before = source.calls;
      while (source.calls === before) await clock.advanceAsync(1_000);
      at.push(clock.now() - t0);
    }
    const gaps = at.map((t, i) => t - (i === 0 ? 0 : at[i - 1]!));
    assert.deepEqual(gaps, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    d.dispose();
  });

  it('aborts a round that takes longer than its timeout, and a round in flight on dispose', async () => {
    const d = new ClusterDiscovery({ source, fallbackKinds: [PODS], clock, timeoutMs: 5_000 });
    d.start();
    await clock.advanceAsync(5_000);
    assert.equal(source.signals[0]!.aborted, true);
    const d2 = make();
    d2.start();
    d2.dispose();
    assert.equal(source.signals[1]!.aborted, true);
    d.dispose();
  });
});
