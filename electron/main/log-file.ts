import { appendFileSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

/**
 * What the log must never hold, replaced before a line is written (the same families the custody log
 * refuses, electron/core/custody/secrets.ts): API tokens, bearer/basic credentials, PEM private keys,
 * credentials in URLs and presigned links' query strings.
 */
const SCRUBBERS: ReadonlyArray<readonly [RegExp, string | ((...m: string[]) => string)]> = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, '[redacted private key]'],
  [/(?<![A-Za-z0-9])kt_[A-Za-z0-9]+_[A-Za-z0-9_-]+/gi, '[redacted token]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@]*:[^/\s?#@]*@/gi, '$1[redacted]@'],
  // A query string that carries a signature or token: the whole query goes (presigned storage links).
  [
    /\?(?:[^\s"'<>#]*&)?(?:x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|token|access_token|id_token|api_key|apikey|auth)=[^\s"'<>]*/gi,
    '?[redacted query]',
  ],
  [/("?(?:token|secret|password|passphrase|authorization|api_key|apikey)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;}]+)/gi, '$1[redacted]'],
];

/** `text` without anything that looks like a secret. */
export function scrubLogText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBBERS) out = out.replace(pattern, replacement as string);
  return out;
}

/** The file calls the logger makes (a fake in tests); all synchronous, so a line is on disk before a crash dialog. */
export interface LogFs {
  append(path: string, text: string): void;
  size(path: string): number;
  rename(from: string, to: string): void;
  remove(path: string): void;
  mkdir(dir: string): void;
}

export const nodeLogFs: LogFs = {
  append: (path, text) => appendFileSync(path, text, { mode: 0o600 }),
  size: (path) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  },
  rename: (from, to) => renameSync(from, to),
  remove: (path) => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  },
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
};

export interface LogFileOptions {
  dir: string;
  name?: string;
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept: main.1.log (newest) … main.<keep>.log. */
  keep?: number;
  fs?: LogFs;
  now?: () => Date;
  /** Also written to the console (scrubbed too); off in tests. */
  console?: { error(text: string): void; log(text: string): void } | null;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  readonly path: string;
  log(level: LogLevel, message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

function formatDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  return inspect(detail, { depth: 4, breakLength: Infinity });
}

/**
 * A plain-text log in the app's log folder: one line per entry (time, level, message, details), every
 * line scrubbed of secrets, rotated at `maxBytes` (main.log → main.1.log → … → main.<keep>.log, the
 * oldest dropped). Logging never throws: a full disk or a read-only folder costs the log line, nothing else.
 */
export function createLogFile(options: LogFileOptions): Logger {
  const fs = options.fs ?? nodeLogFs;
  const name = options.name ?? 'main';
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const out = options.console === undefined ? console : options.console;
  const path = join(options.dir, `${name}.log`);
  const rotated = (n: number) => join(options.dir, `${name}.${n}.log`);
  let dirMade = false;

  const rotate = () => {
    fs.remove(rotated(keep));
    for (let n = keep - 1; n >= 1; n--) {
      try {
        fs.rename(rotated(n), rotated(n + 1));
      } catch {
        // a gap in the series: nothing to move
      }
    }
    fs.rename(path, keep >= 1 ? rotated(1) : `${path}.old`);
    if (keep < 1) fs.remove(`${path}.old`);
  };

  const log = (level: LogLevel, message: string, ...details: unknown[]) => {
    let line: string;
    try {
      const text = [message, ...details.map(formatDetail)].join(' ');
      line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${scrubLogText(text)}`;
    } catch {
      line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} (a log line could not be formatted)`;
    }
    try {
      if (level === 'error') out?.error(line);
      else out?.log(line);
    } catch {
      // a closed console (EPIPE) must not take the app down
    }
    try {
      if (!dirMade) {
        fs.mkdir(options.dir);
        dirMade = true;
      }
      const bytes = Buffer.byteLength(line) + 1;
      if (fs.size(path) + bytes > maxBytes && fs.size(path) > 0) rotate();
      fs.append(path, `${line}\n`);
    } catch {
      // the log is best effort
    }
  };
  return {
    path,
    log,
    info: (m, ...d) => log('info', m, ...d),
    warn: (m, ...d) => log('warn', m, ...d),
    error: (m, ...d) => log('error', m, ...d),
  };
}
