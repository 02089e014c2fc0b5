import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import type { KeeptrustsClient } from './api';
import { openDatabase } from './cache/database';
import { cacheLayout } from './cache/layout';
import { TaskRunner, WriteQueue } from './tasks';
import type { Actor } from './actor';
import type { AppError } from './errors';
import { ensureWorkspace, type Workspace } from './workspace';

/** Everything the services work on: the open cache, the current workspace, its API client, running tasks. */
export interface Session {
  db: Database;
  cacheDir: string;
  workspace: Workspace;
  /** Null in offline mode (no API), or when the workspace's API cannot be used now (see clientProblem). */
  client: KeeptrustsClient | null;
  /** Why a workspace with an API has no client (its token is not stored, or cannot be read); the API calls answer with it. */
  clientProblem?: AppError;
  tasks: TaskRunner;
  /** Pulls and imports queue here so only one writes to the cache at a time. */
  writes: WriteQueue;
  /** Who acts, for provenance and custody: the reviewer's name and the OS user. */
  actor: Actor;
}

/** Opens the cache in `cacheDir` and records the workspace (never its token). */
export function openSession(options: { cacheDir: string; workspace: Workspace; client: KeeptrustsClient | null; actor: Actor; nativeBinding?: string }): Session {
  mkdirSync(options.cacheDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(cacheLayout(options.cacheDir).database, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  ensureWorkspace(db, options.workspace);
  return { db, cacheDir: options.cacheDir, workspace: options.workspace, client: options.client, tasks: new TaskRunner(), writes: new WriteQueue(), actor: options.actor };
}

/** Stops running work and closes the cache. */
export function closeSession(session: Session): void {
  session.tasks.cancelAll();
  session.db.close();
}
