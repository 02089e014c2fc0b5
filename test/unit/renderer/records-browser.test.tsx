import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { RecordsBrowser } from '../../../renderer/src/screens/validate/RecordsBrowser';
import { ROW_HEIGHT } from '../../../renderer/src/screens/validate/RecordsGrid';
import { emptyRecordsState, FILTER_DELAY_MS, PAGE_CAPACITY, PAGE_SIZE, SCROLL_DELAY_MS, useRecords } from '../../../renderer/src/stores/records';
import { flush, mountEachTest } from './bridge-double';
import { fakeValidateBridge, record } from './validation-fixture';

const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

const ui = mountEachTest();
beforeEach(() => {
  useRecords.getState().reset();
});

const grid = () => ui.container.querySelector<HTMLElement>('[role=grid]')!;
const rows = () => [...ui.container.querySelectorAll<HTMLElement>('[role=rowgroup] + [role=rowgroup] [role=row]')];
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
    expect(bridge.requests('countRecords')).toEqual([{}]);
    expect(bridge.requests('queryRecords')).toEqual([{ offset: 0, limit: PAGE_SIZE }]);
    expect(useRecords.getState().total).toEqual({ status: 'ready', total: 1_000_000 });
    expect(useRecords.getState().lastQuery).toMatchObject({ ms: expect.any(Number) });

    await useRecords.getState().loadRange(500_000, 500_030);
    expect(bridge.requests('queryRecords').at(-1)).toEqual({ offset: 500_000, limit: PAGE_SIZE });
    // Cached pages are not fetched again.
    await useRecords.getState().loadRange(500_010, 500_020);
    expect(bridge.requests('queryRecords')).toHaveLength(2);

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
    expect(bridge.requests('queryRecords').at(-1)).toEqual({ verdict: 'block', offset: 0, limit: PAGE_SIZE });
  });

  it('waits for a pause in typing before querying again, and says what is wrong with a time', async () => {
    const bridge = fakeValidateBridge({ total: 50 });
    await useRecords.getState().refresh();
    useRecords.getState().setFilter('text', 'p');
    useRecords.getState().setFilter('text', 'pi');
    useRecords.getState().setFilter('text', 'pii');
    await wait(FILTER_DELAY_MS / 2);
    expect(bridge.requests('countRecords')).toHaveLength(1);
    await wait(FILTER_DELAY_MS);
    expect(bridge.requests('countRecords')).toEqual([{}, { text: 'pii' }]);

    useRecords.getState().setFilter('fromInput', '2026-02-30T10:00');
    await useRecords.getState().applyFilters();
    expect(useRecords.getState().problems).toEqual({ fromInput: 'This is not a date and time.' });
    expect(bridge.requests('countRecords')).toHaveLength(2);
    await useRecords.getState().clearFilters();
    expect(bridge.requests('countRecords').at(-1)).toEqual({});
  });
});

describe('RecordsBrowser', () => {
  it('sizes the grid for a million rows and renders only the visible ones', async () => {
    fakeValidateBridge({ total: 1_000_000 });
    ui.render(<RecordsBrowser verdicts={['allow', 'block']} />);
    await flush();
    expect(ui.container.querySelector('[data-testid=records-count]')!.textContent).toBe('1,000,000 records');
    expect(ui.container.querySelector('[data-testid=query-time]')!.textContent).toMatch(/last query took \d+ ms/);
    expect(grid().getAttribute('aria-rowcount')).toBe('1000001');
    const body = ui.container.querySelectorAll<HTMLElement>('[role=rowgroup]')[1]!;
    expect(body.style.height).toBe('30000000px');
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(rows()[0]!.textContent).toContain(record(0).requestId!);
    expect(ui.container.querySelector('[role=columnheader]')!.textContent).toBe('Time (UTC)');

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
    ui.container.id = 'root';
    ui.render(<RecordsBrowser verdicts={[]} />);
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
    expect(ui.container.contains(dialog)).toBe(false);
    expect(ui.container.hasAttribute('inert')).toBe(true);
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
    expect(ui.container.hasAttribute('inert')).toBe(false);
    await wait(30);
    expect((document.activeElement as HTMLElement).dataset.index).toBe('2');
  });

  it('filters by request id, verdict and time, with labelled inputs', async () => {
    const bridge = fakeValidateBridge({ total: 1000 });
    ui.render(<RecordsBrowser verdicts={['allow', 'block']} />);
    await flush();
    for (const input of ui.container.querySelectorAll('input, select')) expect(ui.container.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    expect([...ui.container.querySelectorAll('#rec-verdict option')].map((o) => o.textContent)).toEqual(['Any verdict', 'allow', 'block']);

    setInput(ui.container.querySelector<HTMLInputElement>('#rec-request-id')!, 'req_00002a');
    await wait(FILTER_DELAY_MS + 50);
    expect(bridge.requests('countRecords').at(-1)).toEqual({ requestId: 'req_00002a' });
    expect(ui.container.querySelector('[data-testid=records-count]')!.textContent).toBe('1 record matches the filters');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.textContent).toContain('req_00002a');

    setInput(ui.container.querySelector<HTMLSelectElement>('#rec-verdict')!, 'block');
    await flush();
    expect(bridge.requests('countRecords').at(-1)).toEqual({ requestId: 'req_00002a', verdict: 'block' });

    setInput(ui.container.querySelector<HTMLInputElement>('#rec-from')!, '2026-03-20T10:00');
    expect(ui.container.querySelector('#rec-from-local')!.textContent).toMatch(/^UTC — .+ local$/);
    setInput(ui.container.querySelector<HTMLInputElement>('#rec-to')!, '2026-03-20T09:00');
    act(() => ui.container.querySelector<HTMLButtonElement>('button[type=submit]')!.click());
    await flush();
    expect(ui.container.querySelector('#rec-to')!.getAttribute('aria-invalid')).toBe('true');
    expect(ui.container.querySelector('#rec-to-error')!.textContent).toBe('The end must come after the start.');
  });

  it('says so when the cache is empty, and shows a failed count as an alert', async () => {
    fakeValidateBridge({ total: 0 });
    ui.render(<RecordsBrowser verdicts={[]} />);
    await flush();
    expect(ui.container.textContent).toContain('The cache holds no records yet');
    expect(ui.container.querySelector('[role=grid]')).toBeNull();

    act(() => useRecords.setState({ ...emptyRecordsState(), total: { status: 'error', error: { code: 'not-implemented', message: 'Not yet.', hint: 'Later.' } } }));
    expect(ui.container.querySelector('[role=alert]')!.textContent).toContain('Not yet.');
    expect(ui.container.querySelector('[role=alert]')!.textContent).toContain('Later.');
  });

  it('keeps the row height the CSS uses', () => {
    expect(ROW_HEIGHT).toBe(32);
  });
});
