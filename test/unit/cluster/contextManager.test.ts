import * as assert from 'node:assert/strict';
import {
  ContextManager,
  type ContextStatusChange,
  type ManagedSession,
} from '../../../src/core/cluster/contextManager';
import type { ContextStatus } from '../../../src/core/cluster/status';
import { Emitter } from '../../../src/core/util/emitter';

class StubSession implements ManagedSession {
  started = 0;
  stopped = 0;
  status: ContextStatus = { phase: 'disconnected' };
  private readonly emitter = new Emitter<ContextStatus>();
  readonly onDidChangeStatus = this.emitter.event;
  constructor(readonly name: string) {}
  start() {
    this.started++;
    this.set({ phase: 'connecting' });
  }
  stop() {
    this.stopped++;
  }
  set(s: ContextStatus) {
    this.status = s;
    this.emitter.fire(s);
  }
}

interface Ctx {
  name: string;
  fingerprint: string;
  error?: string;
}

function setup() {
  const sessions: StubSession[] = [];
  const m = new ContextManager<Ctx, StubSession>({
    sessionFactory: (c) => {
      if (c.name === 'throws') throw new Error('cannot read certificate-authority /x/ca.crt (ENOENT)');
      const s = new StubSession(c.name);
      sessions.push(s);
      return s;
    },
  });
  const changes: ContextStatusChange[] = [];
  m.onDidChangeStatus((c) => changes.push(c));
  return { m, sessions, changes };
}

describe('ContextManager', () => {
  it('adds contexts disconnected and connects on demand, forwarding status', () => {
    const { m, sessions, changes } = setup();
    let contextEvents = 0;
    m.onDidChangeContexts(() => contextEvents++);
    m.reconcile([
      { name: 'a', fingerprint: '1' },
      { name: 'b', fingerprint: '1' },
    ]);
    assert.equal(contextEvents, 1);
    assert.deepEqual(
      m.contexts().map((c) => c.name),
      ['a', 'b'],
    );
    assert.deepEqual(m.status('a'), { phase: 'disconnected' });
    assert.equal(m.connect('a'), true);
    assert.equal(m.connect('nope'), false);
    assert.equal(sessions.length, 1);
    assert.deepEqual(m.status('a'), { phase: 'connecting' });
    sessions[0]!.set({ phase: 'synced', objectCount: 3, partial: false });
    assert.deepEqual(changes.at(-1), {
      name: 'a',
      status: { phase: 'synced', objectCount: 3, partial: false },
    });
    assert.equal(m.session('a'), sessions[0]);
    m.disconnect('a');
    assert.equal(sessions[0]!.stopped, 1);
    assert.deepEqual(m.status('a'), { phase: 'disconnected' });
    // Status from a stopped session is ignored.
    sessions[0]!.set({ phase: 'retrying', reason: 'x' });
    assert.deepEqual(m.status('a'), { phase: 'disconnected' });
  });

  it('gives broken contexts an error status while others work', () => {
    const { m, sessions } = setup();
    m.reconcile([
      {
        name: 'broken',
        fingerprint: '1',
        error: 'context "broken" refers to cluster "x", which is not defined',
      },
      { name: 'throws', fingerprint: '1' },
      { name: 'ok', fingerprint: '1' },
    ]);
    m.connect('broken');
    m.connect('throws');
    m.connect('ok');
    assert.deepEqual(m.status('broken'), {
      phase: 'error',
      reason: 'context "broken" refers to cluster "x", which is not defined',
    });
    assert.equal(m.status('throws')!.phase, 'error');
    assert.match((m.status('throws') as { reason: string }).reason, /certificate-authority/);
    assert.deepEqual(m.status('ok'), { phase: 'connecting' });
    assert.equal(sessions.length, 1);
  });

  it('reconciles: removed stop, changed restart, unchanged keep their session', () => {
    const { m, sessions, changes } = setup();
    m.reconcile([
      { name: 'a', fingerprint: '1' },
      { name: 'b', fingerprint: '1' },
      { name: 'c', fingerprint: '1' },
    ]);
    m.connect('a');
    m.connect('b');
    m.connect('c');
    const [a, b, c] = sessions;
    m.reconcile([
      { name: 'c', fingerprint: '1' },
      { name: 'b', fingerprint: '2' },
      { name: 'd', fingerprint: '1' },
    ]);
    assert.equal(a!.stopped, 1);
    assert.equal(m.status('a'), undefined);
    assert.ok(changes.some((x) => x.name === 'a' && x.status.phase === 'disconnected'));
    assert.equal(b!.stopped, 1);
    assert.equal(sessions.length, 4);
    assert.equal(m.session('b'), sessions[3]);
    assert.equal(m.session('c'), c);
    assert.equal(c!.stopped, 0);
    assert.equal(m.isConnected('d'), false);
    assert.deepEqual(
      m.contexts().map((x) => x.name),
      ['c', 'b', 'd'],
    );
    m.dispose();
    assert.equal(sessions[3]!.stopped, 1);
    assert.equal(c!.stopped, 1);
  });

  it('reconnect replaces the session', () => {
    const { m, sessions } = setup();
    m.reconcile([{ name: 'a', fingerprint: '1' }]);
    m.connect('a');
    m.reconnect('a');
    assert.equal(sessions.length, 2);
    assert.equal(sessions[0]!.stopped, 1);
    assert.equal(m.session('a'), sessions[1]);
  });

  it('reports sessions created before they start, and stopped ones as undefined', () => {
    const { m } = setup();
    const seen: string[] = [];
    m.onDidChangeSession((c) =>
      seen.push(`${c.name}:${c.session ? `new(started=${c.session.started})` : 'gone'}`),
    );
    m.reconcile([{ name: 'a', fingerprint: '1' }]);
    m.connect('a');
    m.reconnect('a');
    m.reconcile([{ name: 'a', fingerprint: '2' }]);
    m.disconnect('a');
    assert.deepEqual(seen, [
      'a:new(started=0)',
      'a:gone',
      'a:new(started=0)',
      'a:gone',
      'a:new(started=0)',
      'a:gone',
    ]);
  });
});
