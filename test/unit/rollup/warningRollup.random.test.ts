import * as assert from 'node:assert/strict';
import { type KubeObject } from '../../../src/core/cache/types';
import { WarningRollup } from '../../../src/core/rollup/warningRollup';
import { FakeClock } from '../fakes/fakeClock';
import { mulberry32 } from '../fakes/random';
import { bump, coreEvent } from '../notify/fixtures';
import { object, owner } from './fixtures';

const HOUR = 3_600_000;
const LEVELS = ['Deployment', 'ReplicaSet', 'Pod'] as const;

interface Obj {
  uid: string;
  kind: string;
  namespace: string;
  name: string;
  level: number;
  owner: string | undefined;
  live: boolean;
  /** Not given to the rollup yet (objects may arrive after their events and children). */
  pending: boolean;
}

/**
 * A brute-force model: every count recomputed from scratch by walking owner chains. Objects
 * keep their last owner after deletion (as the rollup does while anything refers to them); an
 * object not arrived yet has no known owner.
 */
function bruteForce(
  objs: Map<string, Obj>,
  events: Map<string, { target: string; seenAt: number; warning: boolean }>,
  now: number,
) {
  const perUid = new Map<string, number>();
  const perKind = new Map<string, number>();
  const perNs = new Map<string, number>();
  let ctx = 0;
  for (const e of events.values()) {
    if (!e.warning || e.seenAt + HOUR <= now) continue;
    ctx++;
    const t = objs.get(e.target)!;
    perNs.set(t.namespace, (perNs.get(t.namespace) ?? 0) + 1);
    for (let o: Obj | undefined = t; o; o = o.owner && !o.pending ? objs.get(o.owner) : undefined) {
      perUid.set(o.uid, (perUid.get(o.uid) ?? 0) + 1);
      const k = `${o.namespace}/${o.kind}`;
      perKind.set(k, (perKind.get(k) ?? 0) + 1);
    }
  }
  return { perUid, perKind, perNs, ctx };
}

describe('rollup/WarningRollup randomized against a brute-force recount', () => {
  for (const seed of [3, 99, 123456]) {
    it(`agrees after every step (seed ${seed})`, () => {
      const rnd = mulberry32(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const clock = new FakeClock();
      const rollup = new WarningRollup({ clock, expiryResolutionMs: 1 });
      const objs = new Map<string, Obj>();
      const events = new Map<string, { target: string; seenAt: number; warning: boolean; obj: KubeObject }>();
      let serial = 0;
      let compared = 0;
      const apply = (o: Obj) =>
        rollup.observeObject(
          object(
            o.kind,
            o.name,
            o.uid,
            o.owner ? [owner(objs.get(o.owner)!.kind, objs.get(o.owner)!.name, o.owner)] : [],
            o.namespace,
          ),
        );
      const liveAt = (level: number, ns: string) =>
        [...objs.values()].filter((o) => o.live && o.level === level && o.namespace === ns);

      for (let step = 0; step < 1500; step++) {
        const r = rnd();
        if (r < 0.2) {
          // A new object, owned by a live object one level up when there is one.
          const level = Math.floor(rnd() * 3);
          const namespace = pick(['web', 'api']);
          const parents = level > 0 ? liveAt(level - 1, namespace) : [];
          const o: Obj = {
            uid: `u${serial++}`,
            kind: LEVELS[level]!,
            namespace,
            name: `o${serial}`,
            level,
            owner: parents.length > 0 && rnd() < 0.9 ? pick(parents).uid : undefined,
            live: true,
            pending: false,
          };
          objs.set(o.uid, o);
          // Objects sometimes arrive after their events: then they are applied later.
          if (rnd() < 0.7) apply(o);
          else o.pending = true;
        } else if (r < 0.3) {
          const pending = [...objs.values()].filter((o) => o.pending);
          if (pending.length > 0) {
            const o = pick(pending);
            o.pending = false;
            if (o.live) apply(o);
          }
        } else if (r < 0.38) {
          // Re-parent a live object to another live object one level up (or orphan it).
          const movable = [...objs.values()].filter((o) => o.live && o.level > 0 && !o.pending);
          if (movable.length > 0) {
            const o = pick(movable);
            const parents = liveAt(o.level - 1, o.namespace);
            o.owner = parents.length > 0 && rnd() < 0.85 ? pick(parents).uid : undefined;
            apply(o);
          }
        } else if (r < 0.42) {
          // Not an object whose children have yet to arrive: a child arriving after its owner
          // was deleted and forgotten cannot be placed under the owner's own owner.
          const waitingOwners = new Set([...objs.values()].filter((o) => o.pending).map((o) => o.owner));
          const live = [...objs.values()].filter((o) => o.live && !o.pending && !waitingOwners.has(o.uid));
          if (live.length > 0) {
            const o = pick(live);
            o.live = false;
            rollup.removeObject(object(o.kind, o.name, o.uid, [], o.namespace));
          }
        } else if (r < 0.65) {
          const targets = [...objs.values()].filter((o) => o.live);
          if (targets.length > 0) {
            const t = pick(targets);
            const seenAt = clock.now() - Math.floor(rnd() * 1.2 * HOUR);
            const warning = rnd() < 0.8;
            const obj = coreEvent({
              name: `e${serial++}`,
              namespace: t.namespace,
              kind: t.kind,
              objectName: t.name,
              objectUid: t.uid,
              type: warning ? 'Warning' : 'Normal',
              lastSeen: seenAt,
            });
            events.set(obj.metadata.name!, { target: t.uid, seenAt, warning, obj });
            rollup.observeEvent(undefined, obj);
          }
        } else if (r < 0.8 && events.size > 0) {
          const key = pick([...events.keys()]);
          const e = events.get(key)!;
          const next = bump(e.obj, (e.obj.count as number) + 1, clock.now());
          // A type flip (rare in life) on a deleted object's event: the rollup no longer knows the
          // owner of a deleted object nothing referred to, so only flip events of live objects.
          if (rnd() < 0.2 && objs.get(e.target)!.live) next.type = e.warning ? 'Normal' : 'Warning';
          rollup.observeEvent(e.obj, next);
          events.set(key, { ...e, seenAt: clock.now(), warning: next.type === 'Warning', obj: next });
        } else if (r < 0.88 && events.size > 0) {
          const key = pick([...events.keys()]);
          rollup.removeEvent(events.get(key)!.obj);
          events.delete(key);
        } else {
          clock.advance(Math.floor(rnd() * 10 * 60_000));
        }

        const want = bruteForce(objs, events, clock.now());
        compared++;
        assert.equal(rollup.countForContext(), want.ctx, `step ${step}: context`);
        for (const o of objs.values()) {
          assert.equal(rollup.countFor(o.uid), want.perUid.get(o.uid) ?? 0, `step ${step}: uid ${o.uid}`);
          assert.equal(
            rollup.countForKind(o.namespace, o.kind),
            want.perKind.get(`${o.namespace}/${o.kind}`) ?? 0,
            `step ${step}: kind ${o.namespace}/${o.kind}`,
          );
        }
        for (const ns of ['web', 'api']) assert.equal(rollup.countForNamespace(ns), want.perNs.get(ns) ?? 0);
      }
      assert.equal(compared, 1500);
      rollup.dispose();
      assert.equal(clock.pendingTimers(), 0);
    });
  }
});
