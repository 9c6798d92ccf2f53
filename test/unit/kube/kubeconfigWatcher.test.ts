import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { watchKubeconfigFiles } from '../../../src/kube/kubeconfigWatcher';
import { waitFor as waitForCond } from '../fakes/waitFor';

const waitFor = (cond: () => boolean): Promise<void> => waitForCond(cond, 'the watcher to call back', 3000);

describe('watchKubeconfigFiles', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-watch-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('notices edits, replacements and creation, debounced', async () => {
    const file = path.join(dir, 'config');
    const missing = path.join(dir, 'later');
    fs.writeFileSync(file, 'a: 1\n');
    let calls = 0;
    const w = watchKubeconfigFiles([file, missing], () => calls++, { debounceMs: 50 });
    try {
      fs.writeFileSync(file, 'a: 2\n');
      fs.appendFileSync(file, 'b: 3\n');
      await waitFor(() => calls === 1);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(calls, 1, 'debounced into one call');
      // Replace by rename, as editors and kubectl do.
      fs.writeFileSync(path.join(dir, 'tmp'), 'a: 3\n');
      fs.renameSync(path.join(dir, 'tmp'), file);
      await waitFor(() => calls === 2);
      fs.writeFileSync(file, 'a: 4\n'); // still noticed after the replacement
      await waitFor(() => calls === 3);
      fs.writeFileSync(missing, 'x: 1\n');
      await waitFor(() => calls === 4);
      fs.writeFileSync(path.join(dir, 'unrelated'), '');
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(calls, 4, 'other files in the directory are ignored');
    } finally {
      w.dispose();
    }
    fs.writeFileSync(file, 'a: 5\n');
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(calls, 4, 'nothing after dispose');
  });
});
