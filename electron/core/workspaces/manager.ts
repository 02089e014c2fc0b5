import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import type { ConnectionCheckView, DataSource, WorkspaceView } from '../../../shared/bridge/types';
import { assertNever } from '../../../shared/result';
import type { Actor } from '../actor';
import { createKeeptrustsClient, type KeeptrustsClientOptions } from '../api';
import { parseBaseUrl } from '../api/url';
import { openDatabase } from '../cache/database';
import { cacheLayout } from '../cache/layout';
import { readSetting, writeSetting } from '../cache/settings';
import { DEMO_WORKSPACE_ID, demoWorkspace } from '../demo';
import { AppError } from '../errors';
import type { Session } from '../session';
import { TaskRunner, WriteQueue } from '../tasks';
import { ensureWorkspace, type Workspace } from '../workspace';
import { checkConnection, type CheckPolicy } from './check';
import { maskToken } from './mask';
import { addWorkspace, ensureOfflineWorkspace, findWorkspace, listWorkspaces, newWorkspaceId, removeWorkspace, updateWorkspace } from './registry';
import type { SecretStore } from './secret-store';
import type { ConnectionTarget, WorkspaceInput, Workspaces } from './types';

/** What the manager needs from its host. */
export interface WorkspaceManagerOptions {
  cacheDir: string;
  /** The compiled SQLite addon to load (the app's Electron build in development). */
  nativeBinding?: string;
  actor: Actor;
  /** Electron's net.fetch in the app (system proxies, OS certificates); global fetch elsewhere. */
  fetch: typeof fetch;
  secrets: SecretStore;
  /** The in-process demo API; without it there is no demo workspace. */
  demo?: { apiBaseUrl: string; token: string } | null;
  /** Overrides for the sessions' API clients (e.g. faster job polls against the sample API). */
  client?: Pick<KeeptrustsClientOptions, 'poll' | 'timeouts' | 'retry' | 'download'>;
  /** Overrides how long a connection check may take. */
  check?: CheckPolicy;
}

/** Opens the cache and the workspace used last (else the demo, else the first one, else an offline one). */
export async function openWorkspaceManager(options: WorkspaceManagerOptions): Promise<WorkspaceManager> {
  mkdirSync(options.cacheDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(cacheLayout(options.cacheDir).database, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const manager = new WorkspaceManager(db, options);
    await manager.start();
    return manager;
  } catch (error) {
    db.close();
    throw error;
  }
}

const CURRENT = 'current_workspace';

/**
 * The workspaces of one run of the app over one cache: one database, one task runner and one write queue
 * shared by all of them, and the session of the workspace in use. Tokens come from the secret store when
 * a session is built and live on only inside its API client.
 */
export class WorkspaceManager implements Workspaces {
  readonly #tasks = new TaskRunner();
  readonly #writes = new WriteQueue();
  #session: Session | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: WorkspaceManagerOptions,
  ) {}

  /** Opens the remembered workspace; called once, by openWorkspaceManager. */
  async start(): Promise<void> {
    const demo = this.options.demo;
    if (demo) ensureWorkspace(this.db, demoWorkspace(demo.apiBaseUrl));
    const remembered = readSetting(this.db, CURRENT);
    const chosen = (remembered !== null ? this.#find(remembered) : null) ?? (demo ? demoWorkspace(demo.apiBaseUrl) : (listWorkspaces(this.db)[0] ?? ensureOfflineWorkspace(this.db)));
    this.#session = await this.#sessionFor(chosen);
  }

  /** The session of the workspace in use. */
  current(): Session {
    if (!this.#session) throw new Error('The workspace manager has not started.');
    return this.#session;
  }

  /** Where the current workspace's evidence comes from, for appInfo. */
  dataSource(): DataSource {
    const workspace = this.current().workspace;
    switch (workspace.kind) {
      case 'demo':
      case 'keeptrusts':
        return { kind: workspace.kind, apiBaseUrl: workspace.apiBaseUrl ?? '' };
      case 'offline':
        return { kind: 'offline' };
      default:
        return assertNever(workspace.kind);
    }
  }

  async list(): Promise<WorkspaceView[]> {
    const demo = this.options.demo ? [demoWorkspace(this.options.demo.apiBaseUrl)] : [];
    return Promise.all([...demo, ...listWorkspaces(this.db)].map((w) => this.#view(w)));
  }

  async save(input: WorkspaceInput): Promise<WorkspaceView> {
    if (input.id === DEMO_WORKSPACE_ID) throw new AppError('invalid-request', 'The demo workspace cannot be changed.', 'Add a workspace of your own instead.');
    const existing = input.id === undefined ? null : this.#find(input.id);
    if (input.id !== undefined && !existing) throw noSuchWorkspace();
    if (existing && existing.kind !== input.kind) {
      throw new AppError('invalid-request', `This workspace is ${existing.kind === 'offline' ? 'offline' : 'a Keeptrusts one'}; a workspace cannot change kind.`, 'Add a new workspace of the other kind instead.');
    }
    const { apiBaseUrl, token } = input.kind === 'keeptrusts' ? this.#keeptrustsFields(input, existing) : offlineFields(input);
    const workspace: Workspace = { id: existing?.id ?? newWorkspaceId(), name: input.name.trim(), kind: input.kind, apiBaseUrl };
    await this.#writes.run(async () => {
      if (token !== null) await this.options.secrets.set(workspace.id, token);
      if (existing) {
        if (!updateWorkspace(this.db, workspace)) throw noSuchWorkspace();
        return;
      }
      try {
        addWorkspace(this.db, workspace);
      } catch (error) {
        if (token !== null) await this.options.secrets.delete(workspace.id).catch(() => undefined);
        throw error;
      }
    });
    // A changed address or token applies at once to the workspace in use.
    if (this.#session?.workspace.id === workspace.id) this.#session = await this.#sessionFor(workspace);
    return this.#view(workspace);
  }

  /**
   * Forgets a workspace and deletes its stored token. Its cached rows stay (artifacts, records, validation
   * runs and its custody chain): evidence and the record of what was done with it are never deleted.
   */
  async remove(id: string): Promise<boolean> {
    if (id === DEMO_WORKSPACE_ID) throw new AppError('invalid-request', 'The demo workspace cannot be removed.', 'It holds only sample data; it is there to try the app.');
    if (id === this.current().workspace.id) {
      throw new AppError('invalid-request', 'This is the workspace in use, so it cannot be removed now.', 'Open another workspace first, then remove this one.');
    }
    if (!this.#find(id)) return false;
    return this.#writes.run(async () => {
      // The token first: a workspace that could not forget its token is not reported removed.
      await this.options.secrets.delete(id);
      return removeWorkspace(this.db, id);
    });
  }

  async open(id: string): Promise<WorkspaceView> {
    this.#refuseWhileBusy();
    const workspace = this.#find(id);
    if (!workspace) throw noSuchWorkspace();
    const session = await this.#sessionFor(workspace);
    // Checked again after the await, then switched without another: no task can start in between.
    this.#refuseWhileBusy();
    writeSetting(this.db, CURRENT, workspace.id);
    this.#session = session;
    return this.#view(workspace);
  }

  async check(target: ConnectionTarget): Promise<ConnectionCheckView> {
    const policy = this.options.check ? { policy: this.options.check } : {};
    if ('apiBaseUrl' in target) return checkConnection({ apiBaseUrl: target.apiBaseUrl, token: target.token.trim() }, { fetch: this.options.fetch, ...policy });
    const workspace = this.#find(target.id);
    if (!workspace) throw noSuchWorkspace();
    const api = await this.#apiOf(workspace);
    if ('problem' in api) return { status: 'bad-token', message: api.problem.message, hint: api.problem.hint, eventsLastHour: null };
    return checkConnection(api, { fetch: this.options.fetch, ...policy });
  }

  /** Stops running work and closes the cache (on quit). */
  close(): void {
    this.#tasks.cancelAll();
    this.db.close();
  }

  /** A workspace that can be opened: the demo (when the host has one) or a saved one that was not removed. */
  #find(id: string): Workspace | null {
    if (id === DEMO_WORKSPACE_ID) return this.options.demo ? demoWorkspace(this.options.demo.apiBaseUrl) : null;
    const found = findWorkspace(this.db, id);
    return found && found.kind !== 'demo' ? found : null;
  }

  #refuseWhileBusy(): void {
    if (this.#tasks.size > 0 || this.db.inTransaction) {
      throw new AppError('invalid-request', 'Another workspace cannot be opened while a pull, import, validation or packet is running.', 'Wait for it to finish, or cancel it, then open the workspace.');
    }
  }

  /** The checked address and (when given) token of a Keeptrusts workspace being saved. */
  #keeptrustsFields(input: WorkspaceInput, existing: Workspace | null): { apiBaseUrl: string; token: string | null } {
    if (input.apiBaseUrl === undefined) throw new AppError('invalid-request', 'A Keeptrusts workspace needs the address of its API.', 'Enter the API address, e.g. https://api.keeptrusts.com.');
    const url = parseBaseUrl(input.apiBaseUrl);
    const apiBaseUrl = url.toString().replace(/\/$/, '');
    const token = input.token === undefined ? null : input.token.trim();
    if (token === null && !existing) throw new AppError('invalid-request', 'A Keeptrusts workspace needs an API token.', 'Paste the token from the Keeptrusts console (it is stored once, in the secret store).');
    if (token === null && existing?.apiBaseUrl && new URL(existing.apiBaseUrl).origin !== url.origin) {
      // The stored token was given for the old server; it is not sent to another one without the user saying so.
      throw new AppError('invalid-request', 'The API address now points at another server, so the stored token is not sent there.', 'Enter the token for the new address as well.');
    }
    // The client's own checks decide what a usable token is (not empty, no spaces or control characters).
    if (token !== null) createKeeptrustsClient({ fetch: this.options.fetch, baseUrl: apiBaseUrl, token });
    return { apiBaseUrl, token };
  }

  /** The address and token a workspace's API is called with, or why it cannot be. */
  async #apiOf(workspace: Workspace): Promise<{ apiBaseUrl: string; token: string } | { problem: AppError }> {
    if (workspace.kind === 'offline' || workspace.apiBaseUrl === null) {
      throw new AppError('invalid-request', 'This workspace is offline: it has no Keeptrusts API to check.', 'Import export files here, or add a Keeptrusts workspace to connect to an API.');
    }
    if (workspace.kind === 'demo') return { apiBaseUrl: workspace.apiBaseUrl, token: this.options.demo?.token ?? '' };
    let token: string | null;
    try {
      token = await this.options.secrets.get(workspace.id);
    } catch (error) {
      if (error instanceof AppError) return { problem: error };
      throw error;
    }
    if (token === null) return { problem: this.#noToken() };
    return { apiBaseUrl: workspace.apiBaseUrl, token };
  }

  #noToken(): AppError {
    const why = this.options.secrets.storage === 'this-session-only' ? ' (without a system keyring, tokens are kept only until the app quits)' : '';
    return new AppError('bad-token', `No API token is stored for this workspace${why}.`, 'Enter the token again in Workspace.');
  }

  async #sessionFor(workspace: Workspace): Promise<Session> {
    const shared = { db: this.db, cacheDir: this.options.cacheDir, workspace, tasks: this.#tasks, writes: this.#writes, actor: this.options.actor };
    if (workspace.kind === 'offline') return { ...shared, client: null };
    const api = await this.#apiOf(workspace);
    if ('problem' in api) return { ...shared, client: null, clientProblem: api.problem };
    try {
      const client = createKeeptrustsClient({ ...this.options.client, fetch: this.options.fetch, baseUrl: api.apiBaseUrl, token: api.token });
      return { ...shared, client };
    } catch (error) {
      // An address saved by an older build or the CLI that this build refuses (e.g. plain http to another host).
      if (error instanceof AppError) return { ...shared, client: null, clientProblem: error };
      throw error;
    }
  }

  async #view(workspace: Workspace): Promise<WorkspaceView> {
    return {
      id: workspace.id,
      name: workspace.name,
      kind: workspace.kind,
      apiBaseUrl: workspace.apiBaseUrl,
      token: workspace.kind === 'keeptrusts' ? await this.#maskedToken(workspace.id) : null,
      current: this.#session?.workspace.id === workspace.id,
    };
  }

  async #maskedToken(id: string): Promise<WorkspaceView['token']> {
    try {
      const token = await this.options.secrets.get(id);
      return token === null ? null : { masked: maskToken(token), storage: this.options.secrets.storage };
    } catch {
      // Unreadable counts as not stored: the window asks for the token again, and saving it replaces the file.
      return null;
    }
  }
}

function noSuchWorkspace(): AppError {
  return new AppError('not-found', 'There is no such workspace (it may have been removed).', 'Choose a workspace from the list.');
}

function offlineFields(input: WorkspaceInput): { apiBaseUrl: null; token: null } {
  if (input.apiBaseUrl !== undefined || input.token !== undefined) {
    throw new AppError('invalid-request', 'An offline workspace has no API address or token.', 'Leave them out, or choose a Keeptrusts workspace.');
  }
  return { apiBaseUrl: null, token: null };
}
