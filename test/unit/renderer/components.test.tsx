import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusBar } from '../../../renderer/src/components/StatusBar';
import { StepNav } from '../../../renderer/src/components/StepNav';
import { emptyAppInfoState, useAppInfo } from '../../../renderer/src/stores/app-info';
import { STEPS, type StepId } from '../../../shared/steps';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('StepNav', () => {
  it('marks the current step and reports clicks', () => {
    const chosen: StepId[] = [];
    act(() => root.render(<StepNav current="pull" onSelect={(s) => chosen.push(s)} />));
    const buttons = [...container.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(STEPS.map((s, i) => `${i + 1}${s.label}`));
    expect(buttons.filter((b) => b.getAttribute('aria-current') === 'step').map((b) => b.textContent)).toEqual(['4Pull']);
    act(() => buttons[6]!.click());
    expect(chosen).toEqual(['packet']);
  });

  it('moves focus with arrow keys, Home and End, and stops at the ends', () => {
    act(() => root.render(<StepNav current="scope" onSelect={() => {}} />));
    const buttons = [...container.querySelectorAll('button')];
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
    act(() => root.render(<StatusBar state={state} onRetry={() => retried++} />));
    expect(container.querySelector('[role=alert]')?.textContent).toContain('No answer. Restart the app.');
    act(() => container.querySelector('button')!.click());
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
