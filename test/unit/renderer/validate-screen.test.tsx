import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ValidateScreen } from '../../../renderer/src/screens/validate/ValidateScreen';
import { emptyNavigationState, useNavigation } from '../../../renderer/src/stores/navigation';
import { useRecords } from '../../../renderer/src/stores/records';
import { emptyScopeState, useScope } from '../../../renderer/src/stores/scope';
import { emptyValidationState, useValidation } from '../../../renderer/src/stores/validation';
import { flush, mountEachTest } from './bridge-double';
import { fakeValidateBridge, report } from './validation-fixture';

const NOW = Date.parse('2026-03-20T01:00:00Z');

const ui = mountEachTest();
beforeEach(() => {
  useValidation.setState(emptyValidationState());
  useScope.setState(emptyScopeState());
  useNavigation.setState(emptyNavigationState());
  useRecords.getState().reset();
});

const render = async () => {
  ui.render(<ValidateScreen />);
  await flush();
};
const giveScopeAReason = () => useScope.getState().setField('why', 'Incident review.');

describe('the validation store', () => {
  it('loads the latest kept report', async () => {
    const bridge = fakeValidateBridge({ latest: report() });
    await useValidation.getState().loadLatest();
    expect(bridge.requests('latestValidation')).toEqual([{}]);
    expect(useValidation.getState()).toMatchObject({ latest: { status: 'loaded' }, origin: 'kept', current: { runId: 7, report: report() } });
  });

  it('does not validate a scope with problems', async () => {
    const bridge = fakeValidateBridge();
    await useValidation.getState().validate(NOW);
    expect(useValidation.getState().run).toEqual({ status: 'scope-problems' });
    expect(bridge.requests('validate')).toEqual([]);
    // The Scope step now shows what is wrong.
    expect(useScope.getState().problems.why).toBeDefined();
  });

  it('validates the resolved scope, following its own progress only, and keeps the new report', async () => {
    const bridge = fakeValidateBridge();
    giveScopeAReason();
    const running = useValidation.getState().validate(NOW);
    const run = useValidation.getState().run;
    expect(run).toMatchObject({ status: 'running', progress: null });
    const taskId = run.status === 'running' ? run.taskId : '';
    expect(taskId).toMatch(/^validate-[A-Za-z0-9_-]+$/);
    expect(bridge.requests('validate')).toEqual([
      { taskId, scope: { window: { relative: '24h', from: '2026-03-19T01:00:00Z', to: '2026-03-20T01:00:00Z' }, types: ['events', 'escalations'], request_ids: [], escalation_ids: [], why: 'Incident review.' } },
    ]);
    useValidation.getState().receiveProgress({ taskId: 'pull-1', kind: 'download', value: 0.9, title: 'x', detail: 'y' });
    expect(useValidation.getState().run).toMatchObject({ progress: null });
    useValidation.getState().receiveProgress({ taskId, kind: 'validate', value: 0.5, title: 'Validating events.csv', detail: '1 of 2 MB read' });
    expect(useValidation.getState().run).toEqual({ status: 'running', taskId, progress: { value: 0.5, title: 'Validating events.csv', detail: '1 of 2 MB read' } });

    // A second click while running does nothing.
    await useValidation.getState().validate(NOW);
    expect(bridge.requests('validate')).toHaveLength(1);

    bridge.answerValidate({ ok: true, value: { runId: 8, report: report({ overall: 'warn' }) } });
    await running;
    expect(useValidation.getState()).toMatchObject({ run: { status: 'idle' }, origin: 'new', current: { runId: 8, report: { overall: 'warn' } } });

    // The kept report loaded late does not replace the new one.
    await useValidation.getState().loadLatest();
    expect(useValidation.getState().current?.runId).toBe(8);
  });

  it('cancels by task id and reports other errors', async () => {
    const bridge = fakeValidateBridge();
    giveScopeAReason();
    let running = useValidation.getState().validate(NOW);
    const run = useValidation.getState().run;
    await useValidation.getState().cancel();
    await running;
    expect(bridge.requests('cancelTask')).toEqual([{ taskId: run.status === 'running' ? run.taskId : '?' }]);
    expect(useValidation.getState().run).toEqual({ status: 'cancelled' });

    running = useValidation.getState().validate(NOW);
    bridge.answerValidate({ ok: false, error: { code: 'invalid-request', message: 'There are no export files to validate in this workspace yet.', hint: 'Pull or import the exports first.' } });
    await running;
    expect(useValidation.getState().run).toMatchObject({ status: 'failed', error: { hint: 'Pull or import the exports first.' } });
  });
});

describe('ValidateScreen', () => {
  it('says when there is no report yet, and sends the reviewer to the Scope step when the scope has problems', async () => {
    fakeValidateBridge({ latest: null });
    await render();
    expect(ui.container.textContent).toContain('No report yet in this workspace');
    act(() => ui.button('Validate now')!.click());
    await flush();
    const alert = ui.container.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('The review scope has problems');
    expect(alert.querySelector('li')!.textContent).toBe('Why: Say why the evidence is being exported.');
    act(() => ui.button('Go to the Scope step')!.click());
    expect(useNavigation.getState().step).toBe('scope');
  });

  it('shows progress with Cancel, then the new report with the focus on its result', async () => {
    const bridge = fakeValidateBridge({ latest: null });
    giveScopeAReason();
    await render();
    act(() => ui.button('Validate now')!.click());
    await flush();
    expect(ui.button('Validating…')!.disabled).toBe(true);
    expect(ui.container.querySelector('[role=progressbar]')!.hasAttribute('aria-valuenow')).toBe(false);
    const run = useValidation.getState().run;
    const taskId = run.status === 'running' ? run.taskId : '';
    act(() => useValidation.getState().receiveProgress({ taskId, kind: 'validate', value: 0.25, title: 'Validating events.csv', detail: '1 of 4 MB read' }));
    expect(ui.container.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('25');
    expect(ui.container.textContent).toContain('1 of 4 MB read');
    expect(ui.button('Cancel')).toBeDefined();

    bridge.answerValidate({ ok: true, value: { runId: 9, report: report() } });
    await flush();
    expect(ui.container.querySelector('[role=progressbar]')).toBeNull();
    expect(document.activeElement?.id).toBe('val-overall-heading');
    expect(ui.container.querySelector('[data-testid=validation-ran]')!.textContent).toMatch(/^Validated 2026-03-20 01:00:05 UTC \(.+ local\) — run 9, just now\.$/);
  });

  it('shows a failed run as an alert with its hint', async () => {
    const bridge = fakeValidateBridge({ latest: null });
    giveScopeAReason();
    await render();
    act(() => ui.button('Validate now')!.click());
    bridge.answerValidate({ ok: false, error: { code: 'invalid-request', message: 'There are no export files to validate in this workspace yet.', hint: 'Pull or import the exports first.' } });
    await flush();
    const alert = ui.container.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('There are no export files to validate');
    expect(alert.textContent).toContain('Pull or import the exports first.');
  });

  it('puts the overall result first, then the checklist with words, fixes, evidence and limitations', async () => {
    fakeValidateBridge({ latest: report() });
    await render();
    const headings = [...ui.container.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings[0]).toBe('✗ Fail — Some checks failed');
    expect(headings.slice(1)).toEqual(['Checks', 'Coverage over the window', 'Config versions over the window', 'Records in the cache']);
    const banner = ui.container.querySelector('[data-testid=validation-overall]')!;
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['✗ 2 failed', '! 1 warning', '✓ 2 passed', '– 1 skipped']);
    expect(banner.textContent).toContain('run 7, the most recent one kept in this workspace.');

    const check = (id: string) => ui.container.querySelector(`[data-check="${id}"]`)!;
    expect(check('time-coverage').querySelector('.val-status')!.textContent).toBe('✗ Fail');
    expect(check('time-coverage').querySelector('.val-fix')!.textContent).toBe("Fix: Export exactly the scope's window.");
    expect(check('config-version').querySelector('.val-status')!.textContent).toBe('! Warning');
    expect(check('empty').querySelector('.val-status')!.textContent).toBe('✓ Pass');
    expect(check('empty').querySelector('.val-fix')).toBeNull();
    expect(check('empty').querySelector('details')).toBeNull();
    expect(check('environment').querySelector('.val-fix')!.textContent).toBe('To run this check: Write the environment into the scope.');
    const details = check('time-coverage').querySelector('details')!;
    expect(details.querySelector('summary')!.textContent).toBe('Evidence and 1 example for “Time coverage”');
    expect([...details.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Record', 'Line', 'Field', 'Value']);
    expect(details.querySelector('pre')!.textContent).toContain('"before_window": 1');
    expect(check('completeness').querySelector('.val-fix')!.textContent).toBe('Fix: Pull the escalations too.');
    expect(ui.container.textContent).toContain('Escalations: No escalations export is included.');

    // Only the problems, on request.
    act(() => ui.container.querySelector<HTMLInputElement>('.val-toggle input')!.click());
    expect(ui.container.querySelector('[data-check="empty"]')).toBeNull();
    expect(ui.container.querySelector('[data-check="time-coverage"]')).not.toBeNull();
  });

  it('draws the coverage with gaps, and shows a bucket’s range and count on hover and on keyboard focus', async () => {
    fakeValidateBridge({ latest: report() });
    await render();
    const chart = ui.container.querySelector('[data-testid=coverage] svg')!;
    expect(chart.querySelectorAll('.val-bar')).toHaveLength(9);
    expect(chart.querySelectorAll('.val-gap-band')).toHaveLength(1);
    expect(chart.textContent).toContain('Gap');
    expect(chart.textContent).toContain('Time (UTC), 5 min buckets');
    const buckets = [...chart.querySelectorAll<SVGElement>('.val-bucket')];
    expect(buckets).toHaveLength(12);
    expect(buckets.filter((b) => b.getAttribute('tabindex') === '0')).toHaveLength(1);
    expect(buckets[6]!.getAttribute('aria-label')).toBe('2026-03-20 00:30 to 00:35 UTC: 15 records');

    act(() => void buckets[6]!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    const tooltip = () => ui.container.querySelector('[data-testid=coverage-tooltip]');
    expect(tooltip()!.textContent).toBe('15 records2026-03-20 00:30 to 00:35 UTC');
    act(() => void chart.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body })));
    expect(tooltip()).toBeNull();

    act(() => buckets[0]!.focus());
    expect(tooltip()!.textContent).toContain('10 records');
    const key = (k: string) => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
    key('ArrowRight');
    expect(document.activeElement).toBe(buckets[1]);
    expect(tooltip()!.textContent).toContain('12 records');
    key('End');
    expect(document.activeElement).toBe(buckets[11]);
    for (let i = 0; i < 8; i++) key('ArrowLeft');
    expect(document.activeElement).toBe(buckets[3]);
    expect(tooltip()!.textContent).toContain('In a gap');

    // The same numbers as a table, and the chart in words.
    const table = ui.container.querySelector('[data-testid=coverage] details table')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(12);
    expect(ui.container.querySelector('[data-testid=coverage] .val-legend')!.textContent).toContain('1 gap: 2026-03-20 00:15 to 00:30 UTC');
  });

  it('shows each environment’s config versions and the transition instants in UTC and local time', async () => {
    fakeValidateBridge({ latest: report() });
    await render();
    const timeline = ui.container.querySelector('[data-testid=config-timeline]')!;
    expect([...timeline.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['production', 'staging']);
    expect(timeline.querySelectorAll('.val-timeline-svg')).toHaveLength(2);
    const transition = timeline.querySelector('.val-transitions li')!;
    expect(transition.textContent).toMatch(/^▼ 1\.0 → 1\.1 at 2026-03-20 00:35:00 UTC \(.+ local\) \(the last 1\.0 record: 2026-03-20 00:34:00 UTC \(.+ local\)\)$/);
    expect([...timeline.querySelectorAll('tbody th')].map((th) => th.textContent!.trim())).toEqual(['1.0', '1.1', '1.0']);
  });

  it('offers the report’s verdicts in the records filter', async () => {
    fakeValidateBridge({ latest: report() });
    await render();
    expect([...ui.container.querySelectorAll('#rec-verdict option')].map((o) => o.textContent)).toEqual(['Any verdict', 'allow', 'block']);
  });
});
