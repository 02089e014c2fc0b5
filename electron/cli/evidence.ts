import { homedir, hostname, userInfo } from 'node:os';
import type { Writable } from 'node:stream';
import { EXIT } from './exit-codes';
import { runCli } from './run';

// The `evidence` command's entry point (bundled to dist/cli/evidence.mjs): the only file touching process globals.

const controller = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C means "stop waiting for the cleanup"; the cache stays consistent either way (SQLite transactions).
  if (controller.signal.aborted) process.exit(EXIT.cancelled);
  controller.abort();
});

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    // Containers may run as a uid with no passwd entry.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

const flushed = (stream: Writable) => new Promise<void>((resolve) => stream.write('', () => resolve()));

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  platform: process.platform,
  homedir: homedir(),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  fetch: globalThis.fetch,
  signal: controller.signal,
  userName,
  hostName: hostname,
});
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
// Exit now rather than wait for idle keep-alive sockets to the API to time out.
process.exit(code);
