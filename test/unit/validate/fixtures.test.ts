import { describe, expect, it } from 'vitest';
import { FILE_CHECK_IDS, SET_CHECK_IDS, type CheckId, type CheckStatus } from '../../../shared/schemas/validation';
import { allCases, expectCase, runCase } from './cases';

const cases = allCases();

describe('validation fixtures: each case under test/fixtures/validation gives the report its case.json expects', () => {
  for (const group of [...new Set(cases.map((c) => c.id.split('/')[0]!))]) {
    describe(group, () => {
      for (const c of cases.filter((k) => k.id.split('/')[0] === group)) {
        it(`${c.id}: ${c.about}`, async () => {
          expectCase(await runCase(c), c);
        });
      }
    });
  }
});

/**
 * Statuses a check cannot have, and why; every other status of every check must be shown by a fixture.
 * - empty: a file has records or it does not (skipped when nothing could be read at all).
 * - format, integrity: the bytes conform or match, or they do not (integrity is skipped with nothing to compare).
 * - environment: mismatches fail; there is nothing in between (skipped without an environment in the scope).
 * - filename-timestamp: every finding is a failure; it is never skipped (every file has a name).
 * - completeness: a missing or empty type is a limitation to note (warn), never a failure; skipped with no types
 *   in the scope (covered in checks.test.ts, the fixtures always name types).
 * - retention: the horizon is a risk (warn), never a failure, and always computable.
 * - spreadsheet-safety: the evidence is never altered, so formula-like cells warn; never a failure.
 * - duplicates: warns only past the id memory cap, which is not a scope or setting (memory-bounds.test.ts).
 * - cross-reference, time-coverage, config-version: every status is possible.
 */
const IMPOSSIBLE: Partial<Record<CheckId, CheckStatus[]>> = {
  empty: ['warn'],
  format: ['warn', 'skipped'],
  integrity: ['warn'],
  environment: ['warn'],
  'filename-timestamp': ['warn', 'skipped'],
  completeness: ['fail', 'skipped'],
  retention: ['fail', 'skipped'],
  duplicates: ['warn'],
  'spreadsheet-safety': ['fail'],
};

it('the fixtures show every status each check can have', () => {
  const seen = new Map<CheckId, Set<CheckStatus>>();
  const note = (id: CheckId, status: CheckStatus) => seen.set(id, (seen.get(id) ?? new Set()).add(status));
  for (const c of cases) {
    for (const f of c.expect.files) for (const [id, status] of Object.entries(f.statuses)) note(id as CheckId, status);
    for (const [id, status] of Object.entries(c.expect.statuses)) note(id as CheckId, status);
  }
  const missing = [...FILE_CHECK_IDS, ...SET_CHECK_IDS].flatMap((id) =>
    (['pass', 'warn', 'fail', 'skipped'] as const).filter((s) => !seen.get(id)?.has(s) && !IMPOSSIBLE[id]?.includes(s)).map((s) => `${id}: ${s}`),
  );
  expect(missing).toEqual([]);
});
