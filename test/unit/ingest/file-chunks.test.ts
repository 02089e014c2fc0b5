import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileChunks } from '../../../electron/core/ingest/file-chunks';

describe('fileChunks', () => {
  it('reads the whole file in order through two buffers used in turn', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'file-chunks-'));
    try {
      const content = Buffer.from(Array.from({ length: 10_000 }, (_v, i) => i % 251));
      const file = join(dir, 'f.bin');
      await writeFile(file, content);
      const copies: Buffer[] = [];
      const memory = new Set<ArrayBufferLike>();
      for await (const chunk of fileChunks(file, 1024)) {
        copies.push(Buffer.from(chunk));
        memory.add(chunk.buffer);
        expect(chunk.length).toBeLessThanOrEqual(1024);
      }
      expect(Buffer.concat(copies).equals(content)).toBe(true);
      expect(copies).toHaveLength(10);
      expect(memory.size).toBeLessThanOrEqual(2);
      const empty = join(dir, 'empty.bin');
      await writeFile(empty, '');
      const none: Buffer[] = [];
      for await (const chunk of fileChunks(empty)) none.push(chunk);
      expect(none).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
