import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The architecture's boundaries are enforced by lint (eslint.config.mjs); these tests prove the
// rule fires where it must and stays quiet where `vscode` belongs.
describe('lint boundaries', function () {
  this.timeout(60_000);
  const root = path.resolve(__dirname, '../..');
  const eslint = new ESLint({ cwd: root });

  async function messages(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  for (const folder of ['src/core/cache', 'src/kube', 'src/protocol', 'src/webview']) {
    it(`forbids importing vscode in ${folder}`, async () => {
      const msgs = await messages(
        `${folder}/probe.ts`,
        "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      );
      assert.ok(
        msgs.some((m) => m.startsWith('no-restricted-imports')),
        `expected no-restricted-imports, got ${msgs.join('; ')}`,
      );
    });
  }

  it('forbids Node built-ins in the webview', async () => {
    const msgs = await messages(
      'src/webview/probe.ts',
      "import * as fs from 'node:fs';\nexport const x = fs;\n",
    );
    assert.ok(msgs.some((m) => m.startsWith('no-restricted-imports')));
  });

  it('allows vscode in src/host', async () => {
    const msgs = await messages(
      'src/host/probe.ts',
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
    );
    assert.deepEqual(msgs, []);
  });
});
