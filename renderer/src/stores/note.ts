import { create } from 'zustand';
import type { BridgeError } from '../../../shared/result';
import type { NoteFields } from '../../../shared/schemas/note';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { callBridge } from '../lib/bridge-call';
import { autosaveDraft, loadDraft, NOTE_DRAFT, type StoredNoteDraft } from '../lib/drafts';
import { hasErrors, parseList, type ParsedList } from '../lib/ids';
import { useScope } from './scope';

/** Where the receiving reviewer should look for deeper context (null: not said). */
export type DeeperContext = NoteFields['deeper_context'];

/** The note as the form holds it while the reviewer edits: text as typed, lists as pasted. */
export interface NoteDraft {
  why: string;
  supportsText: string;
  requestIdsText: string;
  escalationIdsText: string;
  limitations: string[];
  deeperContext: DeeperContext;
  freeText: string;
  reviewerName: string;
  reviewerEmail: string;
}

/** The form's fields that can carry a problem. */
export type NoteField = 'why' | 'supports' | 'requestIds' | 'escalationIds' | 'limitations' | 'freeText' | 'reviewerName' | 'reviewerEmail';
/** One sentence per field that stops the note from being used. */
export type NoteProblems = Partial<Record<NoteField, string>>;

/** The pasted lists of a draft, parsed (the Scope step's parsing: commas, spaces and new lines separate). */
export interface NoteLists {
  supports: ParsedList;
  requestIds: ParsedList;
  escalationIds: ParsedList;
}

/** The latest validation the limitations came from. */
export interface ValidationSource {
  runId: number;
  generatedAt: string;
  overall: 'pass' | 'warn' | 'fail';
  limitations: number;
}

/**
 * Pre-filling from the scope and the latest validation. `no-scope`: the Scope step has problems, so
 * there is nothing to fill from (and nothing to preview against).
 */
export type SourceState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'no-scope' }
  | { status: 'ready'; scope: ReviewScope; validation: ValidationSource | null; validationError: BridgeError | null };

/** NOTE.md as the packet would carry it. `incomplete`: required fields are missing, so there is nothing to render yet. */
export type NotePreview =
  | { status: 'idle' }
  | { status: 'incomplete' }
  | { status: 'loading'; markdown: string | null }
  | { status: 'ready'; markdown: string }
  | { status: 'error'; error: BridgeError };

/** The Note step: the draft, what it was pre-filled from, its problems and the preview of NOTE.md. */
export interface NoteState {
  draft: NoteDraft;
  lists: NoteLists;
  /** Fields the reviewer changed: pre-filling never overwrites them. */
  touched: Partial<Record<keyof NoteDraft, true>>;
  problems: NoteProblems;
  /** What the note was pre-filled from. */
  source: SourceState;
  preview: NotePreview;
}

export interface NoteActions {
  /** Fills every field the reviewer has not changed: from the scope, the latest validation's limitations and the remembered reviewer. */
  prefill(now?: number): Promise<void>;
  /** Changes one field (remembered as the reviewer's own); its old problem is cleared; the reviewer is remembered. */
  setField<K extends keyof NoteDraft>(field: K, value: NoteDraft[K]): void;
  setLimitation(index: number, text: string): void;
  addLimitation(): void;
  removeLimitation(index: number): void;
  /** Checks one field now (when the reviewer leaves it). */
  checkField(field: NoteField): void;
  /** The note for packing, with every problem shown; null when it has any. */
  check(): NoteFields | null;
  /** Asks the core for NOTE.md as it would be written for the current scope and note. */
  loadPreview(now?: number): Promise<void>;
  reset(): void;
}

/** Where the reviewer's name and email are remembered between runs of the app. */
export const REVIEWER_KEY = 'evidence.reviewer';

/** The limits of NoteFields, as the form says them. */
const MAX = { why: 5000, limitation: 1000, limitations: 100, freeText: 20_000, name: 200, email: 200 } as const;

/** A blank note. */
export function emptyNoteDraft(): NoteDraft {
  return { why: '', supportsText: '', requestIdsText: '', escalationIdsText: '', limitations: [], deeperContext: null, freeText: '', reviewerName: '', reviewerEmail: '' };
}

/** Parses the draft's pasted lists. */
export function parseNoteLists(draft: NoteDraft): NoteLists {
  return {
    supports: parseList(draft.supportsText, 'reference'),
    requestIds: parseList(draft.requestIdsText, 'request'),
    escalationIds: parseList(draft.escalationIdsText, 'escalation'),
  };
}

/** The state a fresh window starts with (also used by tests). */
export function emptyNoteState(): NoteState {
  const draft = emptyNoteDraft();
  return { draft, lists: parseNoteLists(draft), touched: {}, problems: {}, source: { status: 'idle' }, preview: { status: 'idle' } };
}

const firstError = (list: ParsedList): string | undefined => list.problems.find((p) => p.severity === 'error')?.message;
const count = new Intl.NumberFormat('en');

/** The NoteFields a draft describes, or the problems per field. List warnings (an ID without esc_) do not stop it. */
export function toNoteFields(draft: NoteDraft): { ok: true; note: NoteFields } | { ok: false; problems: NoteProblems } {
  const problems: NoteProblems = {};
  const lists = parseNoteLists(draft);
  const why = draft.why.trim();
  if (why === '') problems.why = 'Say why the evidence is being exported.';
  else if (why.length > MAX.why) problems.why = `At most ${count.format(MAX.why)} characters (this is ${count.format(why.length)}).`;
  if (hasErrors(lists.supports)) problems.supports = firstError(lists.supports)!;
  if (hasErrors(lists.requestIds)) problems.requestIds = firstError(lists.requestIds)!;
  if (hasErrors(lists.escalationIds)) problems.escalationIds = firstError(lists.escalationIds)!;
  const limitations = draft.limitations.map((l) => l.trim()).filter((l) => l !== '');
  const longAt = draft.limitations.findIndex((l) => l.trim().length > MAX.limitation);
  if (limitations.length > MAX.limitations) problems.limitations = `${limitations.length} limitations; at most ${MAX.limitations} are allowed.`;
  else if (longAt >= 0) problems.limitations = `Limitation ${longAt + 1} is ${count.format(draft.limitations[longAt]!.trim().length)} characters long; at most ${count.format(MAX.limitation)} are allowed.`;
  if (draft.freeText.length > MAX.freeText) problems.freeText = `At most ${count.format(MAX.freeText)} characters (this is ${count.format(draft.freeText.length)}).`;
  const name = draft.reviewerName.trim();
  const email = draft.reviewerEmail.trim();
  if (name === '') problems.reviewerName = 'Enter your name: the note says who wrote it.';
  else if (name.length > MAX.name) problems.reviewerName = `At most ${MAX.name} characters.`;
  if (email.length > MAX.email) problems.reviewerEmail = `At most ${MAX.email} characters.`;
  else if (email !== '' && !/^[^\s@]+@[^\s@]+$/u.test(email)) problems.reviewerEmail = 'This does not look like an email address (name@example.org); leave it empty if you prefer.';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    note: {
      why,
      supports: lists.supports.values,
      request_ids: lists.requestIds.values,
      escalation_ids: lists.escalationIds.values,
      limitations,
      deeper_context: draft.deeperContext,
      free_text: draft.freeText,
      reviewer: email === '' ? { name } : { name, email },
    },
  };
}

/** The reviewer remembered from an earlier run, or null (nothing stored, unreadable, or storage refused). */
export function rememberedReviewer(): { name: string; email: string } | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(REVIEWER_KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return null;
    const { name, email } = stored as { name?: unknown; email?: unknown };
    if (typeof name !== 'string' || name.trim() === '') return null;
    return { name: name.slice(0, MAX.name), email: typeof email === 'string' ? email.slice(0, MAX.email) : '' };
  } catch {
    return null;
  }
}

/** Remembers the reviewer for the next run (an empty name forgets it). Storage may be refused; the note works without it. */
export function rememberReviewer(name: string, email: string): void {
  try {
    if (name.trim() === '') localStorage.removeItem(REVIEWER_KEY);
    else localStorage.setItem(REVIEWER_KEY, JSON.stringify({ name: name.trim(), email: email.trim() }));
  } catch {
    // Not remembered this time; nothing else depends on it.
  }
}

/** The Keeptrusts page(s) matching the scope's export types, as a first suggestion for "deeper context". */
function suggestedContext(scope: ReviewScope): DeeperContext {
  const events = scope.types.includes('events');
  const escalations = scope.types.includes('escalations');
  return events && escalations ? 'both' : events ? 'events' : escalations ? 'escalations' : null;
}

const FIELD_OF: Partial<Record<keyof NoteDraft, NoteField>> = {
  why: 'why',
  supportsText: 'supports',
  requestIdsText: 'requestIds',
  escalationIdsText: 'escalationIds',
  limitations: 'limitations',
  freeText: 'freeText',
  reviewerName: 'reviewerName',
  reviewerEmail: 'reviewerEmail',
};

let previewSeq = 0;

// The stored draft's shape (drafts.ts) is the form's: a change to NoteDraft must change both (and the key's version).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameShape: Same<StoredNoteDraft['draft'], NoteDraft> = true;
void sameShape;

/** The state a window starts with: blank, but for the draft saved as it was typed before a reload or a crash. */
export function restoredNoteState(): NoteState {
  const stored = loadDraft(NOTE_DRAFT);
  if (!stored) return emptyNoteState();
  return { ...emptyNoteState(), draft: stored.draft, lists: parseNoteLists(stored.draft), touched: stored.touched };
}

export const useNote = create<NoteState & NoteActions>()((set, get) => ({
  ...restoredNoteState(),

  prefill: async (now = Date.now()) => {
    const scope = useScope.getState().resolve(now);
    if (!scope) {
      set({ source: { status: 'no-scope' }, preview: { status: 'idle' } });
      return;
    }
    if (get().source.status !== 'ready') set({ source: { status: 'loading' } });
    const latest = await callBridge((bridge) => bridge.latestValidation({}));
    const report = latest.ok ? (latest.value?.report ?? null) : null;
    const { draft, touched } = get();
    const reviewer = rememberedReviewer();
    const suggested: Partial<NoteDraft> = {
      why: scope.why ?? '',
      supportsText: (scope.references ?? []).join('\n'),
      requestIdsText: scope.request_ids.join('\n'),
      escalationIdsText: scope.escalation_ids.join('\n'),
      deeperContext: suggestedContext(scope),
      ...(report ? { limitations: report.limitations.map((l) => l.text) } : {}),
      ...(reviewer ? { reviewerName: reviewer.name, reviewerEmail: reviewer.email } : {}),
    };
    const next = { ...draft };
    for (const [field, value] of Object.entries(suggested) as [keyof NoteDraft, never][]) if (!touched[field]) next[field] = value;
    set({
      draft: next,
      lists: parseNoteLists(next),
      source: {
        status: 'ready',
        scope,
        validation: latest.ok && latest.value ? { runId: latest.value.runId, generatedAt: latest.value.report.generated_at, overall: latest.value.report.overall, limitations: latest.value.report.limitations.length } : null,
        validationError: latest.ok ? null : latest.error,
      },
    });
  },

  setField: (field, value) =>
    set((s) => {
      const draft = { ...s.draft, [field]: value };
      const problems = { ...s.problems };
      const problemField = FIELD_OF[field];
      if (problemField) delete problems[problemField];
      if (field === 'reviewerName' || field === 'reviewerEmail') rememberReviewer(draft.reviewerName, draft.reviewerEmail);
      return { draft, lists: field.endsWith('Text') ? parseNoteLists(draft) : s.lists, touched: { ...s.touched, [field]: true }, problems };
    }),

  setLimitation: (index, text) => get().setField('limitations', get().draft.limitations.map((l, i) => (i === index ? text : l))),
  addLimitation: () => get().setField('limitations', [...get().draft.limitations, '']),
  removeLimitation: (index) => get().setField('limitations', get().draft.limitations.filter((_, i) => i !== index)),

  checkField: (field) => {
    const result = toNoteFields(get().draft);
    const problem = result.ok ? undefined : result.problems[field];
    set((s) => {
      const problems = { ...s.problems };
      if (problem) problems[field] = problem;
      else delete problems[field];
      return { problems };
    });
  },

  check: () => {
    const result = toNoteFields(get().draft);
    set({ problems: result.ok ? {} : result.problems });
    return result.ok ? result.note : null;
  },

  loadPreview: async (now = Date.now()) => {
    const seq = ++previewSeq;
    const scope = useScope.getState().resolve(now);
    if (!scope) {
      set({ source: { status: 'no-scope' }, preview: { status: 'idle' } });
      return;
    }
    const result = toNoteFields(get().draft);
    if (!result.ok) {
      set({ preview: { status: 'incomplete' } });
      return;
    }
    const shown = get().preview;
    set({ preview: { status: 'loading', markdown: shown.status === 'ready' || shown.status === 'loading' ? shown.markdown : null } });
    const answer = await callBridge((bridge) => bridge.previewNote({ scope, note: result.note }));
    // Only the newest request's answer is shown; an older one arriving late is dropped.
    if (seq !== previewSeq) return;
    set({ preview: answer.ok ? { status: 'ready', markdown: answer.value.markdown } : { status: 'error', error: answer.error } });
  },

  reset: () => set(emptyNoteState()),
}));

// The draft and which fields the reviewer changed are saved as they change (drafts.ts), so pre-filling
// after a reload still leaves the reviewer's own text alone.
autosaveDraft(
  useNote,
  NOTE_DRAFT,
  (s) => ({ draft: s.draft, touched: s.touched }),
  (s, prev) => s.draft !== prev.draft || s.touched !== prev.touched,
);
