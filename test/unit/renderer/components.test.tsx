import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../renderer/src/components/StatusBar';
import { StepNav } from '../../../renderer/src/components/StepNav';
import { emptyAppInfoState, useAppInfo } from '../../../renderer/src/stores/app-info';
import { STEPS, type StepId } from '../../../shared/steps';
import { mountEachTest } from './bridge-double';

const ui = mountEachTest();

describe('StepNav', () => {
  it('marks the current step and reports clicks', () => {
    const chosen: StepId[] = [];
    ui.render(<StepNav current="pull" onSelect={(s) => chosen.push(s)} />);
    const buttons = [...ui.container.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(STEPS.map((s, i) => `${i + 1}${s.label}`));
    expect(buttons.filter((b) => b.getAttribute('aria-current') === 'step').map((b) => b.textContent)).toEqual(['4Pull']);
    act(() => buttons[6]!.click());
    expect(chosen).toEqual(['packet']);
  });

  it('moves focus with arrow keys, Home and End, and stops at the ends', () => {
    ui.render(<StepNav current="scope" onSelect={() => {}} />);
    const buttons = [...ui.container.querySelectorAll('button')];
    const press = (key: string) => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    buttons[0]!.focus();
    press('ArrowUp');
    expect(document.activeElement).toBe(buttons[0]);
    press('ArrowDown');
    expect(document.activeElement).toBe(buttons[1]);
    press('End');
    expect(document.activeElement).toBe(buttons[STEPS.length - 1]);
    press('ArrowDown');
    expect(document.activeElement).toBe(buttons[STEPS.length - 1]);
    press('Home');
    expect(document.activeElement).toBe(buttons[0]);
  });
});

describe('StatusBar', () => {
  it('shows an error with its hint and a retry button', () => {
    let retried = 0;
    const state = { status: 'error' as const, error: { code: 'internal' as const, message: 'No answer.', hint: 'Restart the app.' } };
    ui.render(<StatusBar state={state} onRetry={() => retried++} />);
    expect(ui.container.querySelector('[role=alert]')?.textContent).toContain('No answer. Restart the app.');
    act(() => ui.container.querySelector('button')!.click());
    expect(retried).toBe(1);
  });
});

describe('the app-info store', () => {
  it('says plainly when the window has no bridge', async () => {
    useAppInfo.setState({ state: emptyAppInfoState() });
    await useAppInfo.getState().load();
    const state = useAppInfo.getState().state;
    expect(state.status).toBe('error');
    if (state.status === 'error') expect(state.error.message).toMatch(/window\.evidence is missing/);
  });
});
