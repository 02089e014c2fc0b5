import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordsBrowser } from '../../../renderer/src/screens/validate/RecordsBrowser';
import { ROW_HEIGHT } from '../../../renderer/src/screens/validate/RecordsGrid';
import { emptyRecordsState, FILTER_DELAY_MS, PAGE_CAPACITY, PAGE_SIZE, SCROLL_DELAY_MS, useRecords } from '../../../renderer/src/stores/records';
import { fakeValidateBridge, record } from './validation-fixture';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const flush = () => act(async () => {});
const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  useRecords.getState().reset();
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  Reflect.deleteProperty(window, 'evidence');
});

const grid = () => container.querySelector<HTMLElement>('[role=grid]')!;
const rows = () => [...container.querySelectorAll<HTMLElement>('[role=rowgroup] + [role=rowgroup] [role=row]')];
const rowIndices = () => rows().map((r) => Number(r.dataset.index));
const press = (key: string) => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
const scrollTo = async (top: number) => {
  Object.defineProperty(grid(), 'scrollTop', { value: top, writable: true, configurable: true });
  act(() => void grid().dispatchEvent(new Event('scroll')));
  await wait(SCROLL_DELAY_MS + 30);
};
const setInput = (input: HTMLInputElement | HTMLSelectElement, value: string) =>
  act(() => {
    const proto = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });

describe('the records store', () => {
  it('counts, fetches pages by offset on demand, and keeps a bounded number of pages', async () => {
    const bridge = fakeValidateBridge({ total: 1_000_000 });
    await useRecords.getState().refresh();
    expect(bridge.of('countRecords')).toEqual([{}]);
    expect(bridge.of('queryRecords')).toEqual([{ offset: 0, limit: PAGE_SIZE }]);
    expect(useRecords.getState().total).toEqual({ status: 'ready', total: 1_000_000 });
    expect(useRecords.getState().lastQuery).toMatchObject({ ms: expect.any(Number) });

    await useRecords.getState().loadRange(500_000, 500_030);
    expect(bridge.of('queryRecords').at(-1)).toEqual({ offset: 500_000, limit: PAGE_SIZE });
    // Cached pages are not fetched again.
    await useRecords.getState().loadRange(500_010, 500_020);
    expect(bridge.of('queryRecords')).toHaveLength(2);

    for (let p = 0; p < PAGE_CAPACITY + 10; p++) await useRecords.getState().loadRange(p * PAGE_SIZE * 3, p * PAGE_SIZE * 3 + 1);
    expect(useRecords.getState().pages.size).toBe(PAGE_CAPACITY);
  });

  it('drops answers that arrive after the filters changed', async () => {
    const bridge = fakeValidateBridge({ total: 5000 });
    await useRecords.getState().refresh();
    bridge.hold(true);
    const late = useRecords.getState().loadRange(2000, 2010);
    useRecords.getState().setFilter('verdict', 'block');
    await flush();
    bridge.release();
    await late;
    await flush();
    bridge.release();
    await flush();
    const state = useRecords.getState();
    expect(state.query).toEqual({ verdict: 'block' });
    // The page fetched for the old filters is not in the new list's cache.
    expect([...state.pages.keys()]).toEqual([0]);
    expect(bridge.of('queryRecords').at(-1)).toEqual({ verdict: 'block', offset: 0, limit: PAGE_SIZE });
  });

  it('waits for a pause in typing before querying again, and says what is wrong with a time', async () => {
    const bridge = fakeValidateBridge({ total: 50 });
    await useRecords.getState().refresh();
    useRecords.getState().setFilter('text', 'p');
    useRecords.getState().setFilter('text', 'pi');
    useRecords.getState().setFilter('text', 'pii');
    await wait(FILTER_DELAY_MS / 2);
    expect(bridge.of('countRecords')).toHaveLength(1);
    await wait(FILTER_DELAY_MS);
    expect(bridge.of('countRecords')).toEqual([{}, { text: 'pii' }]);

    useRecords.getState().setFilter('fromInput', '2026-02-30T10:00');
    await useRecords.getState().applyFilters();
    expect(useRecords.getState().problems).toEqual({ fromInput: 'This is not a date and time.' });
    expect(bridge.of('countRecords')).toHaveLength(2);
    await useRecords.getState().clearFilters();
    expect(bridge.of('countRecords').at(-1)).toEqual({});
  });
});

describe('RecordsBrowser', () => {
  it('sizes the grid for a million rows and renders only the visible ones', async () => {
    fakeValidateBridge({ total: 1_000_000 });
    act(() => root.render(<RecordsBrowser verdicts={['allow', 'block']} />));
    await flush();
    expect(container.querySelector('[data-testid=records-count]')!.textContent).toBe('1,000,000 records');
    expect(container.querySelector('[data-testid=query-time]')!.textContent).toMatch(/last query took \d+ ms/);
    expect(grid().getAttribute('aria-rowcount')).toBe('1000001');
    const body = container.querySelectorAll<HTMLElement>('[role=rowgroup]')[1]!;
    expect(body.style.height).toBe('30000000px');
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(rows()[0]!.textContent).toContain(record(0).requestId!);
    expect(container.querySelector('[role=columnheader]')!.textContent).toBe('Time (UTC)');

    // Scroll to the middle: the rows there are fetched by offset and drawn, still few of them.
    await scrollTo(15_000_000);
    await flush();
    const shown = rowIndices();
    expect(shown.length).toBeLessThan(40);
    expect(Math.min(...shown.filter((i) => i !== 0))).toBeGreaterThan(490_000);
    const middle = rows().find((r) => Number(r.dataset.index) === Math.min(...shown.filter((i) => i !== 0)))!;
    expect(middle.textContent).toContain(record(Number(middle.dataset.index)).requestId!);
    expect(middle.getAttribute('aria-rowindex')).toBe(String(Number(middle.dataset.index) + 2));
  });

  it('moves the selection with the keyboard, opens the drawer with Enter and gives focus back on Escape', async () => {
    fakeValidateBridge({ total: 1000 });
    container.id = 'root';
    act(() => root.render(<RecordsBrowser verdicts={[]} />));
    await flush();
    const first = rows()[0]!;
    expect(first.tabIndex).toBe(0);
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
    act(() => first.focus());
    press('ArrowDown');
    expect(document.activeElement!.getAttribute('aria-rowindex')).toBe('3');
    expect(document.activeElement!.getAttribute('aria-selected')).toBe('true');
    press('PageDown');
    expect(Number((document.activeElement as HTMLElement).dataset.index)).toBeGreaterThan(5);
    press('End');
    await wait(SCROLL_DELAY_MS + 30);
    expect((document.activeElement as HTMLElement).dataset.index).toBe('999');
    press('Home');
    expect((document.activeElement as HTMLElement).dataset.index).toBe('0');
    press('ArrowDown');
    press('ArrowDown');

    press('Enter');
    const dialog = document.querySelector('[role=dialog]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // The drawer is over the app, which is out of reach meanwhile.
    expect(container.contains(dialog)).toBe(false);
    expect(container.hasAttribute('inert')).toBe(true);
    expect(dialog.querySelector('h2')!.textContent).toBe('Record 3 of 1,000');
    expect(document.activeElement!.textContent).toBe('Close');
    expect(dialog.textContent).toContain(record(2).requestId!);
    expect(dialog.querySelector('pre')!.textContent).toBe(JSON.stringify(JSON.parse(record(2).raw), null, 2));
    act(() => (dialog.querySelector('[aria-pressed]') as HTMLButtonElement).click());
    expect(dialog.querySelector('pre')!.textContent).toBe(record(2).raw);

    // Tab stays inside the drawer.
    const buttons = [...dialog.querySelectorAll<HTMLElement>('button, pre')];
    act(() => buttons.at(-1)!.focus());
    press('Tab');
    expect(document.activeElement!.textContent).toBe('Close');

    press('Escape');
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(container.hasAttribute('inert')).toBe(false);
    await wait(30);
    expect((document.activeElement as HTMLElement).dataset.index).toBe('2');
  });

  it('filters by request id, verdict and time, with labelled inputs', async () => {
    const bridge = fakeValidateBridge({ total: 1000 });
    act(() => root.render(<RecordsBrowser verdicts={['allow', 'block']} />));
    await flush();
    for (const input of container.querySelectorAll('input, select')) expect(container.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    expect([...container.querySelectorAll('#rec-verdict option')].map((o) => o.textContent)).toEqual(['Any verdict', 'allow', 'block']);

    setInput(container.querySelector<HTMLInputElement>('#rec-request-id')!, 'req_00002a');
    await wait(FILTER_DELAY_MS + 50);
    expect(bridge.of('countRecords').at(-1)).toEqual({ requestId: 'req_00002a' });
    expect(container.querySelector('[data-testid=records-count]')!.textContent).toBe('1 record matches the filters');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.textContent).toContain('req_00002a');

    setInput(container.querySelector<HTMLSelectElement>('#rec-verdict')!, 'block');
    await flush();
    expect(bridge.of('countRecords').at(-1)).toEqual({ requestId: 'req_00002a', verdict: 'block' });

    setInput(container.querySelector<HTMLInputElement>('#rec-from')!, '2026-03-20T10:00');
    expect(container.querySelector('#rec-from-local')!.textContent).toMatch(/^UTC — .+ local$/);
    setInput(container.querySelector<HTMLInputElement>('#rec-to')!, '2026-03-20T09:00');
    act(() => container.querySelector<HTMLButtonElement>('button[type=submit]')!.click());
    await flush();
    expect(container.querySelector('#rec-to')!.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#rec-to-error')!.textContent).toBe('The end must come after the start.');
  });

  it('says so when the cache is empty, and shows a failed count as an alert', async () => {
    fakeValidateBridge({ total: 0 });
    act(() => root.render(<RecordsBrowser verdicts={[]} />));
    await flush();
    expect(container.textContent).toContain('The cache holds no records yet');
    expect(container.querySelector('[role=grid]')).toBeNull();

    act(() => useRecords.setState({ ...emptyRecordsState(), total: { status: 'error', error: { code: 'not-implemented', message: 'Not yet.', hint: 'Later.' } } }));
    expect(container.querySelector('[role=alert]')!.textContent).toContain('Not yet.');
    expect(container.querySelector('[role=alert]')!.textContent).toContain('Later.');
  });

  it('keeps the row height the CSS uses', () => {
    expect(ROW_HEIGHT).toBe(32);
  });
});
