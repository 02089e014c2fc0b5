import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../../renderer/src/lib/debounce';

afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('runs once after calls pause, with the last arguments; cancel and flush', () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 100);
    d(1);
    d(2);
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([]);
    d(3);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([3]);
    d(4);
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual([3]);
    d(5);
    d.flush();
    expect(calls).toEqual([3, 5]);
    d.flush();
    expect(calls).toEqual([3, 5]);
  });
});
