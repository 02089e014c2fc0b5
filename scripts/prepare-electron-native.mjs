// `npm start` runs this: builds better-sqlite3 against Electron's ABI into dist/native/, leaving the
// copy in node_modules (built for Node, used by the tests and the CLI) untouched. Needs Electron's
// headers from Electron's site the first time; later starts reuse the build.
import { rebuild } from '@electron/rebuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const version = (pkg) => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
const electronVersion = version('electron');
const sqliteVersion = version('better-sqlite3');
const stampText = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}, ${process.platform}-${process.arch}`;
const outDir = resolve('dist/native');
const out = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'built-for.txt');

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === stampText) process.exit(0);

const work = resolve('.cache/electron-native');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-native-build', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
cpSync('node_modules/better-sqlite3', join(work, 'node_modules/better-sqlite3'), {
  recursive: true,
  filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`),
});
process.stdout.write(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first start only)…\n`);
await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true });
mkdirSync(outDir, { recursive: true });
copyFileSync(join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), out);
writeFileSync(stamp, stampText);
rmSync(work, { recursive: true, force: true });
