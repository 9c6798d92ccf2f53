import { promises as fs } from 'node:fs';

/**
 * writeFileChunks writes `chunks` in order to `file` (creating `folder`) through a temporary
 * file beside it that then replaces `file`: each chunk is one write, awaited (the event loop
 * turns between them, and only one chunk is encoded at a time), and a write cut short leaves the
 * old file whole and no temporary file behind.
 */
export async function writeFileChunks(
  folder: string,
  file: string,
  chunks: readonly string[],
): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      for (const chunk of chunks) await handle.write(chunk, null, 'utf8');
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
