import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { replaceFileAtomically } from '../core/fs/atomic';

/** Where and how big the main window was, as saved in userData/window-state.json. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as Electron's screen module describes it (only the work area is used). */
export interface DisplayLike {
  workArea: Rect;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 640 } as const;
export const WINDOW_STATE_FILE = 'window-state.json';
/** How much of the title bar must lie on a display for a saved position to be kept. */
const VISIBLE_MARGIN = 64;

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e6;
}

/** The saved state from untrusted JSON text, or null when it is not one (corrupt, truncated, edited). */
export function parseWindowState(text: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width) || !isInt(v.height) || v.width <= 0 || v.height <= 0) return null;
  const state: WindowState = { width: Math.round(v.width), height: Math.round(v.height), maximized: v.maximized === true };
  if (isInt(v.x) && isInt(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved state made to fit the displays there are now: at least the minimum size, no bigger than the
 * work area it lands on, and a position only when the window's top strip is on a display (a monitor
 * unplugged since, a resolution changed); otherwise no position, so the OS centres it on the primary display.
 */
export function fitToDisplays(state: WindowState, displays: readonly DisplayLike[], min = MIN_WINDOW_SIZE): WindowState {
  const areas = displays.map((d) => d.workArea).filter((a) => a.width > 0 && a.height > 0);
  const primary = areas[0];
  const width = Math.max(min.width, state.width);
  const height = Math.max(min.height, state.height);
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x !== undefined && state.y !== undefined) {
    const titleBar: Rect = { x: state.x, y: state.y, width, height: Math.min(VISIBLE_MARGIN, height) };
    const home = areas.find((area) => {
      const o = overlap(titleBar, area);
      return o.width >= Math.min(VISIBLE_MARGIN, width) && o.height > 0;
    });
    if (home) {
      fitted.width = Math.max(min.width, Math.min(width, home.width));
      fitted.height = Math.max(min.height, Math.min(height, home.height));
      // Keep it inside the work area where it fits (the title bar never above the top edge).
      fitted.x = Math.min(Math.max(state.x, home.x), Math.max(home.x, home.x + home.width - fitted.width));
      fitted.y = Math.min(Math.max(state.y, home.y), Math.max(home.y, home.y + home.height - fitted.height));
      return fitted;
    }
  }
  if (primary) {
    fitted.width = Math.max(min.width, Math.min(width, primary.width));
    fitted.height = Math.max(min.height, Math.min(height, primary.height));
  }
  return fitted;
}

/** The file system calls the store uses (a fake in tests). */
export interface WindowStateFs {
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
}

export const nodeWindowStateFs: WindowStateFs = {
  read: (path) => readFile(path, 'utf8'),
  write: async (path, text) => {
    await mkdir(dirname(path), { recursive: true });
    await replaceFileAtomically(path, Buffer.from(text, 'utf8'), 0o600);
  },
};

/** Loads the saved state; a missing or corrupt file gives the defaults (never throws). */
export async function loadWindowState(path: string, fs: WindowStateFs = nodeWindowStateFs): Promise<WindowState> {
  try {
    return parseWindowState(await fs.read(path)) ?? { ...DEFAULT_WINDOW_STATE };
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** The parts of a BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export interface TrackOptions {
  path: string;
  fs?: WindowStateFs;
  delayMs?: number;
  /** Reports a failed save (the state is a convenience: a failure changes nothing else). */
  onError?: (error: unknown) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Saves the window's state a moment after it moves or resizes (debounced), and at once when it closes.
 * The normal (unmaximized) bounds are kept, so un-maximizing next time gives the size the user chose.
 * Returns `flush`, which saves now if anything is pending and resolves when the write ends.
 */
export function trackWindowState(win: TrackedWindow, options: TrackOptions): { flush(): Promise<void> } {
  const fs = options.fs ?? nodeWindowStateFs;
  const delay = options.delayMs ?? 500;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let last: WindowState | null = null;
  let writing: Promise<void> = Promise.resolve();

  const snapshot = () => {
    if (win.isDestroyed()) return;
    const { x, y, width, height } = win.getNormalBounds();
    last = { x, y, width, height, maximized: win.isMaximized() };
  };
  const save = (): Promise<void> => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!last) return writing;
    const text = `${JSON.stringify(last)}\n`;
    last = null;
    // One write at a time, in order: the last one wins.
    writing = writing.then(() => fs.write(options.path, text)).catch((error: unknown) => options.onError?.(error));
    return writing;
  };
  const later = () => {
    snapshot();
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => void save(), delay);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', () => {
    snapshot();
    void save();
  });
  return { flush: save };
}
