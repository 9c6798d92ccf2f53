/**
 * The explanation panel keeps the kinds an explanation reads watched while it shows it: one
 * `watch` lease per explained event, released by the next selection, reset and dispose (the
 * demo's Certificate, Application, PVC and HPA Warnings were explained from the event alone,
 * their lazy kinds not running). And which lazy kinds a reason reads beyond the involved one.
 */
import * as assert from 'node:assert/strict';
import type { ContextEvent } from '../../../src/core/events/hub';
import { eventId } from '../../../src/core/events/hub';
import { explanationView } from '../../../src/core/explain/panelView';
import { relatedResources } from '../../../src/core/explain/watchKinds';
import type { ResourceKind } from '../../../src/core/kinds';
import { leaseExplainKinds } from '../../../src/host/explain/explainLeases';
import { ExplainPanelHost } from '../../../src/host/explain/explainPanelHost';
import type { Connections } from '../../../src/host/contexts/connections';
import { FakeClock } from '../fakes/fakeClock';
import { ev } from './builders';

function contextEvent(name: string): ContextEvent {
  const key = `prod/${name}.1`;
  return {
    ...ev('Failed', 'The certificate request has failed', { kind: 'Certificate', namespace: 'prod', name }),
    key,
    namespace: 'prod',
    context: 'demo',
    id: eventId('demo', key),
  } as unknown as ContextEvent;
}

const A = contextEvent('a-tls');
const B = contextEvent('b-tls');

function harness(watch?: (e: ContextEvent) => { dispose(): void }) {
  const host = new ExplainPanelHost({
    event: (id) => [A, B].find((e) => e.id === id),
    explain: () => ({ reason: 'Failed', cause: 'c', confidence: 'generic', evidence: [], nextSteps: [] }),
    view: explanationView,
    hasManifest: () => false,
    openManifest: () => undefined,
    runStep: () => undefined,
    onDidChange: () => ({ dispose() {} }),
    post: () => undefined,
    clock: new FakeClock(),
    ...(watch ? { watch } : {}),
  });
  return host;
}

const select = (seq: number, events: ContextEvent[]) =>
  ({
    type: 'explainSelect',
    seq,
    events: events.map((e) => ({ context: e.context, key: e.key })),
    object: null,
  }) as const;

describe('explain panel host: watch leases', function () {
  it('holds one lease per explained event while the selection stays, and releases them on the next', function () {
    const held = new Map<string, number>();
    const host = harness((e) => {
      held.set(e.involved.name, (held.get(e.involved.name) ?? 0) + 1);
      return { dispose: () => held.set(e.involved.name, held.get(e.involved.name)! - 1) };
    });
    host.select(select(1, [A, B]));
    assert.deepEqual(Object.fromEntries(held), { 'a-tls': 1, 'b-tls': 1 });
    host.select(select(2, [B]));
    assert.deepEqual(Object.fromEntries(held), { 'a-tls': 0, 'b-tls': 1 });
    host.reset();
    assert.deepEqual(Object.fromEntries(held), { 'a-tls': 0, 'b-tls': 0 });
    host.select(select(3, [A]));
    host.dispose();
    assert.deepEqual(Object.fromEntries(held), { 'a-tls': 0, 'b-tls': 0 });
  });

  it('leases nothing for an event no longer cached, and survives a watch that throws', function () {
    let calls = 0;
    const host = harness(() => {
      calls++;
      throw new Error('no session');
    });
    host.select(select(1, [A, { ...A, key: 'prod/gone.1' } as ContextEvent]));
    assert.equal(calls, 1);
    host.dispose();
  });

  it('names the claim kinds for the volume reasons, nothing for the others', function () {
    assert.deepEqual(relatedResources('ProvisioningFailed'), [
      ['', 'persistentvolumeclaims'],
      ['storage.k8s.io', 'storageclasses'],
    ]);
    assert.deepEqual(relatedResources('BackOff'), []);
    assert.deepEqual(relatedResources('constructor'), []);
  });

  it("leases the involved kind and the reason's related kinds through the context's session", function () {
    const kind = (group: string, plural: string, k: string) => ({ group, plural, kind: k }) as ResourceKind;
    const PVC = kind('', 'persistentvolumeclaims', 'PersistentVolumeClaim');
    const SC = kind('storage.k8s.io', 'storageclasses', 'StorageClass');
    const held: string[] = [];
    const session = {
      acquire: (k: ResourceKind, namespace?: string) => {
        const name = `${k.plural} in ${namespace ?? '*'}`;
        held.push(name);
        return { dispose: () => held.splice(held.indexOf(name), 1) };
      },
      discovery: {
        byResource: (g: string, p: string) => [PVC, SC].find((k) => k.group === g && k.plural === p),
      },
    };
    const connections = {
      session: (name: string) => (name === 'demo' ? session : undefined),
      resolveKind: (_c: string, k: string) => (k === 'PersistentVolumeClaim' ? PVC : undefined),
    } as unknown as Connections;
    const claim = (reason: string, context = 'demo') =>
      ({
        ...ev(reason, 'storageclass.storage.k8s.io "fast-ssd" not found', {
          kind: 'PersistentVolumeClaim',
          namespace: 'prod',
          name: 'data',
        }),
        context,
      }) as unknown as ContextEvent;
    const lease = leaseExplainKinds(connections, claim('ProvisioningFailed'));
    // The involved object's namespace only (the session widens a cluster-scoped kind's lease).
    assert.deepEqual(held, ['persistentvolumeclaims in prod', 'storageclasses in prod']);
    lease.dispose();
    assert.deepEqual(held, []);
    leaseExplainKinds(connections, claim('SomethingElse')).dispose();
    const other = leaseExplainKinds(connections, claim('SomethingElse'));
    assert.deepEqual(held, ['persistentvolumeclaims in prod'], 'the involved kind only');
    other.dispose();
    leaseExplainKinds(connections, claim('ProvisioningFailed', 'gone'));
    assert.deepEqual(held, [], 'a disconnected context leases nothing');
  });
});
