/**
 * boundedFile: reads a file named by a kubeconfig (the kubeconfig itself, token files, client
 * certificates, CA files) with bounds: only a regular file, at most `maxBytes`. A FIFO, a device
 * such as /dev/zero, a socket or a directory is refused with a clear message instead of blocking
 * a thread of libuv's pool or reading gigabytes.
 */
import * as fs from 'node:fs';

/** KUBECONFIG_MAX_BYTES caps one kubeconfig file (kubectl has no cap; real ones are < 100 KB). */
export const KUBECONFIG_MAX_BYTES = 4 * 1024 * 1024;
/** CREDENTIAL_FILE_MAX_BYTES caps a token, certificate, key or CA file. */
export const CREDENTIAL_FILE_MAX_BYTES = 1024 * 1024;

/**
 * FileBoundError is a file refused for its type or its size. `code` is `ENOTREG` (not a regular
 * file) or `EFBIG` (over the cap), so callers can tell it from a missing file (`ENOENT`).
 */
export class FileBoundError extends Error {
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG',
    message: string,
  ) {
    super(message);
    this.name = 'FileBoundError';
  }
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (where
// it is defined: not on Windows, which has no FIFOs in the file system).
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkStat(file: string, st: fs.Stats, maxBytes: number): void {
  if (!st.isFile()) throw new FileBoundError('ENOTREG', `${file} is ${kindOf(st)}, not a regular file`);
  if (st.size > maxBytes) throw new FileBoundError('EFBIG', tooBig(file, maxBytes));
}

function tooBig(file: string, maxBytes: number): string {
  return `${file} is larger than ${Math.round(maxBytes / 1024)} KiB`;
}

function finish(file: string, chunks: Buffer[], total: number, maxBytes: number): Buffer {
  if (total > maxBytes) throw new FileBoundError('EFBIG', tooBig(file, maxBytes));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * readBoundedFile reads `file` asynchronously. Rejects with FileBoundError when it is not a
 * regular file or holds more than `maxBytes` (also when it grows past the cap while being read),
 * and with the fs error (ENOENT...) otherwise. Never reads more than `maxBytes + 1` bytes.
 */
export async function readBoundedFile(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, OPEN_FLAGS);
  try {
    const st = await handle.stat();
    checkStat(file, st, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // Sized by the stat, plus one byte to notice a file that grew past the cap.
    let chunk = Math.min(maxBytes, st.size) + 1;
    while (total <= maxBytes) {
      const buf = Buffer.alloc(Math.min(chunk, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      chunk = 64 * 1024;
    }
    return finish(file, chunks, total, maxBytes);
  } finally {
    await handle.close();
  }
}

/**
 * readBoundedFileSync is readBoundedFile for synchronous callers (tests, benches): same checks,
 * same cap. The extension itself reads asynchronously.
 */
export function readBoundedFileSync(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    checkStat(file, st, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Math.min(maxBytes, st.size) + 1;
    while (total <= maxBytes) {
      const buf = Buffer.alloc(Math.min(chunk, maxBytes + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      chunk = 64 * 1024;
    }
    return finish(file, chunks, total, maxBytes);
  } finally {
    fs.closeSync(fd);
  }
}
