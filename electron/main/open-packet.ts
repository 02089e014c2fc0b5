import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The packet (.zip) a launch names on its command line ("Open with", a double-click, `app packet.zip`),
 * resolved against the launching process's working folder, or null. Switches (`--…`, Chromium adds
 * some) are skipped; `file://` URLs are accepted; the last .zip wins.
 */
export function packetPathFromArgv(argv: readonly string[], cwd: string): string | null {
  let found: string | null = null;
  // argv[0] is the executable; in development argv[1] is the app folder ('.'), which is no .zip anyway.
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg === '' || arg.startsWith('-') || arg.includes('\0')) continue;
    let path = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        path = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
      continue;
    }
    if (!/\.zip$/i.test(path)) continue;
    found = isAbsolute(path) ? resolve(path) : resolve(cwd, path);
  }
  return found;
}

/**
 * A packet the OS asked the app to open, waiting for the Verify step's chooser: the next
 * `choose.packetFile()` answers it instead of showing the dialog, once, within `ttlMs` (after that, or
 * once taken, the dialog is back). The path never passes through the renderer.
 */
export class PendingPacket {
  #path: string | null = null;
  #at = 0;
  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 60_000,
  ) {}
  offer(path: string): void {
    this.#path = path;
    this.#at = this.now();
  }
  take(): string | null {
    const path = this.#path;
    this.#path = null;
    return path !== null && this.now() - this.#at <= this.ttlMs ? path : null;
  }
}

/**
 * Delivers "open this packet" to the window once its page listens: a command that arrives before the
 * window exists or while its page (re)loads waits until the page says which step it shows (the
 * renderer's first `stepShown`, made after it subscribed to events).
 */
export class WindowCommands<C> {
  #ready = false;
  #queued: C[] = [];
  constructor(private readonly send: (command: C) => void) {}
  /** The page started loading (or the window is gone): commands wait. */
  notReady(): void {
    this.#ready = false;
  }
  /** The page listens: send what waited. */
  ready(): void {
    this.#ready = true;
    const queued = this.#queued;
    this.#queued = [];
    for (const command of queued) this.send(command);
  }
  run(command: C): void {
    if (this.#ready) this.send(command);
    else if (!this.#queued.includes(command)) this.#queued.push(command);
  }
}
