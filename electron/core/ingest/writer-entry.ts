import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriterStart } from './writer-protocol';

/** A small young generation: the thread only holds a few batches of rows at a time, and RSS is a target (the default grows to ~23 MB, this stays near 10). */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** This module's URL in ESM (sources, tests, the bench bundle); the bundle file's in a CommonJS bundle. */
function moduleUrl(): string | null {
  try {
    // A CommonJS bundle has an empty import.meta (inside try, esbuild does not warn about it).
    if (import.meta.url) return import.meta.url;
  } catch {
    // Not an ES module.
  }
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : null;
}

/**
 * Starts the writer thread from the entry next to this code: `writer-thread.mjs` beside a bundle
 * (scripts/run-bench.mjs builds it), or `writer-thread.ts` beside the sources, loaded in the thread
 * through tsx (present wherever TypeScript runs unbundled: tests, tsx). Null when neither is there.
 */
export function startWriterThread(start: WriterStart): Worker | null {
  const base = moduleUrl();
  if (base === null) return null;
  const bundled = new URL('./writer-thread.mjs', base);
  if (existsSync(bundled)) return new Worker(bundled, { workerData: start, resourceLimits: RESOURCE_LIMITS });
  const source = new URL('./writer-thread.ts', base);
  if (!existsSync(source)) return null;
  const path = fileURLToPath(source);
  let tsx: string;
  try {
    tsx = createRequire(path).resolve('tsx/cjs/api');
  } catch {
    return null;
  }
  const code = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(path)}, ${JSON.stringify(path)});`;
  return new Worker(code, { eval: true, workerData: start, resourceLimits: RESOURCE_LIMITS });
}
