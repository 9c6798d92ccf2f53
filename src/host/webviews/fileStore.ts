import * as vscode from 'vscode';
import type { TextStore } from '../../core/stream/publisher';

/**
 * fileStore is a TextStore over one file under `dir` (the extension's globalStorageUri). A
 * missing file reads as undefined; writes create the folder and replace the file.
 */
export function fileStore(dir: vscode.Uri, name: string): TextStore {
  const uri = vscode.Uri.joinPath(dir, name);
  return {
    async read() {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch (err) {
        if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
        throw err;
      }
    },
    async write(text) {
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    },
  };
}
