import type { Actor } from '../core/actor';
import { existsSync } from 'node:fs';
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
  const dir = resolve(host.cwd, cacheDir);
  const nothingYet = new AppError('not-found', `Nothing has been pulled or imported into the cache at ${dir} yet.`, 'Run `evidence pull` or `evidence import` first, or point --cache (or EVIDENCE_CACHE_DIR) at another cache.');
  if (!existsSync(cacheLayout(dir).database)) throw nothingYet;
  const db = openDatabase(cacheLayout(dir).database);
  try {
    const workspace = chooseWorkspace(db, choice);
    if (!workspace) throw nothingYet;
    return { db, cacheDir: dir, workspace, client: null, tasks: new TaskRunner(), writes: new WriteQueue(), actor: actorOf(null, host) };
  } catch (error) {
    db.close();
    throw error;
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
