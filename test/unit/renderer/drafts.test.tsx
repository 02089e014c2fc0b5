import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosaveDraft, clearDraft, DRAFT_SAVE_MS, loadDraft, NOTE_DRAFT, saveDraft, SCOPE_DRAFT, validScopeDraft, type DraftStorage, type StoredNoteDraft, type StoredScopeDraft } from '../../../renderer/src/lib/drafts';
import { emptyDraft } from '../../../renderer/src/lib/scope-draft';
import { installBridge, mountEachTest, settle } from './bridge-double';

/** A Storage in a Map, counting writes; `refuse` makes every call throw (private mode, quota). */
function memoryStorage() {
  const items = new Map<string, string>();
  const storage = {
    items,
    writes: 0,
    refuse: false,
    getItem(key: string) {
      if (storage.refuse) throw new Error('refused');
      return items.get(key) ?? null;
    },
    setItem(key: string, value: string) {
      if (storage.refuse) throw new Error('QuotaExceededError');
      storage.writes++;
      items.set(key, value);
    },
    removeItem(key: string) {
      if (storage.refuse) throw new Error('refused');
      items.delete(key);
    },
  };
  return storage satisfies DraftStorage;
}

const scopeDraft = (): StoredScopeDraft => ({ draft: { ...emptyDraft(), why: 'Quarterly review', types: ['events', 'traces'], formats: { ...emptyDraft().formats, traces: 'json' } }, current: { id: 'scope_1', name: 'Q1' }, anchor: 1_750_000_000_000 });
const noteDraft = (): StoredNoteDraft => ({
  draft: { why: 'Why', supportsText: 'INC-1', requestIdsText: '', escalationIdsText: 'esc_1', limitations: ['one', ''], deeperContext: 'both', freeText: 'free', reviewerName: 'Ann', reviewerEmail: 'ann@example.org' },
  touched: { why: true, reviewerName: true },
});

describe('drafts in storage', () => {
  it('round-trips the scope and the note drafts under versioned keys', () => {
    const storage = memoryStorage();
    expect(saveDraft(SCOPE_DRAFT, scopeDraft(), storage)).toBe(true);
    expect(saveDraft(NOTE_DRAFT, noteDraft(), storage)).toBe(true);
    expect([...storage.items.keys()]).toEqual(['evidence.draft.scope.v1', 'evidence.draft.note.v1']);
    expect(loadDraft(SCOPE_DRAFT, storage)).toEqual(scopeDraft());
    expect(loadDraft(NOTE_DRAFT, storage)).toEqual(noteDraft());
    clearDraft(SCOPE_DRAFT, storage);
    expect(loadDraft(SCOPE_DRAFT, storage)).toBeNull();
  });

  it('answers null without a draft, without storage, or when storage refuses (and saving says false)', () => {
    const storage = memoryStorage();
    expect(loadDraft(SCOPE_DRAFT, storage)).toBeNull();
    expect(loadDraft(SCOPE_DRAFT, null)).toBeNull();
    expect(saveDraft(SCOPE_DRAFT, scopeDraft(), null)).toBe(false);
    storage.refuse = true;
    expect(saveDraft(SCOPE_DRAFT, scopeDraft(), storage)).toBe(false);
    expect(loadDraft(SCOPE_DRAFT, storage)).toBeNull();
    expect(() => clearDraft(SCOPE_DRAFT, storage)).not.toThrow();
  });

  it('drops a draft that fails its shape check, rather than crashing, and removes it', () => {
    const bad: unknown[] = [
      'not json {',
      null,
      [],
      { draft: { ...emptyDraft(), windowMode: 'sideways' } },
      { draft: { ...emptyDraft(), relative: '2y' } },
      { draft: { ...emptyDraft(), types: ['events', 'secrets'] } },
      { draft: { ...emptyDraft(), formats: { events: 'xml' } } },
      { draft: { ...emptyDraft(), why: 42 } },
      { draft: emptyDraft(), current: { id: 7 } },
      { draft: emptyDraft(), anchor: 'yesterday' },
    ];
    for (const value of bad) {
      const storage = memoryStorage();
      storage.items.set(SCOPE_DRAFT.key, typeof value === 'string' ? value : JSON.stringify(value));
      expect(loadDraft(SCOPE_DRAFT, storage), JSON.stringify(value)).toBeNull();
      expect(storage.items.has(SCOPE_DRAFT.key)).toBe(false);
    }
    const badNotes: unknown[] = [
      { draft: { ...noteDraft().draft, limitations: 'one' } },
      { draft: { ...noteDraft().draft, deeperContext: 'everything' } },
      { draft: { ...noteDraft().draft, reviewerName: undefined } },
      { draft: noteDraft().draft, touched: 'all' },
    ];
    for (const value of badNotes) {
      const storage = memoryStorage();
      storage.items.set(NOTE_DRAFT.key, JSON.stringify(value));
      expect(loadDraft(NOTE_DRAFT, storage), JSON.stringify(value)).toBeNull();
    }
  });

  it('keeps only the known fields: no stray keys come back from storage', () => {
    const stored = { draft: { ...scopeDraft().draft, token: 'kt_live_x', formats: { events: 'json' } }, current: null, extra: true };
    const draft = SCOPE_DRAFT.validate(stored);
    expect(draft?.draft).not.toHaveProperty('token');
    expect(draft?.draft.formats).toEqual({ ...emptyDraft().formats, events: 'json' });
    expect(draft).toEqual({ draft: expect.any(Object), current: null, anchor: null });
    expect(NOTE_DRAFT.validate({ draft: { ...noteDraft().draft, passphrase: 'x' }, touched: { why: true, passphrase: true, freeText: false } })).toEqual({
      draft: noteDraft().draft,
      touched: { why: true },
    });
    expect(validScopeDraft(emptyDraft())).toEqual(emptyDraft());
  });
});

describe('autosaveDraft', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A tiny store with zustand's getState/subscribe. */
  function store(initial: { text: string; other: number }) {
    let state = initial;
    const listeners = new Set<(s: typeof state, p: typeof state) => void>();
    return {
      getState: () => state,
      subscribe: (l: (s: typeof state, p: typeof state) => void) => (listeners.add(l), () => listeners.delete(l)),
      set(patch: Partial<typeof state>) {
        const previous = state;
        state = { ...state, ...patch };
        for (const l of listeners) l(state, previous);
      },
    };
  }
  const slot = { key: 'test.draft.v1', validate: (v: unknown) => (typeof v === 'string' ? v : null) };

  it('writes once typing pauses, only for changes that matter, and at once when the page goes away', () => {
    const storage = memoryStorage();
    const target = new EventTarget();
    const s = store({ text: '', other: 0 });
    const stop = autosaveDraft(s, slot, (state) => state.text, (a, b) => a.text !== b.text, { storage, target });
    s.set({ text: 'a' });
    s.set({ text: 'ab' });
    s.set({ other: 1 });
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(DRAFT_SAVE_MS);
    expect(storage.writes).toBe(1);
    expect(loadDraft(slot, storage)).toBe('ab');
    s.set({ other: 2 });
    vi.advanceTimersByTime(DRAFT_SAVE_MS);
    expect(storage.writes).toBe(1);

    s.set({ text: 'abc' });
    target.dispatchEvent(new Event('pagehide'));
    expect(loadDraft(slot, storage)).toBe('abc');
    s.set({ text: 'abcd' });
    target.dispatchEvent(new Event('beforeunload'));
    expect(loadDraft(slot, storage)).toBe('abcd');

    s.set({ text: 'last' });
    stop();
    expect(loadDraft(slot, storage)).toBe('last');
    s.set({ text: 'after stop' });
    vi.advanceTimersByTime(DRAFT_SAVE_MS);
    target.dispatchEvent(new Event('pagehide'));
    expect(loadDraft(slot, storage)).toBe('last');
  });
});

describe('a reload restores the scope and the note drafts', () => {
  const ui = mountEachTest();
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.resetModules());

  /** The stores and screens as a new window loads them (fresh modules, so the stores are created again). */
  async function freshWindow() {
    vi.resetModules();
    const scope = await import('../../../renderer/src/stores/scope');
    const note = await import('../../../renderer/src/stores/note');
    const { ScopeScreen } = await import('../../../renderer/src/screens/scope/ScopeScreen');
    const { NoteScreen } = await import('../../../renderer/src/screens/note/NoteScreen');
    return { useScope: scope.useScope, useNote: note.useNote, REVIEWER_KEY: note.REVIEWER_KEY, ScopeScreen, NoteScreen };
  }

  it('brings back what was typed, on the screens, and the reviewer is still remembered', async () => {
    installBridge();
    const first = await freshWindow();
    first.useScope.getState().setField('why', 'Incident INC-9: what happened');
    first.useScope.getState().setField('referencesText', 'INC-9');
    first.useScope.getState().toggleType('traces', true);
    first.useScope.setState({ current: { id: 'scope_7', name: 'INC-9 review' }, anchor: 1_750_000_000_000 });
    first.useNote.getState().setField('freeText', 'Half-written thoughts');
    first.useNote.getState().setField('reviewerName', 'Ann Auditor');
    // The page goes away before the pause is over: the drafts are written at once.
    window.dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem('evidence.draft.scope.v1')).toContain('Incident INC-9');
    expect(localStorage.getItem('evidence.draft.note.v1')).toContain('Half-written thoughts');
    expect(localStorage.getItem(first.REVIEWER_KEY)).toContain('Ann Auditor');

    const second = await freshWindow();
    expect(second.useScope).not.toBe(first.useScope);
    const scope = second.useScope.getState();
    expect(scope.draft.why).toBe('Incident INC-9: what happened');
    expect(scope.draft.types).toEqual(['events', 'escalations', 'traces']);
    expect(scope.lists.references.values).toEqual(['INC-9']);
    expect(scope.current).toEqual({ id: 'scope_7', name: 'INC-9 review' });
    expect(scope.anchor).toBe(1_750_000_000_000);
    const note = second.useNote.getState();
    expect(note.draft.freeText).toBe('Half-written thoughts');
    expect(note.draft.reviewerName).toBe('Ann Auditor');
    expect(note.touched).toEqual({ freeText: true, reviewerName: true });

    ui.render(<second.ScopeScreen />);
    await settle();
    expect((ui.container.querySelector('#scope-why') as HTMLTextAreaElement).value).toBe('Incident INC-9: what happened');
    ui.render(<second.NoteScreen />);
    await settle();
    expect((ui.container.querySelector('#note-free-text') as HTMLTextAreaElement).value).toBe('Half-written thoughts');
    expect((ui.container.querySelector('#note-reviewer-name') as HTMLInputElement).value).toBe('Ann Auditor');
    // Pre-filling from the restored scope leaves the reviewer's own text alone and fills the rest.
    expect((ui.container.querySelector('#note-why') as HTMLTextAreaElement).value).toBe('Incident INC-9: what happened');
  });

  it('saves after a pause in typing, and starts blank when the stored draft is damaged', async () => {
    installBridge();
    vi.useFakeTimers();
    try {
      const first = await freshWindow();
      first.useScope.getState().setField('why', 'typed');
      expect(localStorage.getItem('evidence.draft.scope.v1')).toBeNull();
      vi.advanceTimersByTime(DRAFT_SAVE_MS);
      expect(JSON.parse(localStorage.getItem('evidence.draft.scope.v1')!).draft.why).toBe('typed');
    } finally {
      vi.useRealTimers();
    }
    localStorage.setItem('evidence.draft.scope.v1', '{"draft":{"windowMode":1}}');
    localStorage.setItem('evidence.draft.note.v1', 'garbage');
    const second = await freshWindow();
    expect(second.useScope.getState().draft).toEqual(emptyDraft());
    expect(second.useNote.getState().draft.why).toBe('');
    expect(localStorage.getItem('evidence.draft.scope.v1')).toBeNull();
  });
});
