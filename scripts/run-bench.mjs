// `npm run bench`: bundles the benchmarks with esbuild and runs them on plain Node, as the app's own
// bundled code runs, so memory figures do not include a TypeScript loader.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'dist/bench/run.mjs' }),
  build({ ...common, entryPoints: ['electron/sample-api/main.ts'], outfile: 'dist/bench/sample-api.mjs' }),
  // Each measured ingest runs in its own process, from this bundle (bench/ingest-1m.ts).
  build({ ...common, entryPoints: ['bench/ingest-1m.ts'], outfile: 'dist/bench/ingest-1m.mjs' }),
  build({ ...common, entryPoints: ['bench/validate-1m.ts'], outfile: 'dist/bench/validate-1m.mjs' }),
  build({ ...common, entryPoints: ['bench/packet-1m.ts'], outfile: 'dist/bench/packet-1m.mjs' }),
  // The ingest's worker-thread entry, found beside the bundle that starts it (electron/core/ingest/writer-entry.ts).
  build({ ...common, entryPoints: ['electron/core/ingest/writer-thread.ts'], outfile: 'dist/bench/writer-thread.mjs' }),
]);
const result = spawnSync(process.execPath, ['dist/bench/run.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
