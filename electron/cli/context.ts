import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Actor } from '../core/actor';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import packageJson from '../../package.json';
import type { EventName, EventPayload } from '../../shared/bridge/contract';
import type { DataSource } from '../../shared/bridge/types';
import { createKeeptrustsClient, type KeeptrustsClient } from '../core/api';
import type { BridgeServices, CallContext } from '../core/bridge/services';
import { openDatabase } from '../core/cache/database';
import { cacheLayout } from '../core/cache/layout';
import { AppError } from '../core/errors';
import { createServices } from '../core/services';
import { closeSession, openSession, type Session } from '../core/session';
import { TaskRunner, WriteQueue } from '../core/tasks';
import type { Workspace } from '../core/workspace';
import type { ApiTarget } from './args';
import type { CacheDirHost } from './cache-dir';
import type { Output, Writer } from './output';
import type { ProgressLine } from './progress';
import { readToken } from './values';
import { chooseWorkspace, type WorkspaceChoice } from './workspace';

/** Everything the CLI takes from its process, injected so the entry point is the only place touching globals. */
export interface CliHost extends CacheDirHost {
  cwd: string;
  stdout: Writer;
  stderr: Writer;
  fetch: typeof fetch;
  /** Aborts on Ctrl-C. */
  signal: AbortSignal;
  /** The OS user name, for provenance. */
  userName: () => string;
  /** This computer's name, for a packet's host field (only with `evidence pack --include-host`). */
  hostName: () => string;
}

/** What a command works with. */
export interface CommandContext {
  host: CliHost;
  out: Output;
  progress: ProgressLine;
}

/** The app's name and version, as the bridge's appInfo reports them. */
export const APP = { name: 'Evidence Packager', version: packageJson.version };

/** Who acts, for provenance and custody: the --reviewer name (if given) and the OS user. */
export function actorOf(reviewer: string | null, host: CliHost): Actor {
  return { name: reviewer, os_user: host.userName() };
}

/** A client for the API, its token read from the named variable and registered for redaction before any use. */
export function connect(target: ApiTarget, ctx: CommandContext): KeeptrustsClient {
  const token = readToken(ctx.host.env, target.tokenEnv);
  ctx.out.redact(token);
  const log = (line: string) => (ctx.out.mode.debug ? ctx.out.note(line) : ctx.progress.line(line));
  return createKeeptrustsClient({ fetch: ctx.host.fetch, baseUrl: target.apiBaseUrl, token, log });
}

/** Opens (creating if needed) the cache for a command that writes, recording its workspace. */
export function openForWriting(cacheDir: string, workspace: Workspace, client: KeeptrustsClient | null, actor: Actor, host: CliHost): Session {
  return openSession({ cacheDir: resolve(host.cwd, cacheDir), workspace, client, actor });
}

/** Opens an existing cache for a command that only reads; creates nothing, not even a workspace row. */
export function openForReading(cacheDir: string, choice: WorkspaceChoice, host: CliHost): Session {
  return openExisting(cacheDir, choice, actorOf(null, host), host);
}

/**
 * Opens an existing cache and workspace for a command that adds to what is there (`evidence pack`
 * appends to the workspace's custody chain); like openForReading, it creates no cache and no workspace.
 */
export function openExisting(cacheDir: string, choice: WorkspaceChoice, actor: Actor, host: CliHost): Session {
  const dir = resolve(host.cwd, cacheDir);
  const nothingYet = new AppError('not-found', `Nothing has been pulled or imported into the cache at ${dir} yet.`, 'Run `evidence pull` or `evidence import` first, or point --cache (or EVIDENCE_CACHE_DIR) at another cache.');
  if (!existsSync(cacheLayout(dir).database)) throw nothingYet;
  const db = openDatabase(cacheLayout(dir).database);
  try {
    const workspace = chooseWorkspace(db, choice);
    if (!workspace) throw nothingYet;
    return { db, cacheDir: dir, workspace, client: null, tasks: new TaskRunner(), writes: new WriteQueue(), actor };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The cache database alone, for the trusted-signer list (which belongs to no workspace): created when
 * `create` is set (`keys trust`), else null when there is no cache yet (nothing to list or remove).
 */
export function openCacheDatabase(cacheDir: string, host: CliHost, create: boolean): { db: Database; dir: string } | null {
  const dir = resolve(host.cwd, cacheDir);
  const file = cacheLayout(dir).database;
  if (!create && !existsSync(file)) return null;
  if (create) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new AppError('cache-unavailable', `The cache folder ${dir} could not be created (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'Check that its parent folder is writable, or choose another with --cache.');
    }
  }
  return { db: openDatabase(file), dir };
}

/**
 * The cache database opened read-only (no migration, nothing created or changed), for `evidence verify`'s
 * trusted-signer lookup; null when there is no cache, or one without trusted signers.
 */
export function openCacheReadOnly(cacheDir: string, host: CliHost): Database | null {
  const file = cacheLayout(resolve(host.cwd, cacheDir)).database;
  if (!existsSync(file)) return null;
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('cache-unavailable', `The cache database could not be opened: ${(error as Error).message}.`, 'Check the cache folder, or choose another with --cache.');
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trusted_signers'").get() === undefined) {
      db.close();
      return null;
    }
    return db;
  } catch (error) {
    db.close();
    throw new AppError('cache-unavailable', `The cache database could not be read: ${(error as Error).message}.`, 'Check the cache folder, or choose another with --cache.');
  }
}

/** The bridge's own services over this session: the CLI runs exactly the code the app runs. */
export function servicesFor(session: Session): BridgeServices {
  const dataSource: DataSource = session.workspace.apiBaseUrl ? { kind: 'keeptrusts', apiBaseUrl: session.workspace.apiBaseUrl } : { kind: 'offline' };
  return createServices({ runtime: 'cli', app: APP, dataSource: () => dataSource, session: () => session });
}

/** Routes the services' events to the progress line. */
export function progressContext(progress: ProgressLine): CallContext {
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      if (name === 'progress') progress.progress(payload as EventPayload<'progress'>);
      else if (name === 'jobStatus') progress.status(payload as EventPayload<'jobStatus'>);
    },
  };
}

/** Runs work on a session, cancelling its tasks on Ctrl-C and closing it however the work ends. */
export async function withSession<T>(session: Session, signal: AbortSignal, work: (session: Session) => Promise<T>): Promise<T> {
  const cancel = () => session.tasks.cancelAll();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled by the user.', 'Start it again when you are ready.');
    return await work(session);
  } finally {
    signal.removeEventListener('abort', cancel);
    closeSession(session);
  }
}
