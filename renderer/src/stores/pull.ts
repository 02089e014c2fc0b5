import { create } from 'zustand';
import type { EventPayload, RequestOf } from '../../../shared/bridge/contract';
import type { ArtifactView, ImportCandidateView, ImportOutcomeView, PreviewSummary, PullOutcomeView } from '../../../shared/bridge/types';
import { EXPORT_TYPES, isExportFormat, isExportType, type ExportFormat, type ExportType } from '../../../shared/domain';
import type { BridgeError } from '../../../shared/result';
import { callBridge, newTaskId } from '../lib/bridge-call';
import { apiWindow, type ScopeDraft, type ScopeProblems } from '../lib/scope-draft';
import { useScope } from './scope';

/** One progress report of a running task (value 0..1, or null while the total is unknown). */
export type TaskProgress = Pick<EventPayload<'progress'>, 'value' | 'title' | 'detail'>;

/** What the preview and the pull ask the API for: the scope's types, window and environment. */
export interface PullRequestSpec {
  types: ExportType[];
  window: RequestOf<'preview'>['window'];
  environment?: string;
}

/** The API's preview of the scope, before any job is created. */
export type PullPreviewState =
  | { status: 'idle' }
  /** The scope cannot be used yet; its problems are marked on the Scope step. */
  | { status: 'scope-problems'; problems: ScopeProblems }
  | { status: 'loading'; draftKey: string }
  | { status: 'ready'; draftKey: string; request: PullRequestSpec; window: { from: string; to: string; relative?: string }; previews: PreviewSummary[] }
  | { status: 'error'; draftKey: string; error: BridgeError };

/**
 * One export of the pull, one job on the server. `waiting`: queued behind the one running; `skipped`:
 * not started because the pull was cancelled; the rest say how it ended.
 */
export interface PullRow {
  type: ExportType;
  format: ExportFormat;
  phase: 'waiting' | 'running' | 'pulled' | 'duplicate' | 'failed' | 'cancelled' | 'skipped';
  taskId: string | null;
  progress: TaskProgress | null;
  /** The remote job as the server last described it (its status spelled as the server spelled it). */
  job: { id: string; status: string; detail: string } | null;
  outcome: PullOutcomeView | null;
  error: BridgeError | null;
}

/** The pull: what was asked for and a row per export type. */
export type PullRunState = { status: 'idle' } | { status: 'active'; request: PullRequestSpec; rows: PullRow[]; stopping: boolean };

/** The user's confirmation of one picked file: import it or not, as which type and format. */
export interface ImportChoice {
  include: boolean;
  type: ExportType | '';
  format: ExportFormat | '';
}

/** Importing files carried in by hand: pick (native dialog), confirm what each file is, import. */
export type ImportState =
  | { status: 'idle' }
  | { status: 'choosing' }
  | { status: 'confirming'; candidates: ImportCandidateView[]; choices: Record<string, ImportChoice>; problem: string | null }
  | { status: 'importing'; taskId: string; candidates: ImportCandidateView[]; choices: Record<string, ImportChoice>; progress: TaskProgress | null }
  | { status: 'done'; candidates: ImportCandidateView[]; outcomes: ImportOutcomeView[] }
  | { status: 'error'; error: BridgeError };

/** The export files in the workspace's cache. */
export type ArtifactsState = { status: 'idle' | 'loading' | 'ready'; artifacts: ArtifactView[] } | { status: 'error'; artifacts: ArtifactView[]; error: BridgeError };

/** The Pull step. */
export interface PullState {
  preview: PullPreviewState;
  pull: PullRunState;
  import: ImportState;
  artifacts: ArtifactsState;
}

export interface PullActions {
  /** Resolves the scope (marking its problems on the Scope step) and asks the API what it holds for it. */
  loadPreview(): Promise<void>;
  /** Pulls every previewed type, one job after another, in the formats chosen on the Format step. */
  startPull(): Promise<void>;
  /** Pulls one type again (after it failed, was cancelled or was not started). */
  retry(type: ExportType): Promise<void>;
  /** Stops the export being pulled and the ones waiting after it; exports already pulled are kept. */
  cancel(): Promise<void>;
  chooseImportFiles(): Promise<void>;
  setImportChoice(path: string, choice: Partial<ImportChoice>): void;
  /** Imports the confirmed files, with their confirmed types and formats. */
  importFiles(): Promise<void>;
  cancelImport(): Promise<void>;
  /** Back to an empty import (after an outcome was read). */
  clearImport(): void;
  loadArtifacts(): Promise<void>;
  /** A progress event from the bridge (events.ts); reports of other tasks are ignored. */
  receiveProgress(progress: EventPayload<'progress'>): void;
  /** A job status event from the bridge (events.ts); jobs this store is not pulling are ignored. */
  receiveJobStatus(status: EventPayload<'jobStatus'>): void;
  /** Forgets everything (another workspace was opened). */
  reset(): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyPullState(): PullState {
  return { preview: { status: 'idle' }, pull: { status: 'idle' }, import: { status: 'idle' }, artifacts: { status: 'idle', artifacts: [] } };
}

/** What of the draft the preview depends on, so the screen can tell when a preview is out of date. */
export function pullDraftKey(draft: ScopeDraft): string {
  const window = draft.windowMode === 'relative' ? [draft.relative] : [draft.fromInput, draft.toInput];
  return JSON.stringify([EXPORT_TYPES.filter((t) => draft.types.includes(t)), draft.windowMode, ...window, draft.environment.trim()]);
}

/** True while an export of the pull is running or waiting its turn. */
export function isPulling(pull: PullRunState): boolean {
  return pull.status === 'active' && pull.rows.some((r) => r.phase === 'running' || r.phase === 'waiting');
}

/**
 * True when a picked file can be imported: nothing is wrong with it, or only its type was not recognised
 * (the user may then say what it is); not when it is unreadable or not a file.
 */
export function importable(candidate: ImportCandidateView): boolean {
  return candidate.problem === null || candidate.problem.code === 'unknown-export-type';
}

/** The files of an import the user chose to import, or a sentence saying what is still missing. */
export function confirmedImports(candidates: ImportCandidateView[], choices: Record<string, ImportChoice>): { files: RequestOf<'importFiles'>['files'] } | { problem: string } {
  const included = candidates.filter((c) => importable(c) && choices[c.path]?.include);
  if (included.length === 0) return { problem: 'Choose at least one file to import.' };
  const unconfirmed = included.filter((c) => !choices[c.path]?.type || !choices[c.path]?.format);
  if (unconfirmed.length > 0) return { problem: `Choose the export type and format of ${unconfirmed.map((c) => c.name).join(', ')}, or leave ${unconfirmed.length === 1 ? 'it' : 'them'} out.` };
  return { files: included.map((c) => ({ path: c.path, type: choices[c.path]!.type as ExportType, format: choices[c.path]!.format as ExportFormat })) };
}

function updateRow(pull: PullRunState, type: ExportType, change: (row: PullRow) => PullRow | null): PullRunState {
  if (pull.status !== 'active') return pull;
  let changed = false;
  const rows = pull.rows.map((row) => {
    if (row.type !== type) return row;
    const next = change(row);
    if (!next) return row;
    changed = true;
    return next;
  });
  return changed ? { ...pull, rows } : pull;
}

export const usePull = create<PullState & PullActions>()((set, get) => {
  /** Pulls one row's type as its own task, so its progress and cancel are its own. */
  async function pullRow(type: ExportType): Promise<void> {
    const pull = get().pull;
    if (pull.status !== 'active') return;
    const row = pull.rows.find((r) => r.type === type);
    if (!row) return;
    const taskId = newTaskId('pull');
    set((s) => ({
      pull: updateRow(s.pull, type, (r) => ({ ...r, phase: 'running', taskId, progress: { value: null, title: `Pulling ${type}`, detail: 'Starting' }, job: null, outcome: null, error: null })),
    }));
    const { request } = pull;
    const answer = await callBridge((b) =>
      b.pull({ taskId, exports: [{ type, format: row.format }], window: request.window, ...(request.environment ? { environment: request.environment } : {}) }),
    );
    set((s) => ({
      pull: updateRow(s.pull, type, (r) => {
        if (r.taskId !== taskId) return null;
        if (!answer.ok) return { ...r, phase: answer.error.code === 'cancelled' ? 'cancelled' : 'failed', error: answer.error };
        const outcome = answer.value.outcomes.find((o) => o.type === type) ?? null;
        if (!outcome) return { ...r, phase: 'failed', error: { code: 'internal', message: `The app answered without a result for ${type}.`, hint: 'Pull it again.' } };
        return { ...r, phase: outcome.status, outcome, error: outcome.status === 'failed' ? outcome.error : null, progress: outcome.status === 'pulled' ? { ...(r.progress ?? { title: '', detail: '' }), value: 1 } : r.progress };
      }),
    }));
  }

  /** Pulls the given types in turn, stopping when the user cancels; then refreshes the list of cached files. */
  async function run(types: ExportType[]): Promise<void> {
    for (const type of types) {
      const pull = get().pull;
      if (pull.status !== 'active' || pull.stopping) break;
      await pullRow(type);
    }
    set((s) => (s.pull.status === 'active' ? { pull: { ...s.pull, stopping: false, rows: s.pull.rows.map((r) => (r.phase === 'waiting' ? { ...r, phase: 'skipped' } : r)) } } : s));
    await get().loadArtifacts();
  }

  return {
    ...emptyPullState(),

    loadPreview: async () => {
      if (isPulling(get().pull)) return;
      // Previewing fixes a relative window here: the pull, validation and packet all cover these instants.
      const scope = useScope.getState().fixWindow();
      const draftKey = pullDraftKey(useScope.getState().draft);
      if (!scope) return set({ preview: { status: 'scope-problems', problems: useScope.getState().problems } });
      const request: PullRequestSpec = { types: [...scope.types], window: apiWindow(scope), ...(scope.environment ? { environment: scope.environment } : {}) };
      // A new preview is a new plan: the rows of the last pull (all finished) give way to it.
      set({ preview: { status: 'loading', draftKey }, pull: { status: 'idle' } });
      const answer = await callBridge((b) => b.preview(request));
      const now = get().preview;
      if (now.status !== 'loading' || now.draftKey !== draftKey) return;
      set({ preview: answer.ok ? { status: 'ready', draftKey, request, window: scope.window, previews: answer.value.previews } : { status: 'error', draftKey, error: answer.error } });
    },

    startPull: async () => {
      const preview = get().preview;
      if (preview.status !== 'ready' || isPulling(get().pull)) return;
      const { formats } = useScope.getState().draft;
      const rows: PullRow[] = preview.request.types.map((type) => ({ type, format: formats[type], phase: 'waiting', taskId: null, progress: null, job: null, outcome: null, error: null }));
      set({ pull: { status: 'active', request: preview.request, rows, stopping: false } });
      await run(preview.request.types);
    },

    retry: async (type) => {
      const pull = get().pull;
      if (pull.status !== 'active' || isPulling(pull)) return;
      set({ pull: { ...pull, stopping: false, rows: pull.rows.map((r) => (r.type === type ? { ...r, phase: 'waiting' } : r)) } });
      await run([type]);
    },

    cancel: async () => {
      const pull = get().pull;
      if (pull.status !== 'active' || !isPulling(pull)) return;
      const running = pull.rows.find((r) => r.phase === 'running');
      set({ pull: { ...pull, stopping: true, rows: pull.rows.map((r) => (r.phase === 'waiting' ? { ...r, phase: 'skipped' } : r)) } });
      // The pull's own answer (cancelled, or finished just before) decides what its row shows.
      if (running?.taskId) await callBridge((b) => b.cancelTask({ taskId: running.taskId! }));
    },

    chooseImportFiles: async () => {
      const status = get().import.status;
      if (status === 'choosing' || status === 'importing') return;
      set({ import: { status: 'choosing' } });
      const answer = await callBridge((b) => b.chooseImportFiles({}));
      if (!answer.ok) return set({ import: answer.error.code === 'cancelled' ? { status: 'idle' } : { status: 'error', error: answer.error } });
      const candidates = answer.value.files;
      // Closing the dialog without choosing is not a failure: back to the start.
      if (candidates.length === 0) return set({ import: { status: 'idle' } });
      const choices: Record<string, ImportChoice> = {};
      for (const c of candidates) {
        choices[c.path] = { include: c.problem === null, type: isExportType(c.type) ? c.type : '', format: isExportFormat(c.format) ? c.format : '' };
      }
      set({ import: { status: 'confirming', candidates, choices, problem: null } });
    },

    setImportChoice: (path, choice) =>
      set((s) => {
        if (s.import.status !== 'confirming' || !s.import.choices[path]) return s;
        return { import: { ...s.import, choices: { ...s.import.choices, [path]: { ...s.import.choices[path]!, ...choice } }, problem: null } };
      }),

    importFiles: async () => {
      const state = get().import;
      if (state.status !== 'confirming') return;
      const confirmed = confirmedImports(state.candidates, state.choices);
      if ('problem' in confirmed) return set({ import: { ...state, problem: confirmed.problem } });
      const taskId = newTaskId('import');
      set({ import: { status: 'importing', taskId, candidates: state.candidates, choices: state.choices, progress: null } });
      const answer = await callBridge((b) => b.importFiles({ taskId, files: confirmed.files }));
      const now = get().import;
      if (now.status !== 'importing' || now.taskId !== taskId) return;
      set({ import: answer.ok ? { status: 'done', candidates: state.candidates, outcomes: answer.value.outcomes } : { status: 'error', error: answer.error } });
      await get().loadArtifacts();
    },

    cancelImport: async () => {
      const state = get().import;
      if (state.status === 'importing') await callBridge((b) => b.cancelTask({ taskId: state.taskId }));
    },

    clearImport: () => {
      const status = get().import.status;
      if (status !== 'choosing' && status !== 'importing') set({ import: { status: 'idle' } });
    },

    loadArtifacts: async () => {
      const artifacts = get().artifacts.artifacts;
      set({ artifacts: { status: 'loading', artifacts } });
      const answer = await callBridge((b) => b.listArtifacts({}));
      set({ artifacts: answer.ok ? { status: 'ready', artifacts: answer.value.artifacts } : { status: 'error', artifacts, error: answer.error } });
    },

    receiveProgress: (progress) => {
      const { value, title, detail } = progress;
      const state = get();
      if (state.import.status === 'importing' && state.import.taskId === progress.taskId) return set({ import: { ...state.import, progress: { value, title, detail } } });
      const row = state.pull.status === 'active' ? state.pull.rows.find((r) => r.taskId === progress.taskId && r.phase === 'running') : undefined;
      if (row) set((s) => ({ pull: updateRow(s.pull, row.type, (r) => (r.taskId === progress.taskId ? { ...r, progress: { value, title, detail } } : null)) }));
    },

    receiveJobStatus: ({ jobId, exportType, status, detail }) => {
      if (!isExportType(exportType)) return;
      set((s) => ({
        pull: updateRow(s.pull, exportType, (r) => (r.phase === 'running' || r.job?.id === jobId ? { ...r, job: { id: jobId, status, detail } } : null)),
      }));
    },

    reset: () => set(emptyPullState()),
  };
});
