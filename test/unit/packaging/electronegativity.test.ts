import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs `npm run security-scan` (scripts/security-scan.mjs: Electronegativity over electron/, renderer/ and
// shared/, offline) and fails on a HIGH finding not waived in electronegativity-waivers.json.
const root = resolve(import.meta.dirname, '../../..');

interface Finding { id: string; severity: string; file: string; line: number }
interface Waiver { id: string; file: string; reason: string }
interface Report {
  checks: { global: number; atomic: number };
  parseErrors: { file: string; message: string; tolerable: boolean }[];
  findings: Finding[];
  unwaivedHigh: Finding[];
  staleWaivers: Waiver[];
}

const waivers = (JSON.parse(readFileSync(join(import.meta.dirname, 'electronegativity-waivers.json'), 'utf8')) as { waivers: Waiver[] }).waivers;
let dir: string;
let report: Report;
let exitCode: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scan-test-'));
  const out = join(dir, 'electronegativity.json');
  try {
    execFileSync(process.execPath, [join(root, 'scripts/security-scan.mjs'), '--out', out], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    exitCode = 0;
  } catch (error) {
    exitCode = (error as { status: number }).status;
  }
  report = JSON.parse(readFileSync(out, 'utf8')) as Report;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Electronegativity over the sources', () => {
  it('ran its checks and parsed every file', () => {
    expect(report.checks.atomic).toBeGreaterThan(20);
    expect(report.parseErrors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('has no HIGH finding that is not waived', () => {
    expect(report.unwaivedHigh).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('has no waiver left over for a finding that is gone', () => {
    expect(report.staleWaivers).toEqual([]);
  });

  it('gives every waiver a reason, also in docs/SECURITY-SCANS.md', () => {
    const doc = readFileSync(join(root, 'docs/SECURITY-SCANS.md'), 'utf8');
    for (const waiver of waivers) {
      expect(waiver.reason.length, `${waiver.id} ${waiver.file}`).toBeGreaterThan(40);
      expect(doc).toContain(`\`${waiver.id}\``);
      expect(doc).toContain(`\`${waiver.file}\``);
    }
  });
});
