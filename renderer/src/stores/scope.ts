import { create } from 'zustand';
import type { SavedScopeView } from '../../../shared/bridge/types';
import type { ExportFormat, ExportType } from '../../../shared/domain';
import type { BridgeError } from '../../../shared/result';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { getBridge } from '../bridge';
import { autosaveDraft, loadDraft, SCOPE_DRAFT } from '../lib/drafts';
import { emptyDraft, fromReviewScope, parseLists, resolveWindow, toReviewScope, type ParsedLists, type ScopeDraft, type ScopeProblems } from '../lib/scope-draft';
import { utcInstant } from '../lib/utc';

export { apiWindow, toReviewScope, type ScopeDraft, type ScopeProblems } from '../lib/scope-draft';

/** What the API's preview offered for the draft's types and window. */
export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; environments: string[]; configVersions: string[]; records: number | null; fetchedFor: string }
  | { status: 'error'; error: BridgeError };

/** The saved scopes of the workspace. */
export type SavedState = { status: 'idle' | 'loading' | 'ready'; scopes: SavedScopeView[] } | { status: 'error'; scopes: SavedScopeView[]; error: BridgeError };

/** The outcome of the last save. */
export type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; name: string; at: string } | { status: 'error'; error: BridgeError };

/** The review scope being edited (Scope step) and the formats chosen for it (Format step). */
export interface ScopeState {
  draft: ScopeDraft;
  /** The pasted lists, parsed as typed. */
  lists: ParsedLists;
  /** Problems per field, from the last check (save, or a later step asking for the scope). */
  problems: ScopeProblems;
  preview: PreviewState;
  saved: SavedState;
  saving: SaveState;
  /** The saved scope the draft came from or was last saved as, so saving again updates it. */
  current: { id: string; name: string } | null;
  /**
   * The moment a relative window was fixed at (ms), or null while it still follows the clock. The Pull
   * step fixes it when it previews, so pull, validation, note and packet all cover the same instants;
   * changing the window lets it follow the clock again.
   */
  anchor: number | null;
}

export interface ScopeActions {
  /** Changes one field; list fields are parsed at once, and a field's old problem is cleared. */
  setField<K extends keyof ScopeDraft>(field: K, value: ScopeDraft[K]): void;
  toggleType(type: ExportType, on: boolean): void;
  setFormat(type: ExportType, format: ExportFormat): void;
  parseLists(): void;
  /** The scope for the next steps (Pull, Validate, Packet): a relative window resolved at the anchor, else now; on problems they are shown and null returned. */
  resolve(now?: number): ReviewScope | null;
  /** Resolves the scope afresh at `now` and fixes a relative window there (the Pull step's preview); null on problems. */
  fixWindow(now?: number): ReviewScope | null;
  /** Asks the API's preview what it holds for the chosen types and window, to offer environments and config versions. */
  loadPreview(now?: number): Promise<void>;
  listSaved(): Promise<void>;
  /** Saves the draft under `name` (updating the scope it came from when the name is unchanged); false when it has problems. */
  save(name: string, now?: number): Promise<boolean>;
  loadSaved(id: string): void;
  deleteSaved(id: string): Promise<void>;
  reset(): void;
}

/** The state a fresh window starts with (also used by tests). */
export function emptyScopeState(): ScopeState {
  const draft = emptyDraft();
  return { draft, lists: parseLists(draft), problems: {}, preview: { status: 'idle' }, saved: { status: 'idle', scopes: [] }, saving: { status: 'idle' }, current: null, anchor: null };
}

const NO_BRIDGE: BridgeError = { code: 'internal', message: 'This window has no connection to the app.', hint: 'Restart the app.' };
const unanswered = (error: unknown): BridgeError => ({ code: 'internal', message: `The app did not answer: ${(error as Error).message}`, hint: 'Try again, or restart the app.' });

const FIELD_OF: Partial<Record<keyof ScopeDraft, keyof ScopeProblems | (keyof ScopeProblems)[]>> = {
  windowMode: ['window', 'from', 'to'],
  fromInput: ['from', 'to'],
  toInput: 'to',
  environment: 'environment',
  configVersion: 'configVersion',
  types: 'types',
  requestIdsText: 'requestIds',
  escalationIdsText: 'escalationIds',
  referencesText: 'references',
  why: 'why',
  controlTagsText: 'controlTags',
};

function clearProblems(problems: ScopeProblems, field: keyof ScopeDraft): ScopeProblems {
  const fields = FIELD_OF[field];
  if (!fields) return problems;
  const next = { ...problems };
  for (const f of Array.isArray(fields) ? fields : [fields]) delete next[f];
  return next;
}

/** Fields whose change makes a fixed relative window follow the clock again. */
const WINDOW_FIELDS: readonly (keyof ScopeDraft)[] = ['windowMode', 'relative', 'fromInput', 'toInput'];

/** A key for the preview's inputs, so the screen can tell when a fetched preview is out of date. */
export function previewKey(draft: ScopeDraft): string {
  return JSON.stringify([draft.types, draft.windowMode, draft.relative, draft.fromInput, draft.toInput]);
}

const unique = (lists: string[][]) => [...new Set(lists.flat())].sort();

/** The state a window starts with: blank, but for the draft saved as it was typed before a reload or a crash. */
export function restoredScopeState(): ScopeState {
  const stored = loadDraft(SCOPE_DRAFT);
  if (!stored) return emptyScopeState();
  return { ...emptyScopeState(), draft: stored.draft, lists: parseLists(stored.draft), current: stored.current, anchor: stored.anchor };
}

export const useScope = create<ScopeState & ScopeActions>()((set, get) => ({
  ...restoredScopeState(),

  setField: (field, value) =>
    set((s) => {
      const draft = { ...s.draft, [field]: value };
      const anchor = WINDOW_FIELDS.includes(field) ? null : s.anchor;
      return { draft, lists: field.endsWith('Text') ? parseLists(draft) : s.lists, problems: clearProblems(s.problems, field), anchor };
    }),

  toggleType: (type, on) => {
    const types = get().draft.types.filter((t) => t !== type);
    get().setField('types', on ? [...types, type] : types);
  },

  setFormat: (type, format) => set((s) => ({ draft: { ...s.draft, formats: { ...s.draft.formats, [type]: format } } })),

  parseLists: () => set((s) => ({ lists: parseLists(s.draft) })),

  resolve: (now = Date.now()) => {
    const result = toReviewScope(get().draft, get().anchor ?? now);
    set({ problems: result.ok ? {} : result.problems });
    return result.ok ? result.scope : null;
  },

  fixWindow: (now = Date.now()) => {
    const result = toReviewScope(get().draft, now);
    set({ problems: result.ok ? {} : result.problems, anchor: result.ok && get().draft.windowMode === 'relative' ? now : get().anchor });
    return result.ok ? result.scope : null;
  },

  loadPreview: async (now = Date.now()) => {
    const bridge = getBridge();
    if (!bridge) return set({ preview: { status: 'error', error: NO_BRIDGE } });
    const { draft } = get();
    const resolved = resolveWindow(draft, now);
    if (!resolved.ok || draft.types.length === 0) {
      const problems: ScopeProblems = { ...(resolved.ok ? {} : resolved.problems), ...(draft.types.length === 0 ? { types: 'Choose at least one export type.' } : {}) };
      set((s) => ({ problems: { ...s.problems, ...problems }, preview: { status: 'idle' } }));
      return;
    }
    const window = draft.windowMode === 'relative' ? { time_window: draft.relative } : { date_from: utcInstant(resolved.from), date_to: utcInstant(resolved.to) };
    set({ preview: { status: 'loading' } });
    try {
      const answer = await bridge.preview({ types: draft.types, window });
      if (!answer.ok) return set({ preview: { status: 'error', error: answer.error } });
      const { previews } = answer.value;
      const counts = previews.map((p) => p.recordCount);
      set({
        preview: {
          status: 'ready',
          environments: unique(previews.map((p) => p.environments)),
          configVersions: unique(previews.map((p) => p.configVersions)),
          records: counts.every((c) => c !== null) ? counts.reduce<number>((a, c) => a + (c ?? 0), 0) : null,
          fetchedFor: previewKey(draft),
        },
      });
    } catch (error) {
      set({ preview: { status: 'error', error: unanswered(error) } });
    }
  },

  listSaved: async () => {
    const bridge = getBridge();
    const scopes = get().saved.scopes;
    if (!bridge) return set({ saved: { status: 'error', scopes, error: NO_BRIDGE } });
    set({ saved: { status: 'loading', scopes } });
    try {
      const answer = await bridge.listScopes({});
      set({ saved: answer.ok ? { status: 'ready', scopes: answer.value.scopes } : { status: 'error', scopes, error: answer.error } });
    } catch (error) {
      set({ saved: { status: 'error', scopes, error: unanswered(error) } });
    }
  },

  save: async (name, now = Date.now()) => {
    const bridge = getBridge();
    if (!bridge) {
      set({ saving: { status: 'error', error: NO_BRIDGE } });
      return false;
    }
    const trimmed = name.trim();
    if (trimmed === '') {
      set({ saving: { status: 'error', error: { code: 'invalid-request', message: 'Give the scope a name to save it under.', hint: 'For example the review or incident it is for.' } } });
      return false;
    }
    const scope = get().resolve(now);
    if (!scope) {
      set({ saving: { status: 'error', error: { code: 'invalid-request', message: 'The scope has problems; see the fields marked above.', hint: 'Fix them, then save again.' } } });
      return false;
    }
    const current = get().current;
    set({ saving: { status: 'saving' } });
    try {
      const answer = await bridge.saveScope({ ...(current && current.name === trimmed ? { id: current.id } : {}), name: trimmed, scope });
      if (!answer.ok) {
        set({ saving: { status: 'error', error: answer.error } });
        return false;
      }
      set({ saving: { status: 'saved', name: answer.value.name, at: answer.value.updatedAt }, current: { id: answer.value.id, name: answer.value.name } });
      await get().listSaved();
      return true;
    } catch (error) {
      set({ saving: { status: 'error', error: unanswered(error) } });
      return false;
    }
  },

  loadSaved: (id) => {
    const saved = get().saved.scopes.find((s) => s.id === id);
    if (!saved) return;
    const draft = fromReviewScope(saved.scope, get().draft.formats);
    set({ draft, lists: parseLists(draft), problems: {}, current: { id: saved.id, name: saved.name }, saving: { status: 'idle' }, anchor: null });
  },

  deleteSaved: async (id) => {
    const bridge = getBridge();
    if (!bridge) return;
    const scopes = get().saved.scopes;
    try {
      const answer = await bridge.deleteScope({ id });
      if (!answer.ok) return set({ saved: { status: 'error', scopes, error: answer.error } });
      if (get().current?.id === id) set({ current: null });
      await get().listSaved();
    } catch (error) {
      set({ saved: { status: 'error', scopes, error: unanswered(error) } });
    }
  },

  reset: () => set(emptyScopeState()),
}));

// The draft, the saved scope it came from and the window's anchor are saved as they change (drafts.ts).
autosaveDraft(
  useScope,
  SCOPE_DRAFT,
  (s) => ({ draft: s.draft, current: s.current, anchor: s.anchor }),
  (s, prev) => s.draft !== prev.draft || s.current !== prev.current || s.anchor !== prev.anchor,
);
