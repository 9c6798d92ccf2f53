/**
 * index: the extension-host test entry. VS Code (desktop through @vscode/test-electron, or
 * code-server through test/integration/runner) loads this module in the extension host and
 * calls run(). It runs every `*.test.js` bundle beside it with mocha (BDD, spec reporter).
 * The bundles are built from `*.test.ts` by scripts/vscode/build-tests.mjs.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { suiteBegin, suiteEnd } from './markers';

/** run resolves when every test passed and rejects with the failure count otherwise. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });
  const grep = process.env.KUBE_EVENTS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  console.log(suiteBegin);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(suiteEnd);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
