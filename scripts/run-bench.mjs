// `npm run bench`: bundles the benchmarks with esbuild and runs them on plain Node, as the app's own
// bundled code runs, so memory figures do not include a TypeScript loader.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({
  entryPoints: ['bench/run.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/bench/run.mjs',
  packages: 'external',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['dist/bench/run.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
