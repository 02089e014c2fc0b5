import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI runs under plain Node: like core, it may import electron/core and shared, never Electron or the app's glue.
const root = join(process.cwd(), 'electron', 'cli');
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
const specifiers = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

describe('the CLI layer', () => {
  it('has files to check', () => {
    expect(files).toContain('evidence.ts');
  });

  it.each(files)('%s imports neither Electron nor the main process, preload or renderer', (file) => {
    const bad = specifiers(file).filter((s) => s === 'electron' || s.startsWith('electron/') || /(^|\/)(main|preload|renderer)(\/|$)/.test(s));
    expect(bad).toEqual([]);
  });
});
