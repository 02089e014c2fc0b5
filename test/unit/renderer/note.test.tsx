import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../../shared/schemas/validation';
import { NoteScreen, PREVIEW_DELAY_MS } from '../../../renderer/src/screens/note/NoteScreen';
import { emptyNavigationState, useNavigation } from '../../../renderer/src/stores/navigation';
import { emptyNoteDraft, emptyNoteState, REVIEWER_KEY, toNoteFields, useNote } from '../../../renderer/src/stores/note';
import { emptyScopeState, useScope } from '../../../renderer/src/stores/scope';
import { deferred, flush, installBridge, mountEachTest, ok } from './bridge-double';

const report = (limitations: string[]) =>
  ({
    generated_at: '2026-03-20T10:00:00Z',
    overall: 'warn',
    limitations: limitations.map((text) => ({ kind: 'empty-type', type: 'escalations', text })),
  }) as unknown as ValidationReport;

/** A scope the Scope step can resolve: why, a reference, request and escalation IDs (events and escalations, the default types). */
function fillScope() {
  const { setField } = useScope.getState();
  setField('why', 'Quarterly access review');
  setField('referencesText', 'INC-4521');
  setField('requestIdsText', 'req_1, req_2');
  setField('escalationIdsText', 'esc_9');
}

const ui = mountEachTest();
beforeEach(() => {
  localStorage.clear();
  useScope.setState(emptyScopeState());
  useNote.setState(emptyNoteState());
  useNavigation.setState(emptyNavigationState());
});

describe('toNoteFields', () => {
  it('needs why and the reviewer’s name, and checks the email and the lists', () => {
    expect(toNoteFields(emptyNoteDraft())).toEqual({ ok: false, problems: { why: expect.any(String), reviewerName: expect.any(String) } });
    const draft = { ...emptyNoteDraft(), why: ' Why ', reviewerName: ' Ann ', reviewerEmail: 'not an address', requestIdsText: 'x'.repeat(201) };
    expect(toNoteFields(draft)).toEqual({ ok: false, problems: { requestIds: expect.stringMatching(/201 characters/), reviewerEmail: expect.stringMatching(/email address/) } });
  });

  it('trims, splits lists as the Scope step does and leaves empty limitations out', () => {
    const draft = {
      ...emptyNoteDraft(),
      why: ' Why \n',
      supportsText: 'INC-1; INC-2\nINC-1',
      requestIdsText: 'req_1 req_2',
      escalationIdsText: 'esc_1,esc_2',
      limitations: [' first ', '', '  '],
      deeperContext: 'events' as const,
      freeText: 'as typed ',
      reviewerName: 'Ann',
      reviewerEmail: ' ann@example.org ',
    };
    expect(toNoteFields(draft)).toEqual({
      ok: true,
      note: {
        why: 'Why',
        supports: ['INC-1', 'INC-2'],
        request_ids: ['req_1', 'req_2'],
        escalation_ids: ['esc_1', 'esc_2'],
        limitations: ['first'],
        deeper_context: 'events',
        free_text: 'as typed ',
        reviewer: { name: 'Ann', email: 'ann@example.org' },
      },
    });
    expect(toNoteFields({ ...draft, reviewerEmail: '' })).toMatchObject({ ok: true, note: { reviewer: { name: 'Ann' } } });
    expect(toNoteFields({ ...draft, limitations: ['ok', 'y'.repeat(1001)] })).toEqual({ ok: false, problems: { limitations: expect.stringMatching(/^Limitation 2 is 1,001 characters/) } });
  });
});

describe('the note store', () => {
  it('pre-fills from the scope, the latest validation’s limitations and the remembered reviewer', async () => {
    localStorage.setItem(REVIEWER_KEY, JSON.stringify({ name: 'Ann Auditor', email: 'ann@example.org' }));
    installBridge({ latestValidation: () => ok({ runId: 7, report: report(['No escalations in the window.']) }) });
    fillScope();
    await useNote.getState().prefill();
    const { draft, source } = useNote.getState();
    expect(draft).toEqual({
      why: 'Quarterly access review',
      supportsText: 'INC-4521',
      requestIdsText: 'req_1\nreq_2',
      escalationIdsText: 'esc_9',
      limitations: ['No escalations in the window.'],
      deeperContext: 'both',
      freeText: '',
      reviewerName: 'Ann Auditor',
      reviewerEmail: 'ann@example.org',
    });
    expect(source).toMatchObject({ status: 'ready', validation: { runId: 7, overall: 'warn', limitations: 1 }, validationError: null });
    expect(useNote.getState().lists.requestIds.values).toEqual(['req_1', 'req_2']);
  });

  it('never overwrites what the reviewer changed when it fills in again', async () => {
    installBridge({ latestValidation: () => ok(null) });
    fillScope();
    await useNote.getState().prefill();
    useNote.getState().setField('why', 'My own words');
    useNote.getState().addLimitation();
    useNote.getState().setLimitation(0, 'Mine');
    useScope.getState().setField('requestIdsText', 'req_3');
    await useNote.getState().prefill();
    expect(useNote.getState().draft).toMatchObject({ why: 'My own words', limitations: ['Mine'], requestIdsText: 'req_3' });
  });

  it('says when the scope has problems, and keeps going when the validation cannot be read', async () => {
    installBridge({ latestValidation: () => ({ ok: false, error: { code: 'cache-unavailable', message: 'No cache.', hint: 'Restart.' } }) });
    await useNote.getState().prefill();
    expect(useNote.getState().source).toEqual({ status: 'no-scope' });
    fillScope();
    await useNote.getState().prefill();
    expect(useNote.getState().source).toMatchObject({ status: 'ready', validation: null, validationError: { message: 'No cache.' } });
  });

  it('remembers the reviewer across runs (and forgets an emptied name)', () => {
    useNote.getState().setField('reviewerName', ' Bob ');
    useNote.getState().setField('reviewerEmail', 'bob@example.org');
    expect(JSON.parse(localStorage.getItem(REVIEWER_KEY)!)).toEqual({ name: 'Bob', email: 'bob@example.org' });
    useNote.getState().setField('reviewerName', '');
    expect(localStorage.getItem(REVIEWER_KEY)).toBeNull();
    localStorage.setItem(REVIEWER_KEY, '{not json');
    expect(() => useNote.getState().setField('reviewerEmail', '')).not.toThrow();
  });

  it('previews the note for the resolved scope, only when complete, and shows only the newest answer', async () => {
    const first = deferred<ReturnType<typeof ok<{ markdown: string }>>>();
    const bridge = installBridge({ latestValidation: () => ok(null), previewNote: () => first.promise });
    fillScope();
    await useNote.getState().prefill();
    await useNote.getState().loadPreview();
    expect(useNote.getState().preview).toEqual({ status: 'incomplete' });
    expect(bridge.requests('previewNote')).toEqual([]);

    useNote.getState().setField('reviewerName', 'Ann');
    const older = useNote.getState().loadPreview();
    bridge.handlers.previewNote = () => ok({ markdown: '# newer' });
    await useNote.getState().loadPreview();
    first.resolve(ok({ markdown: '# older' }));
    await older;
    expect(useNote.getState().preview).toEqual({ status: 'ready', markdown: '# newer' });
    const [request] = bridge.requests('previewNote');
    expect(request!.scope).toMatchObject({ why: 'Quarterly access review', request_ids: ['req_1', 'req_2'], escalation_ids: ['esc_9'], references: ['INC-4521'] });
    expect(request!.note).toMatchObject({ why: 'Quarterly access review', supports: ['INC-4521'], reviewer: { name: 'Ann' }, deeper_context: 'both' });
  });
});

describe('NoteScreen', () => {
  const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  it('sends the reviewer to the Scope step when the scope has problems', async () => {
    installBridge({ latestValidation: () => ok(null) });
    ui.render(<NoteScreen />);
    await flush();
    expect(ui.container.textContent).toContain('The scope has problems');
    act(() => ui.button('Go to the Scope step')!.click());
    expect(useNavigation.getState().step).toBe('scope');
  });

  it('shows the pre-filled, labelled form and a text preview of NOTE.md that follows the fields', async () => {
    const markdown = '# Evidence packet `<packet id>`\n<img src=x onerror=alert(1)>\n';
    const bridge = installBridge({
      latestValidation: () => ok({ runId: 3, report: report(['Escalations: the export is empty.']) }),
      previewNote: ({ note }) => ok({ markdown: `${markdown}By ${note.reviewer.name}` }),
    });
    fillScope();
    ui.render(<NoteScreen />);
    await flush();
    expect(ui.field<HTMLTextAreaElement>('Why the evidence was exported').value).toBe('Quarterly access review');
    expect(ui.field<HTMLTextAreaElement>('Request IDs').value).toBe('req_1\nreq_2');
    expect(ui.field<HTMLTextAreaElement>('Limitation 1').value).toBe('Escalations: the export is empty.');
    expect(ui.container.querySelector('[data-testid=limitations-source]')!.textContent).toMatch(/^Pre-filled with the limitation the latest validation found \(run 3, 2026-03-20T10:00:00Z/);
    expect(ui.field('Both').checked).toBe(true);
    // Every form control has a label.
    for (const control of ui.container.querySelectorAll('input, textarea')) {
      const labelled = control.closest('label') ?? ui.container.querySelector(`label[for="${control.id}"]`);
      expect(labelled, control.outerHTML).not.toBeNull();
    }

    await wait(PREVIEW_DELAY_MS + 50);
    expect(ui.container.querySelector('[data-testid=note-preview-status]')!.textContent).toMatch(/once why and your name are filled in/);
    ui.type(ui.field('Your name'), 'Ann Auditor');
    ui.type(ui.field('Your name'), 'Ann Auditor-Smith');
    await wait(PREVIEW_DELAY_MS + 50);
    // Debounced: one request for the two changes.
    expect(bridge.requests('previewNote')).toHaveLength(1);
    const pre = ui.container.querySelector('pre[data-testid=note-preview]')!;
    expect(pre.textContent).toBe(`${markdown}By Ann Auditor-Smith`);
    expect(pre.querySelector('img')).toBeNull();
    expect(pre.getAttribute('tabindex')).toBe('0');
    expect(JSON.parse(localStorage.getItem(REVIEWER_KEY)!)).toEqual({ name: 'Ann Auditor-Smith', email: '' });
  });

  it('edits limitations: add (focused), change, remove', async () => {
    installBridge({ latestValidation: () => ok({ runId: 1, report: report(['From validation.']) }), previewNote: () => ok({ markdown: '' }) });
    fillScope();
    ui.render(<NoteScreen />);
    await flush();
    act(() => ui.button('Add a limitation')!.click());
    await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
    expect(document.activeElement).toBe(ui.field('Limitation 2'));
    ui.type(ui.field<HTMLTextAreaElement>('Limitation 2'), 'Mine.');
    act(() => ui.button('Remove limitation 1')!.click());
    expect(useNote.getState().draft.limitations).toEqual(['Mine.']);
    expect(ui.field<HTMLTextAreaElement>('Limitation 1').value).toBe('Mine.');
  });

  it('checks fields inline and on Continue, focusing the first problem; continues to Packet when complete', async () => {
    installBridge({ latestValidation: () => ok(null), previewNote: () => ok({ markdown: '' }) });
    fillScope();
    ui.render(<NoteScreen />);
    await flush();
    const why = ui.field<HTMLTextAreaElement>('Why the evidence was exported');
    ui.type(why, '   ');
    act(() => why.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(why.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(why.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent).toBe('Say why the evidence is being exported.');
    ui.type(why, 'Because.');
    expect(why.hasAttribute('aria-invalid')).toBe(false);

    act(() => ui.button('Continue to Packet')!.click());
    expect(useNavigation.getState().step).not.toBe('packet');
    const name = ui.field('Your name');
    expect(document.activeElement).toBe(name);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    ui.type(name, 'Ann');
    act(() => ui.button('Continue to Packet')!.click());
    expect(useNavigation.getState().step).toBe('packet');
  });
});
