// `npm run security-scan`: Electronegativity (@doyensec/electronegativity) over the app's sources:
// electron/, renderer/ (index.html and src/) and shared/, scanned together so its global checks (CSP,
// navigation limits, permission handler) see the main process and the renderer at once.
// Writes the report to test-results/electronegativity.json (or --out FILE) and exits 1 when a HIGH finding
// is not waived in test/unit/packaging/electronegativity-waivers.json (docs/SECURITY-SCANS.md explains each).
// Offline: the scanner's two network calls (fresh translations, Electron's release list for the
// AvailableSecurityFixesGlobalCheck) are cut off, and that check is skipped (Electron is pinned instead).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SOURCES = ['electron', 'renderer/index.html', 'renderer/src', 'shared', 'package.json'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const WAIVERS = join(root, 'test/unit/packaging/electronegativity-waivers.json');

const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, 'test-results/electronegativity.json'));

// No network: replace the scanner's HTTP client with one that fails at once (it falls back to its bundled
// English strings).
const scannerMain = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(scannerMain).resolve('got');
const offline = () => Promise.reject(new Error('offline'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) };
const run = require(scannerMain);

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
let result;
try {
  for (const source of SOURCES) cpSync(join(root, source), join(work, source), { recursive: true, filter: (p) => !p.includes('node_modules') });
  // The scanner prints notices with console.log; keep stdout to the summary below while it runs.
  /* eslint-disable no-console */
  const log = console.log;
  console.log = () => {};
  try {
    result = await run({ input: work, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: EXCLUDED_CHECKS }, false);
  } finally {
    console.log = log;
  }
  /* eslint-enable no-console */
} finally {
  rmSync(work, { recursive: true, force: true });
}

const waivers = JSON.parse(readFileSync(WAIVERS, 'utf8')).waivers;
const isWaived = (f) => waivers.some((w) => w.id === f.id && w.file === f.file);
const findings = result.issues.map((i) => ({
  id: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: i.file.split('\\').join('/'),
  line: i.location.line,
  column: i.location.column,
  manualReview: i.manualReview === true,
  description: i.description,
}));
const high = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
const report = {
  scanner: `@doyensec/electronegativity ${JSON.parse(readFileSync(join(dirname(scannerMain), '..', 'package.json'), 'utf8')).version}`,
  electronVersion,
  sources: SOURCES,
  excludedChecks: EXCLUDED_CHECKS,
  checks: { global: result.globalChecks, atomic: result.atomicChecks },
  parseErrors: result.errors,
  findings,
  unwaivedHigh: high.filter((f) => !isWaived(f)),
  staleWaivers: waivers.filter((w) => !findings.some((f) => f.id === w.id && f.file === w.file)),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const where = relative(process.cwd(), out) || out;
for (const f of findings) process.stdout.write(`${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line}${isWaived(f) ? ' (waived)' : ''}\n`);
process.stdout.write(`${findings.length} findings, ${high.length} high, ${report.unwaivedHigh.length} not waived; report: ${where}\n`);
if (report.unwaivedHigh.length > 0 || report.parseErrors.some((e) => !e.tolerable)) process.exit(1);
