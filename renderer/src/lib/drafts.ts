import { isExportFormat, isExportType, isTimeWindow, EXPORT_TYPES, type ExportFormat, type ExportType } from '../../../shared/domain';
import { debounce } from './debounce';
import { emptyDraft, type ScopeDraft } from './scope-draft';

/**
 * Drafts saved as they are typed, so a crash or a reload never loses the reviewer's scope or note.
 *
 * Each draft lives under its own versioned key in the window's Storage (localStorage). A stored draft
 * that fails its shape check (an older or newer version, a hand edit, a truncated write) is dropped and
 * the form starts blank: a draft is a convenience and never stops the app from starting.
 *
 * Drafts are global, not per workspace: the scope draft is carried across workspace switches on
 * purpose (see stores/workspaces.ts), so the saved draft follows it. Nothing secret is in a draft:
 * no token, no passphrase (the note's reviewer name and email are the only personal data).
 */

/** Where drafts are kept: the subset of the DOM's Storage used here (injectable for tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** One kind of draft: its key (with the version in it) and the check a stored value must pass. */
export interface DraftSlot<T> {
  key: string;
  /** The value when it has the draft's shape (copied and cleaned), else null. */
  validate(value: unknown): T | null;
}

/** How long typing must pause before a draft is written. */
export const DRAFT_SAVE_MS = 300;

/** The window's localStorage, or null when there is none or it is refused (drafts are then not kept). */
export function windowStorage(): DraftStorage | null {
  try {
    return typeof globalThis.localStorage === 'undefined' ? null : globalThis.localStorage;
  } catch {
    return null;
  }
}

/** The stored draft, or null (none, unreadable, wrong shape, storage refused). A bad draft is removed. */
export function loadDraft<T>(slot: DraftSlot<T>, storage: DraftStorage | null = windowStorage()): T | null {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(slot.key);
  } catch {
    return null;
  }
  if (text === null) return null;
  let value: T | null;
  try {
    value = slot.validate(JSON.parse(text));
  } catch {
    value = null;
  }
  if (value === null) clearDraft(slot, storage);
  return value;
}

/** Writes the draft; false when storage refused it (full, disabled): the app works on without it. */
export function saveDraft<T>(slot: DraftSlot<T>, value: T, storage: DraftStorage | null = windowStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(slot.key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the draft (storage errors are ignored). */
export function clearDraft<T>(slot: DraftSlot<T>, storage: DraftStorage | null = windowStorage()): void {
  try {
    storage?.removeItem(slot.key);
  } catch {
    // Nothing to do: the next save overwrites it.
  }
}

/** What `autosaveDraft` watches: a zustand store's `getState` and `subscribe`. */
export interface Watchable<S> {
  getState(): S;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

/**
 * Saves `pick(state)` under `slot` whenever `changed(state, previous)` says the draft changed, after a
 * pause of `ms`, and at once when the page goes away (`pagehide`, `beforeunload` on `target`).
 * Returns a function that stops watching (flushing a waiting save first).
 */
export function autosaveDraft<S, T>(
  store: Watchable<S>,
  slot: DraftSlot<T>,
  pick: (state: S) => T,
  changed: (state: S, previous: S) => boolean,
  options: { storage?: DraftStorage | null; ms?: number; target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null } = {},
): () => void {
  const storage = options.storage === undefined ? windowStorage() : options.storage;
  const write = debounce((state: S) => void saveDraft(slot, pick(state), storage), options.ms ?? DRAFT_SAVE_MS);
  const unsubscribe = store.subscribe((state, previous) => {
    if (changed(state, previous)) write(state);
  });
  const flush = () => write.flush();
  const target = options.target === undefined ? (typeof window === 'undefined' ? null : window) : options.target;
  target?.addEventListener('pagehide', flush);
  target?.addEventListener('beforeunload', flush);
  return () => {
    write.flush();
    unsubscribe();
    target?.removeEventListener('pagehide', flush);
    target?.removeEventListener('beforeunload', flush);
  };
}

// ---------------------------------------------------------------------------------------------------
// Shape checks

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A string field, capped so a corrupt draft cannot blow up the form (the forms' own limits are far lower). */
const MAX_TEXT = 200_000;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;

/** The Scope step's draft, what saved scope it came from, and the moment a relative window was fixed at. */
export interface StoredScopeDraft {
  draft: ScopeDraft;
  current: { id: string; name: string } | null;
  anchor: number | null;
}

const SCOPE_TEXT_FIELDS = ['fromInput', 'toInput', 'environment', 'configVersion', 'requestIdsText', 'escalationIdsText', 'referencesText', 'why', 'controlTagsText'] as const;

/** A ScopeDraft with every field of the right type, or null. */
export function validScopeDraft(value: unknown): ScopeDraft | null {
  if (!isRecord(value)) return null;
  if (value.windowMode !== 'relative' && value.windowMode !== 'absolute') return null;
  if (!isTimeWindow(value.relative)) return null;
  for (const field of SCOPE_TEXT_FIELDS) if (!isText(value[field])) return null;
  if (!Array.isArray(value.types) || !value.types.every(isExportType)) return null;
  if (!isRecord(value.formats)) return null;
  const formats = { ...emptyDraft().formats };
  for (const type of EXPORT_TYPES) {
    const format = value.formats[type];
    if (format === undefined) continue;
    if (!isExportFormat(format)) return null;
    formats[type] = format;
  }
  const draft: ScopeDraft = {
    windowMode: value.windowMode,
    relative: value.relative,
    types: [...new Set(value.types as ExportType[])],
    formats: formats as Record<ExportType, ExportFormat>,
  } as ScopeDraft;
  for (const field of SCOPE_TEXT_FIELDS) draft[field] = value[field] as string;
  return draft;
}

export const SCOPE_DRAFT: DraftSlot<StoredScopeDraft> = {
  key: 'evidence.draft.scope.v1',
  validate(value) {
    if (!isRecord(value)) return null;
    const draft = validScopeDraft(value.draft);
    if (!draft) return null;
    const { current, anchor } = value;
    let savedAs: StoredScopeDraft['current'] = null;
    if (current !== null && current !== undefined) {
      if (!isRecord(current) || typeof current.id !== 'string' || typeof current.name !== 'string' || current.id === '') return null;
      savedAs = { id: current.id, name: current.name };
    }
    if (anchor !== null && anchor !== undefined && !(typeof anchor === 'number' && Number.isFinite(anchor) && anchor > 0)) return null;
    return { draft, current: savedAs, anchor: typeof anchor === 'number' ? anchor : null };
  },
};

/** The Note step's draft as stored (the same fields as stores/note's NoteDraft) and which fields the reviewer changed. */
export interface StoredNoteDraft {
  draft: {
    why: string;
    supportsText: string;
    requestIdsText: string;
    escalationIdsText: string;
    limitations: string[];
    deeperContext: 'events' | 'escalations' | 'both' | null;
    freeText: string;
    reviewerName: string;
    reviewerEmail: string;
  };
  touched: Partial<Record<keyof StoredNoteDraft['draft'], true>>;
}

const NOTE_TEXT_FIELDS = ['why', 'supportsText', 'requestIdsText', 'escalationIdsText', 'freeText', 'reviewerName', 'reviewerEmail'] as const;
const NOTE_FIELDS: readonly (keyof StoredNoteDraft['draft'])[] = [...NOTE_TEXT_FIELDS, 'limitations', 'deeperContext'];
const DEEPER_CONTEXTS: readonly unknown[] = ['events', 'escalations', 'both', null];

export const NOTE_DRAFT: DraftSlot<StoredNoteDraft> = {
  key: 'evidence.draft.note.v1',
  validate(value) {
    if (!isRecord(value) || !isRecord(value.draft)) return null;
    const stored = value.draft;
    for (const field of NOTE_TEXT_FIELDS) if (!isText(stored[field])) return null;
    if (!Array.isArray(stored.limitations) || stored.limitations.length > 1000 || !stored.limitations.every(isText)) return null;
    if (!DEEPER_CONTEXTS.includes(stored.deeperContext)) return null;
    const draft = { limitations: [...(stored.limitations as string[])], deeperContext: stored.deeperContext } as StoredNoteDraft['draft'];
    for (const field of NOTE_TEXT_FIELDS) draft[field] = stored[field] as string;
    const touched: StoredNoteDraft['touched'] = {};
    if (value.touched !== undefined) {
      if (!isRecord(value.touched)) return null;
      for (const [field, on] of Object.entries(value.touched)) if (on === true && (NOTE_FIELDS as readonly string[]).includes(field)) touched[field as keyof StoredNoteDraft['draft']] = true;
    }
    return { draft, touched };
  },
};
