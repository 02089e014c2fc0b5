import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  trackWindowState,
  type Rect,
  type TrackedWindow,
  type WindowStateFs,
} from '../../../electron/main/window-state';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const external = { workArea: { x: 1440, y: 0, width: 2560, height: 1415 } };

describe('window state: reading', () => {
  it('reads a saved state and ignores what is not one', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1200,"height":800,"maximized":true}')).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(parseWindowState('{"width":1200.4,"height":800}')).toEqual({ width: 1200, height: 800, maximized: false });
    for (const bad of ['', '{', 'null', '[]', '{"width":"1200","height":800}', '{"width":-5,"height":800}', '{"width":1e308,"height":800}', '{"width":1200}']) {
      expect(parseWindowState(bad)).toBeNull();
    }
    // A position needs both coordinates.
    expect(parseWindowState('{"x":10,"width":1200,"height":800}')).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('gives the defaults for a missing or corrupt file, never throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'window-state-'));
    try {
      expect(await loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
      await writeFile(join(dir, 'corrupt.json'), '{"width": 12');
      expect(await loadWindowState(join(dir, 'corrupt.json'))).toEqual(DEFAULT_WINDOW_STATE);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('window state: fitting to the displays there are', () => {
  it('keeps a position that is on a display', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1400, height: 900, maximized: false }, [laptop, external])).toEqual({ x: 1600, y: 100, width: 1400, height: 900, maximized: false });
  });

  it('drops a position on a display that is gone (the OS centres the window), keeping the size within the primary', () => {
    expect(fitToDisplays({ x: 2000, y: 100, width: 2400, height: 1300, maximized: true }, [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('enforces the minimum size, and shrinks a window larger than its display', () => {
    expect(fitToDisplays({ x: 100, y: 100, width: 200, height: 100, maximized: false }, [laptop])).toMatchObject({ width: 960, height: 640 });
    expect(fitToDisplays({ x: 0, y: 25, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: false });
  });

  it('pulls a window that hangs off an edge back inside, title bar below the top', () => {
    const fitted = fitToDisplays({ x: 1000, y: -10, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(fitted).toEqual({ x: 440, y: 25, width: 1000, height: 700, maximized: false });
  });

  it('without displays, keeps only a size', () => {
    expect(fitToDisplays({ x: 5, y: 5, width: 1000, height: 700, maximized: false }, [])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

class FakeWindow implements TrackedWindow {
  bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 };
  maximized = false;
  destroyed = false;
  readonly listeners = new Map<string, (() => void)[]>();
  getNormalBounds = () => this.bounds;
  isMaximized = () => this.maximized;
  isDestroyed = () => this.destroyed;
  on(event: string, listener: () => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  fire(event: string) {
    for (const l of this.listeners.get(event) ?? []) l();
  }
}

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (fn: () => void) => {
      pending.set(next, fn);
      return next++;
    },
    clearTimer: (t: unknown) => void pending.delete(t as number),
    runAll: () => {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((fn) => fn());
    },
    get count() {
      return pending.size;
    },
  };
}

describe('window state: saving', () => {
  it('saves once after a burst of moves and resizes (debounced), with the normal bounds', async () => {
    const writes: string[] = [];
    const fs: WindowStateFs = { read: async () => '', write: async (_p, text) => void writes.push(text) };
    const timers = fakeTimers();
    const win = new FakeWindow();
    const tracker = trackWindowState(win, { path: '/u/window-state.json', fs, ...timers });
    win.fire('move');
    win.bounds = { x: 30, y: 40, width: 1100, height: 750 };
    win.fire('resize');
    win.maximized = true;
    win.fire('maximize');
    expect(timers.count).toBe(1);
    expect(writes).toEqual([]);
    timers.runAll();
    await tracker.flush();
    expect(writes.map((w) => JSON.parse(w) as unknown)).toEqual([{ x: 30, y: 40, width: 1100, height: 750, maximized: true }]);
  });

  it('saves at once on close, and a failed write is reported, not thrown', async () => {
    const errors: unknown[] = [];
    const fs: WindowStateFs = { read: async () => '', write: async () => Promise.reject(new Error('EROFS')) };
    const win = new FakeWindow();
    const tracker = trackWindowState(win, { path: '/u/window-state.json', fs, ...fakeTimers(), onError: (e) => errors.push(e) });
    win.fire('close');
    await tracker.flush();
    expect(errors).toHaveLength(1);
  });

  it('writes the file atomically where it can be read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'window-state-'));
    try {
      const path = join(dir, 'sub', 'window-state.json');
      const win = new FakeWindow();
      const tracker = trackWindowState(win, { path, ...fakeTimers() });
      win.fire('close');
      await tracker.flush();
      expect(await loadWindowState(path)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ width: 1000 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
