import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, json, runCli, startCli, tempDir } from './helpers';

// `evidence demo`: the headless main job end to end, in a child process, with its own sample API.

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
});
afterAll(() => work.remove());

describe('evidence demo', () => {
  it('pulls, validates, packs and verifies in a few seconds, prints the packet, and leaves nothing else behind', async () => {
    // Its own temp folder, to see that the demo removes what it made there.
    const tmp = join(work.dir, 'tmp');
    mkdirSync(tmp);
    const out = join(work.dir, 'out');
    const started = Date.now();
    const run = await runCli(['demo', '--out', out], { env: { TMPDIR: tmp } });
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.stdout).toMatch(/^evidence demo: /);
    for (const step of ['Started the sample API in-process', 'Pulled a day of events and escalations: events (csv, ', 'Validated them', 'Made a throwaway DEMO signing key', 'Packed and signed', 'Verified it with the demo key trusted: VALID']) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).toMatch(/\d+(\.\d)? (ms|s)\n/);
    expect(run.stdout).toMatch(/a DEMO key, thrown away when the demo ended/);
    const path = /^Packet: (.+\.zip)$/m.exec(run.stdout)?.[1];
    const fingerprint = /signed by {3}(SHA256:[A-Za-z0-9+/]{43})/.exec(run.stdout)?.[1];
    expect(path).toBeDefined();
    expect(path!.startsWith(out)).toBe(true);
    expect(readdirSync(out)).toEqual([path!.slice(out.length + 1)]);
    expect(readdirSync(tmp)).toEqual([]);

    const verified = await runCli(['verify', path!, '--trust', fingerprint!, '--cache', join(work.dir, 'no-cache')]);
    expect(verified.code, verified.stdout).toBe(0);
    const untrusted = await runCli(['verify', path!, '--cache', join(work.dir, 'no-cache')]);
    expect(untrusted.code).toBe(1);
  });

  it('--json: the steps with their times, the packet, validation and verification; --cache keeps the cache', async () => {
    const out = join(work.dir, 'out-json');
    const cache = join(work.dir, 'demo-cache');
    const run = await runCli(['demo', '--out', out, '--cache', cache, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = json<{ steps: { id: string; ms: number }[]; packet: { path: string; sha256: string }; fingerprint: string; demoKey: boolean; verification: { status: string }; cacheDir: string; exitCode: number }>(run);
    expect(doc.steps.map((s) => s.id)).toEqual(['api', 'pull', 'validate', 'key', 'pack', 'verify']);
    expect(doc.steps.every((s) => Number.isInteger(s.ms) && s.ms >= 0)).toBe(true);
    expect(doc).toMatchObject({ demoKey: true, verification: { status: 'valid-trusted' }, cacheDir: cache, exitCode: 0 });
    expect(existsSync(doc.packet.path)).toBe(true);
    expect(existsSync(join(cache, 'cache.sqlite'))).toBe(true);
  });

  it('Ctrl-C while pulling: exit 130, the API stopped and the temporary files removed', async () => {
    const tmp = join(work.dir, 'tmp-cancel');
    mkdirSync(tmp);
    const out = join(work.dir, 'out-cancel');
    const { child, done } = startCli(['demo', '--out', out], { env: { TMPDIR: tmp } });
    const pulling = () => readdirSync(tmp).some((d) => existsSync(join(tmp, d, 'cache', 'cache.sqlite')));
    for (let i = 0; !pulling(); i++) {
      if (i > 1000) throw new Error('the demo never started pulling');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGINT');
    const run = await done;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/^evidence: (The demo was cancelled|Cancelled)/);
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('takes no arguments (exit 64)', async () => {
    const run = await runCli(['demo', 'now']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/^evidence: evidence demo takes no arguments, only options\./);
  });
});
