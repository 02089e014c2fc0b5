import BetterSqlite3 from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The project root (vitest runs from it). */
export const ROOT = process.cwd();
/** The launcher `npx evidence` runs. */
export const BIN = join(ROOT, 'bin', 'evidence.mjs');
const BUNDLE = join(ROOT, 'dist', 'cli', 'evidence.mjs');
const SOURCES = ['electron/cli', 'electron/core', 'shared', 'scripts/build-cli.mjs', 'package.json'];

function newestSource(): number {
  let newest = 0;
  for (const entry of SOURCES) {
    const path = join(ROOT, entry);
    const files = statSync(path).isDirectory() ? (readdirSync(path, { recursive: true }) as string[]).map((f) => join(path, f)) : [path];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * `npm test` builds before running tests; a CLI test run on its own rebuilds the bundle with the same
 * script when it is missing or older than its sources (the script replaces files atomically).
 */
export function ensureBuilt(): void {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource()) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** What a finished CLI run left behind. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The child's environment: ours, minus anything that would pick a cache or a key folder for it, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.EVIDENCE_CACHE_DIR;
  delete base.EVIDENCE_KEY_DIR;
  return { ...base, XDG_CACHE_HOME: join(tmpdir(), 'evidence-cli-test-no-default-cache'), XDG_CONFIG_HOME: join(tmpdir(), 'evidence-cli-test-no-default-config'), ...env };
}

/** Starts `node bin/evidence.mjs …` with piped output (so stderr is not a terminal). */
export function startCli(args: string[], options: { env?: Record<string, string>; bin?: string } = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { cwd: ROOT, env: childEnv(options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI to the end. */
export function runCli(args: string[], options: { env?: Record<string, string>; bin?: string } = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** Parses the one JSON document a --json run prints, with the run's stderr in the message when it is not JSON. */
export function json<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** A temp folder for a cache, removed by `remove`. */
export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Reads the cache the CLI wrote, read-only, closing it after `read`. */
export function inCache<T>(cacheDir: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(join(cacheDir, 'cache.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Files stored under the cache's artifacts folder (relative paths). */
export function storedFiles(cacheDir: string): string[] {
  const dir = join(cacheDir, 'artifacts');
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
}
