import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The baseline the speed targets are set against: the Debian sqlite3 CLI's `.import` of the events CSV
 * into a table of its columns, with the same indexes as the cache's `records` or none. In seconds.
 */
export function sqliteImport(csv: string, dir: string, indexed: boolean): number {
  const db = join(dir, `import-${indexed ? 'indexed' : 'plain'}-${process.hrtime.bigint()}.sqlite`);
  const indexes = indexed
    ? `CREATE INDEX i_time ON events(timestamp); CREATE INDEX i_req ON events(request_id) WHERE request_id <> '';
       CREATE INDEX i_esc ON events(escalation_id) WHERE escalation_id <> ''; CREATE INDEX i_verdict ON events(verdict, timestamp);
       CREATE INDEX i_env ON events(environment, timestamp);`
    : '';
  // Dot-commands must start their own line.
  const script = [
    'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;',
    'CREATE TABLE events (id TEXT, event_type TEXT, timestamp TEXT, verdict TEXT, reason_code TEXT, model TEXT, provider TEXT, config_version TEXT, environment TEXT, request_id TEXT, escalation_id TEXT) STRICT;',
    indexes,
    '.mode csv',
    `.import --skip 1 ${csv} events`,
    '',
  ].join('\n');
  const started = performance.now();
  const result = spawnSync('sqlite3', [db], { input: script, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Peak resident memory of this process so far (Linux: VmHWM, exact), or null where /proc is missing. */
export async function highWaterMb(): Promise<number | null> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => null);
  const kb = status === null ? NaN : Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return Number.isFinite(kb) ? kb / 1024 : null;
}

/**
 * Runs one measurement in a fresh process (a bundled bench file started with `args`), so its memory
 * figures are its own and not whatever generating the files or earlier benchmarks left in this one.
 * The child prints its result as the last line of JSON on stdout.
 */
export async function measureInChild<T>(entry: string, args: string[], what: string): Promise<T> {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the ${what} process exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}
