// `npm run dist [-- electron-builder args]`, after `npm run build`: packages the app with electron-builder.
//   1. keeps the Node build of better-sqlite3 (node_modules/better-sqlite3/build/Release/better_sqlite3.node,
//      used by the tests and the CLI) aside;
//   2. rebuilds the native modules for this Electron (`electron-builder install-app-deps`, which uses
//      @electron/rebuild): needs Electron's headers from Electron's site, a C++ toolchain, and Node >= 22.12;
//   3. runs `electron-builder --config electron-builder.yml <args>` (npmRebuild is off there: step 2 did it);
//   4. puts the Node build back, whatever happened, so `npm test` and `npx evidence` keep working.
// Never run by `npm install` or CI. `--print-plan` prints the steps as JSON and runs nothing (tests use it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const printPlan = args.includes('--print-plan');
const builderArgs = args.filter((a) => a !== '--print-plan');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const nodeBuild = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const kept = join(root, '.cache/node-native/better_sqlite3.node');

export const plan = [
  { step: 'keep-node-build', from: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', to: '.cache/node-native/better_sqlite3.node' },
  { step: 'rebuild-native-for-electron', command: ['electron-builder', 'install-app-deps'] },
  { step: 'package', command: ['electron-builder', '--config', 'electron-builder.yml', ...builderArgs] },
  { step: 'restore-node-build', from: '.cache/node-native/better_sqlite3.node', to: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node' },
];

if (printPlan) {
  process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  process.exit(0);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(`[dist] Node ${process.versions.node}: @electron/rebuild 4 and Electron 44 declare Node >= 22.12; use it for packaging.`);
}

function run(command) {
  const [name, ...rest] = command;
  const result = spawnSync(bin(name), rest, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited with ${result.status ?? result.signal}`);
}

let status = 0;
const hadNodeBuild = existsSync(nodeBuild);
if (hadNodeBuild) {
  mkdirSync(dirname(kept), { recursive: true });
  copyFileSync(nodeBuild, kept);
}
try {
  run(plan[1].command);
  run(plan[2].command);
} catch (error) {
  console.error(`[dist] ${error instanceof Error ? error.message : String(error)}`);
  status = 1;
} finally {
  if (hadNodeBuild) copyFileSync(kept, nodeBuild);
}
process.exit(status);
