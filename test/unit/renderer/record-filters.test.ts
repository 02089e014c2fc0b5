import { describe, expect, it } from 'vitest';
import { emptyFilterDraft, isFiltered, queryKey, toRecordQuery } from '../../../renderer/src/lib/record-filters';

describe('record filters', () => {
  it('leaves empty fields out, trims IDs and reads times as UTC', () => {
    expect(toRecordQuery(emptyFilterDraft())).toEqual({ ok: true, query: {} });
    const draft = { ...emptyFilterDraft(), verdict: 'block', text: ' pii ', requestId: ' req_1 ', escalationId: '  ', fromInput: '2026-03-20T10:00', toInput: '2026-03-20T11:00:30' };
    expect(toRecordQuery(draft)).toEqual({ ok: true, query: { verdict: 'block', text: ' pii ', requestId: 'req_1', from: '2026-03-20T10:00:00Z', to: '2026-03-20T11:00:30Z' } });
  });

  it('says what is wrong with a field', () => {
    expect(toRecordQuery({ ...emptyFilterDraft(), fromInput: '2026-02-30T10:00', requestId: 'x'.repeat(201) })).toEqual({
      ok: false,
      problems: { fromInput: 'This is not a date and time.', requestId: 'At most 200 characters.' },
    });
    expect(toRecordQuery({ ...emptyFilterDraft(), fromInput: '2026-03-20T10:00', toInput: '2026-03-20T09:00' })).toEqual({ ok: false, problems: { toInput: 'The end must come after the start.' } });
  });

  it('keys queries independently of field order', () => {
    expect(queryKey({ verdict: 'a', text: 'b' })).toBe(queryKey({ text: 'b', verdict: 'a' }));
    expect(queryKey({ verdict: 'a' })).not.toBe(queryKey({ verdict: 'b' }));
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ verdict: 'a' })).toBe(true);
  });
});
