import * as vscode from 'vscode';
import { yieldToLoop } from '../../core/cache/workSlicer';
import { writeFileChunks } from '../../core/util/writeChunks';
import type { TextStore } from '../../core/stream/publisher';

/**
 * fileStore is a TextStore over one file under `dir` (the extension's globalStorageUri). A
 * missing file reads as undefined; writes create the folder and replace the file. Text given as
 * chunks is written chunk by chunk with a turn of the event loop between them (a 24 MB history
 * encoded at once held the extension host for ~300 ms): on a `file:` folder straight to a
 * temporary file that then replaces the old one (a write cut short leaves the old file whole),
 * elsewhere encoded chunk by chunk into one buffer for VS Code's file system.
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
      const chunks = typeof text === 'string' ? [text] : text;
      if (uri.scheme === 'file') {
        await writeFileChunks(dir.fsPath, uri.fsPath, chunks);
        return;
      }
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(uri, await encodeChunks(chunks));
    },
  };
}

/** encodeChunks encodes each chunk as UTF-8, yielding between chunks, into one buffer. */
async function encodeChunks(chunks: readonly string[]): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < chunks.length; i++) {
    if (i > 0) await yieldToLoop();
    const part = encoder.encode(chunks[i]);
    parts.push(part);
    size += part.length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
