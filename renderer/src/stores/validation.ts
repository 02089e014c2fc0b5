import { create } from 'zustand';
import type { EventPayload } from '../../../shared/bridge/contract';
import type { BridgeError } from '../../../shared/result';
import type { ValidationReport } from '../../../shared/schemas/validation';
import { callBridge, newTaskId } from '../lib/bridge-call';
import { useScope } from './scope';

/** A kept validation report and its run id. */
export interface ValidationRun {
  runId: number;
  report: ValidationReport;
}

/** One progress report of the running validation (value 0..1, or null while the total is unknown). */
export type ValidationProgress = Pick<EventPayload<'progress'>, 'value' | 'title' | 'detail'>;

/** Loading the workspace's most recent report when the step opens. */
export type LatestState = { status: 'idle' } | { status: 'loading' } | { status: 'loaded' } | { status: 'error'; error: BridgeError };

/**
 * Validating now. `scope-problems`: the Scope step's form has problems, so there is no scope to check
 * against; `running`: the task is under way (progress once the first report comes); `cancelled`: the
 * reviewer stopped it; `failed`: why there is no new report.
 */
export type RunState =
  | { status: 'idle' }
  | { status: 'scope-problems' }
  | { status: 'running'; taskId: string; progress: ValidationProgress | null }
  | { status: 'cancelled' }
  | { status: 'failed'; error: BridgeError };

/** The Validate step: the report on screen (the latest kept one, or the one just made) and the run in progress. */
export interface ValidationState {
  current: ValidationRun | null;
  /** `kept`: loaded from an earlier run; `new`: made by "Validate now" in this window. */
  origin: 'kept' | 'new' | null;
  latest: LatestState;
  run: RunState;
}

export interface ValidationActions {
  /** Loads the workspace's most recent report (unless one was made here since). */
  loadLatest(): Promise<void>;
  /** Validates the cached exports against the scope from the Scope step; the report replaces the one on screen. */
  validate(now?: number): Promise<void>;
  /** Stops the running validation. */
  cancel(): Promise<void>;
  /** A progress event from the bridge (events.ts); reports of other tasks are ignored. */
  receiveProgress(progress: EventPayload<'progress'>): void;
  reset(): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyValidationState(): ValidationState {
  return { current: null, origin: null, latest: { status: 'idle' }, run: { status: 'idle' } };
}

const runningTask = (run: RunState): string | null => (run.status === 'running' ? run.taskId : null);

export const useValidation = create<ValidationState & ValidationActions>()((set, get) => ({
  ...emptyValidationState(),

  loadLatest: async () => {
    if (get().latest.status === 'loading') return;
    set({ latest: { status: 'loading' } });
    const answer = await callBridge((bridge) => bridge.latestValidation({}));
    if (!answer.ok) return set({ latest: { status: 'error', error: answer.error } });
    // A report made here while this was loading is newer than any kept one.
    if (get().origin === 'new') return set({ latest: { status: 'loaded' } });
    set({ latest: { status: 'loaded' }, current: answer.value, origin: answer.value ? 'kept' : null });
  },

  validate: async (now = Date.now()) => {
    if (runningTask(get().run)) return;
    const scope = useScope.getState().resolve(now);
    if (!scope) return set({ run: { status: 'scope-problems' } });
    const taskId = newTaskId('validate');
    set({ run: { status: 'running', taskId, progress: null } });
    const answer = await callBridge((bridge) => bridge.validate({ taskId, scope }));
    // An answer for a task that is no longer on screen is dropped.
    if (runningTask(get().run) !== taskId) return;
    if (answer.ok) set({ run: { status: 'idle' }, current: answer.value, origin: 'new' });
    else if (answer.error.code === 'cancelled') set({ run: { status: 'cancelled' } });
    else set({ run: { status: 'failed', error: answer.error } });
  },

  cancel: async () => {
    const taskId = runningTask(get().run);
    if (!taskId) return;
    // The validation's own answer (cancelled, or done before the cancel arrived) decides what shows.
    await callBridge((bridge) => bridge.cancelTask({ taskId }));
  },

  receiveProgress: (progress) => {
    const run = get().run;
    if (runningTask(run) !== progress.taskId) return;
    set({ run: { status: 'running', taskId: progress.taskId, progress: { value: progress.value, title: progress.title, detail: progress.detail } } });
  },

  reset: () => set(emptyValidationState()),
}));
