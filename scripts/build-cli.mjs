// Bundles the `evidence` CLI into dist/cli/evidence.mjs (ESM, Node 20). better-sqlite3 stays external: it is
// a native addon loaded from node_modules. Files are written to a temp name and renamed, so a CLI test that
// rebuilds while another one runs the CLI never sees half a bundle.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// The ingest writer thread, when the core has one, is looked for as writer-thread.mjs beside the bundle;
// without it the core writes on the main thread (slower, same result).
const WRITER_THREAD = 'electron/core/ingest/writer-thread.ts';
const entryPoints = { evidence: 'electron/cli/evidence.ts', ...(existsSync(WRITER_THREAD) ? { 'writer-thread': WRITER_THREAD } : {}) };

const result = await build({
  entryPoints,
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'electron'],
  // Bundled CommonJS dependencies call require(); an ESM bundle has to provide one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  write: false,
});

await Promise.all(
  result.outputFiles.map(async (file) => {
    await mkdir(dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }),
);
