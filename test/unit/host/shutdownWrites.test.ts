import * as assert from 'node:assert/strict';
import { settleShutdownWrites, trackShutdownWrite } from '../../../src/host/shutdownWrites';

describe('host/shutdownWrites (deactivate waits for the history’s last save)', () => {
  it('waits for a write that the dispose after deactivate starts, and no longer', async () => {
    let finish: () => void = () => undefined;
    let done = false;
    const settled = settleShutdownWrites(60_000).then(() => (done = true));
    // VS Code disposes the subscriptions right after calling deactivate: same turn.
    trackShutdownWrite(new Promise<void>((r) => (finish = r)));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false, 'still waiting for the save');
    finish();
    await settled;
    assert.equal(done, true);
  });

  it('a failed write does not fail deactivate', async () => {
    const settled = settleShutdownWrites(60_000);
    trackShutdownWrite(Promise.reject(new Error('disk full')));
    await settled;
  });

  it('is bounded: a write that never settles is given up after maxMs', async () => {
    const settled = settleShutdownWrites(30);
    trackShutdownWrite(new Promise<void>(() => undefined));
    let done = false;
    await Promise.race([settled.then(() => (done = true)), new Promise((r) => setTimeout(r, 20_000))]);
    assert.equal(done, true);
  });
});
