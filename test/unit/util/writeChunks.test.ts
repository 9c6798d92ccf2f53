import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeFileChunks } from '../../../src/core/util/writeChunks';

describe('util/writeFileChunks (the history file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kube-events-chunks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the chunks in order, creating the folder, and replaces the old file', async () => {
    const folder = path.join(dir, 'global', 'storage');
    const file = path.join(folder, 'events-history.ndjson');
    await writeFileChunks(folder, file, ['old\n']);
    const chunks = Array.from({ length: 50 }, (_, i) => `line ${i} é ✓\n`.repeat(100));
    await writeFileChunks(folder, file, chunks);
    assert.equal(readFileSync(file, 'utf8'), chunks.join(''));
    assert.deepEqual(readdirSync(folder), ['events-history.ndjson'], 'no temporary file left');
  });

  it('a write that fails leaves the old file whole and no temporary file', async () => {
    const file = path.join(dir, 'events-history.ndjson');
    writeFileSync(file, 'kept\n');
    // A folder where the temporary file must go: opening it for writing fails.
    mkdirSync(`${file}.${process.pid}.tmp`);
    await assert.rejects(writeFileChunks(dir, file, ['new\n']));
    assert.equal(readFileSync(file, 'utf8'), 'kept\n');
  });
});
