#!/usr/bin/env node
// The `evidence` command: runs the bundle `npm run build` makes, in this same process (so Ctrl-C reaches it).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/evidence.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('evidence: the command line tool is not built yet. Run `npm run build` first.\n');
  process.exit(3);
}
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import(bundle.href);
