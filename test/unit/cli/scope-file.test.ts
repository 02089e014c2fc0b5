import { describe, expect, it } from 'vitest';
import { scopeProblems } from '../../../electron/cli/pack/scope-file';

// What `evidence pack --scope` says about a scope file: every problem, with its field and what to do.

const SCOPE = {
  window: { relative: '24h', from: '2026-03-19T10:30:00Z', to: '2026-03-20T10:30:00Z' },
  types: ['events', 'escalations'],
  request_ids: ['req_1'],
  escalation_ids: [],
  references: ['INC-2041'],
  why: 'Blocked requests after the rollout.',
  control_tags: ['SOC2:CC7.2'],
};

describe('scope files for packing', () => {
  it('accepts a complete scope', () => {
    expect(scopeProblems(SCOPE)).toEqual([]);
  });

  it('names every problem with its field and what to do', () => {
    const problems = scopeProblems({
      window: { relative: '2h', from: '2026-03-19', extra: 1 },
      types: ['events', 'logs', 'events'],
      request_ids: ['has space'],
      control_tags: ['nonsense'],
      colour: 'red',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^window\.to is missing: add the end of the window/),
        expect.stringMatching(/^window\.extra is not a field of the window: remove it/),
        expect.stringMatching(/^window\.relative must be one of 1h, 6h, 24h, 7d, 30d, or left out/),
        expect.stringMatching(/^window\.from must be an RFC 3339 UTC instant ending in Z/),
        'types[1] must be one of events, traces, escalations, audit-log.',
        expect.stringMatching(/^types lists the same type twice \(types\[0\] and types\[2\]\)/),
        'request_ids[0] must be an ID of 1 to 200 characters without spaces.',
        expect.stringMatching(/^control_tags\[0\] must look like FRAMEWORK:CONTROL/),
        expect.stringMatching(/^colour is not a field of a scope/),
        expect.stringMatching(/^escalation_ids is missing: add the escalation IDs/),
      ]),
    );
  });

  it('wants the window in order and agreeing with its relative length, and a why', () => {
    expect(scopeProblems({ ...SCOPE, window: { from: SCOPE.window.to, to: SCOPE.window.from } })).toEqual(['window.from is not before window.to: swap them, or widen the window.']);
    expect(scopeProblems({ ...SCOPE, window: { ...SCOPE.window, relative: '6h' } })).toEqual([expect.stringMatching(/^window\.relative is "6h" but from\.\.to spans 24 hours/)]);
    expect(scopeProblems({ ...SCOPE, why: '  ' })).toEqual([expect.stringMatching(/^why is missing or empty: packing needs it/)]);
    expect(scopeProblems([])).toEqual(['The scope must be a JSON object.']);
  });
});
