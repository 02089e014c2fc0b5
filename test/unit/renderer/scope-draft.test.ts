import { describe, expect, it } from 'vitest';
import { apiWindow, emptyDraft, fromReviewScope, toReviewScope, type ScopeDraft } from '../../../renderer/src/lib/scope-draft';
import { parseUtcInput, toUtcInput, utcInstant } from '../../../renderer/src/lib/utc';
import { ReviewScope } from '../../../shared/schemas/scope';
import { Value } from '@sinclair/typebox/value';

const NOW = Date.parse('2026-03-21T10:15:42.789Z');
const draft = (over: Partial<ScopeDraft>): ScopeDraft => ({ ...emptyDraft(), why: 'Quarterly review.', ...over });

describe('utc helpers', () => {
  it('reads datetime-local values as UTC, with or without seconds, and refuses impossible dates', () => {
    expect(parseUtcInput('2026-03-20T10:00')).toBe(Date.parse('2026-03-20T10:00:00Z'));
    expect(parseUtcInput('2026-03-20T10:00:07')).toBe(Date.parse('2026-03-20T10:00:07Z'));
    expect(parseUtcInput('2026-02-30T10:00')).toBeNull();
    expect(parseUtcInput('yesterday')).toBeNull();
    expect(toUtcInput(Date.parse('2026-03-20T10:00:07.5Z'))).toBe('2026-03-20T10:00:07');
    expect(utcInstant(NOW)).toBe('2026-03-21T10:15:42Z');
  });
});

describe('toReviewScope', () => {
  it('resolves a relative window to UTC instants ending now, to the second', () => {
    const result = toReviewScope(draft({ relative: '6h' }), NOW);
    expect(result).toEqual({
      ok: true,
      scope: { window: { relative: '6h', from: '2026-03-21T04:15:42Z', to: '2026-03-21T10:15:42Z' }, types: ['events', 'escalations'], request_ids: [], escalation_ids: [], why: 'Quarterly review.' },
    });
    expect(result.ok && Value.Check(ReviewScope, result.scope)).toBe(true);
  });

  it('takes an absolute window as UTC, and carries every field, trimmed, parsed and in the contract order of types', () => {
    const result = toReviewScope(
      draft({
        windowMode: 'absolute',
        fromInput: '2026-03-20T00:00',
        toInput: '2026-03-20T23:59:59',
        environment: ' production ',
        configVersion: '0.2.0',
        types: ['escalations', 'events'],
        requestIdsText: 'req_1, req_2\nreq_1',
        escalationIdsText: 'esc_9 abc',
        referencesText: 'INC-42',
        controlTagsText: 'SOC2:CC7.2',
        why: '  Incident review.  ',
      }),
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      scope: {
        window: { from: '2026-03-20T00:00:00Z', to: '2026-03-20T23:59:59Z' },
        environment: 'production',
        config_version: '0.2.0',
        types: ['events', 'escalations'],
        request_ids: ['req_1', 'req_2'],
        escalation_ids: ['esc_9', 'abc'],
        references: ['INC-42'],
        why: 'Incident review.',
        control_tags: ['SOC2:CC7.2'],
      },
    });
    expect(result.ok && Value.Check(ReviewScope, result.scope)).toBe(true);
  });

  it('names the problem of each field', () => {
    const result = toReviewScope(
      draft({ windowMode: 'absolute', fromInput: '2026-03-21T00:00', toInput: '2026-03-20T00:00', types: [], why: ' ', escalationIdsText: 'x'.repeat(300), controlTagsText: 'SOC2' }),
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        to: 'The window must end after it starts.',
        types: 'Choose at least one export type.',
        escalationIds: expect.stringMatching(/at most 200/),
        controlTags: expect.stringMatching(/not a control tag/),
        why: 'Say why the evidence is being exported.',
      },
    });
    expect(toReviewScope(draft({ windowMode: 'absolute', fromInput: '', toInput: 'nope' }), NOW)).toEqual({ ok: false, problems: { from: 'Enter when the window starts.', to: 'This is not a date and time.' } });
  });

  it('round-trips through a saved scope, and gives the API window', () => {
    const a = toReviewScope(draft({ relative: '7d', requestIdsText: 'req_1', referencesText: 'INC-1 INC-2', controlTagsText: 'SOC2:CC7.2, ISO27001:A.8.15' }), NOW);
    if (!a.ok) throw new Error('expected a scope');
    const back = fromReviewScope(a.scope);
    expect(back).toMatchObject({ windowMode: 'relative', relative: '7d', fromInput: '2026-03-14T10:15:42', toInput: '2026-03-21T10:15:42', requestIdsText: 'req_1', referencesText: 'INC-1\nINC-2' });
    expect(toReviewScope(back, NOW)).toEqual(a);
    // The API always gets the resolved instants, so the files cover exactly the scope's window.
    expect(apiWindow(a.scope)).toEqual({ date_from: a.scope.window.from, date_to: a.scope.window.to });
    const abs = toReviewScope({ ...back, windowMode: 'absolute' }, NOW + 60_000);
    expect(abs.ok && abs.scope.window).toEqual({ from: a.scope.window.from, to: a.scope.window.to });
    expect(abs.ok && apiWindow(abs.scope)).toEqual({ date_from: a.scope.window.from, date_to: a.scope.window.to });
  });
});

describe('a relative window fixed by the Pull step', () => {
  it('resolves at its anchor until the window is changed, then follows the clock again', async () => {
    const { emptyScopeState, useScope } = await import('../../../renderer/src/stores/scope');
    useScope.setState(emptyScopeState());
    useScope.getState().setField('why', 'Anchoring.');
    const fixed = useScope.getState().fixWindow(NOW)!;
    expect(useScope.getState().resolve(NOW + 3_600_000)!.window).toEqual(fixed.window);
    useScope.getState().setField('relative', '6h');
    expect(useScope.getState().anchor).toBeNull();
    const later = useScope.getState().resolve(NOW + 3_600_000)!;
    expect(Date.parse(later.window.to)).toBe(NOW - (NOW % 1000) + 3_600_000);
    useScope.getState().setField('windowMode', 'absolute');
    useScope.getState().fixWindow(NOW);
    expect(useScope.getState().anchor).toBeNull();
  });
});
