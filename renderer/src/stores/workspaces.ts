import { create } from 'zustand';
import type { RequestOf } from '../../../shared/bridge/contract';
import type { ConnectionCheckView, WorkspaceView } from '../../../shared/bridge/types';
import type { BridgeError } from '../../../shared/result';
import { callBridge } from '../lib/bridge-call';
import { useAppInfo } from './app-info';
import { emptyHistoryState, useHistory } from './history';
import { emptyPacketState, usePacket } from './packet';
import { usePull } from './pull';
import { useRecords } from './records';
import { useValidation } from './validation';
import { useScope } from './scope';

/** The workspaces the app knows, as last listed. */
export type WorkspaceListState = { status: 'idle' | 'loading' | 'ready'; workspaces: WorkspaceView[] } | { status: 'error'; workspaces: WorkspaceView[]; error: BridgeError };

/** One "check connection": running, its answer in words, or why it could not even ask. */
export type CheckState = { status: 'checking' } | { status: 'done'; result: ConnectionCheckView } | { status: 'error'; error: BridgeError };

/** The last save of the form. */
export type WorkspaceSaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; workspace: WorkspaceView; added: boolean } | { status: 'error'; error: BridgeError };

/** The last switch of workspace. */
export type OpenState = { status: 'idle' } | { status: 'opening'; id: string } | { status: 'opened'; workspace: WorkspaceView } | { status: 'error'; id: string; error: BridgeError };

/** The last removal. */
export type RemoveState = { status: 'idle' } | { status: 'removing'; id: string } | { status: 'removed'; name: string } | { status: 'error'; id: string; error: BridgeError };

/** The Workspace step: the list, and the outcome of each thing done to it. */
export interface WorkspacesState {
  list: WorkspaceListState;
  saving: WorkspaceSaveState;
  opening: OpenState;
  removing: RemoveState;
  /** Connection checks by workspace id, and {@link DRAFT_CHECK} for the address and token being typed. */
  checks: Record<string, CheckState>;
}

/** The key of the check made for the form (address and token typed, not saved yet). */
export const DRAFT_CHECK = '#draft';

/** The form as typed: a token is only ever held here until it is sent to the main process. */
export interface WorkspaceForm {
  kind: 'keeptrusts' | 'offline';
  name: string;
  apiBaseUrl: string;
  token: string;
}

/** Problems per field of the form, in words. */
export type WorkspaceFormProblems = Partial<Record<'name' | 'apiBaseUrl' | 'token', string>>;

export interface WorkspacesActions {
  load(): Promise<void>;
  /** Adds (no `editing`) or changes a workspace; true when saved. An empty token while editing keeps the stored one. */
  save(form: WorkspaceForm, editing?: WorkspaceView | null): Promise<boolean>;
  /** Forgets a workspace and its token (the cached files stay). */
  remove(id: string): Promise<void>;
  /** Works in another workspace: the header, the Scope and the Pull steps follow. */
  open(id: string): Promise<void>;
  /** Checks a saved workspace's API and token. */
  check(id: string): Promise<void>;
  /** Checks an address and token being typed, before saving. */
  checkDraft(apiBaseUrl: string, token: string): Promise<void>;
  /** Forgets the answer of a check (e.g. when the address or token it was for is changed). */
  clearCheck(key: string): void;
  /** Forgets the outcome of the last save (e.g. when a new form is started). */
  clearSaved(): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyWorkspacesState(): WorkspacesState {
  return { list: { status: 'idle', workspaces: [] }, saving: { status: 'idle' }, opening: { status: 'idle' }, removing: { status: 'idle' }, checks: {} };
}

/** True for hosts that never leave this computer (the only ones plain http may reach, as the core enforces). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why an API address cannot be used, in words, or undefined when it can. */
export function apiBaseUrlProblem(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'Enter the API address, e.g. https://api.keeptrusts.com.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'This is not a web address: it must start with https:// (or http://localhost for an API on this computer).';
  }
  if (url.protocol === 'https:') {
    if (url.username || url.password || url.search || url.hash) return 'Leave out any user name, password, ?query or #fragment: just the address of the API.';
    return undefined;
  }
  if (url.protocol === 'http:') {
    if (!isLoopback(url.hostname)) return 'Plain http:// is only allowed for an API on this computer (http://localhost…); use https:// so the token is not sent in the clear.';
    if (url.username || url.password || url.search || url.hash) return 'Leave out any user name, password, ?query or #fragment: just the address of the API.';
    return undefined;
  }
  return 'The address must start with https:// (or http://localhost for an API on this computer).';
}

/** What stops the form from being saved (or, with `forCheck`, the address and token from being checked). */
export function workspaceFormProblems(form: WorkspaceForm, editing: WorkspaceView | null = null, forCheck = false): WorkspaceFormProblems {
  const problems: WorkspaceFormProblems = {};
  if (!forCheck) {
    if (form.name.trim() === '') problems.name = 'Give the workspace a name.';
    else if (form.name.length > 200) problems.name = 'At most 200 characters.';
  }
  if (form.kind === 'keeptrusts') {
    const url = apiBaseUrlProblem(form.apiBaseUrl);
    if (url) problems.apiBaseUrl = url;
    const keepsStored = !forCheck && editing?.token != null;
    if (form.token.trim() === '' && !keepsStored) problems.token = 'Paste the API token (it is kept in the secret store, never shown again).';
    else if (form.token.length > 4096) problems.token = 'This is longer than any API token (at most 4,096 characters).';
  }
  return problems;
}

/** What saving the form sends over the bridge. */
export function saveRequest(form: WorkspaceForm, editing: WorkspaceView | null): RequestOf<'saveWorkspace'> {
  const token = form.token.trim();
  return {
    ...(editing ? { id: editing.id } : {}),
    name: form.name.trim(),
    kind: form.kind,
    ...(form.kind === 'keeptrusts' ? { apiBaseUrl: form.apiBaseUrl.trim(), ...(token ? { token } : {}) } : {}),
  };
}

const asCheck = (answer: Awaited<ReturnType<typeof callBridge<ConnectionCheckView>>>): CheckState =>
  answer.ok ? { status: 'done', result: answer.value } : { status: 'error', error: answer.error };

/** The other steps' state that belongs to the workspace left behind. */
function forgetWorkspaceData(): void {
  usePull.getState().reset();
  useValidation.getState().reset();
  useRecords.getState().reset();
  usePacket.setState(emptyPacketState());
  useHistory.setState(emptyHistoryState());
  // The draft scope stays (a reviewer may carry it across); the saved scopes and the API's preview were the old workspace's.
  useScope.setState({ saved: { status: 'idle', scopes: [] }, saving: { status: 'idle' }, current: null, preview: { status: 'idle' } });
}

/** Counts checks of the form, so an answer for what was typed before is dropped. */
let draftAttempt = 0;

export const useWorkspaces = create<WorkspacesState & WorkspacesActions>()((set, get) => ({
  ...emptyWorkspacesState(),

  load: async () => {
    const workspaces = get().list.workspaces;
    set({ list: { status: 'loading', workspaces } });
    const answer = await callBridge((b) => b.listWorkspaces({}));
    set({ list: answer.ok ? { status: 'ready', workspaces: answer.value.workspaces } : { status: 'error', workspaces, error: answer.error } });
  },

  save: async (form, editing = null) => {
    if (get().saving.status === 'saving') return false;
    const problems = workspaceFormProblems(form, editing);
    if (Object.keys(problems).length > 0) {
      set({ saving: { status: 'error', error: { code: 'invalid-request', message: 'The form has problems; see the fields marked.', hint: 'Fix them, then save again.' } } });
      return false;
    }
    set({ saving: { status: 'saving' } });
    const answer = await callBridge((b) => b.saveWorkspace(saveRequest(form, editing)));
    if (!answer.ok) {
      set({ saving: { status: 'error', error: answer.error } });
      return false;
    }
    const workspaces = answer.value.workspaces;
    set((s) => {
      // A check of the saved workspace's old address or token no longer says anything.
      const checks = { ...s.checks };
      delete checks[answer.value.workspace.id];
      delete checks[DRAFT_CHECK];
      return { saving: { status: 'saved', workspace: answer.value.workspace, added: !editing }, list: { status: 'ready', workspaces }, checks };
    });
    return true;
  },

  remove: async (id) => {
    if (get().removing.status === 'removing') return;
    const name = get().list.workspaces.find((w) => w.id === id)?.name ?? id;
    set({ removing: { status: 'removing', id } });
    const answer = await callBridge((b) => b.removeWorkspace({ id }));
    if (!answer.ok) return set({ removing: { status: 'error', id, error: answer.error } });
    set((s) => {
      const checks = { ...s.checks };
      delete checks[id];
      return { removing: { status: 'removed', name }, list: { status: 'ready', workspaces: answer.value.workspaces }, checks };
    });
  },

  open: async (id) => {
    if (get().opening.status === 'opening') return;
    set({ opening: { status: 'opening', id } });
    const answer = await callBridge((b) => b.openWorkspace({ id }));
    if (!answer.ok) return set({ opening: { status: 'error', id, error: answer.error } });
    forgetWorkspaceData();
    set((s) => ({
      opening: { status: 'opened', workspace: answer.value.workspace },
      saving: { status: 'idle' },
      removing: { status: 'idle' },
      list: { ...s.list, workspaces: s.list.workspaces.map((w) => ({ ...w, current: w.id === answer.value.workspace.id })) },
    }));
    await Promise.all([useAppInfo.getState().load(), get().load()]);
  },

  check: async (id) => {
    set((s) => ({ checks: { ...s.checks, [id]: { status: 'checking' } } }));
    const answer = await callBridge((b) => b.checkConnection({ id }));
    set((s) => ({ checks: { ...s.checks, [id]: asCheck(answer) } }));
  },

  checkDraft: async (apiBaseUrl, token) => {
    const attempt = ++draftAttempt;
    set((s) => ({ checks: { ...s.checks, [DRAFT_CHECK]: { status: 'checking' } } }));
    const answer = await callBridge((b) => b.checkConnection({ apiBaseUrl: apiBaseUrl.trim(), token: token.trim() }));
    // An answer for an address or token that has been changed since says nothing about the form.
    if (attempt === draftAttempt) set((s) => ({ checks: { ...s.checks, [DRAFT_CHECK]: asCheck(answer) } }));
  },

  clearCheck: (key) =>
    set((s) => {
      if (key === DRAFT_CHECK) draftAttempt += 1;
      if (!(key in s.checks)) return s;
      const checks = { ...s.checks };
      delete checks[key];
      return { checks };
    }),

  clearSaved: () => set({ saving: { status: 'idle' } }),
}));
