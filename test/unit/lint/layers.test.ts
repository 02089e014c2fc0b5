import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Runs the project's real ESLint config over one-line files placed in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rules', () => {
  it.each([
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['renderer/src/x.ts', "import fs from 'fs';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { createServices } from '../../electron/core/services';"],
    ['renderer/src/screens/x.tsx', "import { startSampleApi } from '../../../electron/sample-api/server';"],
    ['shared/x.ts', "import { createHash } from 'node:crypto';"],
    ['shared/x.ts', "import { App } from '../renderer/src/App';"],
    ['shared/bridge/x.ts', "import { AppError } from '../../electron/core/errors';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/core/bridge/x.ts', "import { safeStorage } from 'electron/main';"],
    ['electron/core/x.ts', "import { registerBridge } from '../main/ipc';"],
    ['electron/core/x.ts', "import { App } from '../../renderer/src/App';"],
    ['electron/sample-api/x.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/cli/x.ts', "import { app } from 'electron';"],
    ['electron/cli/commands/x.ts', "import { registerBridge } from '../../main/ipc';"],
    ['electron/main/x.ts', "import { App } from '../../renderer/src/App';"],
    ['electron/preload/x.ts', "import { join } from 'node:path';"],
  ])('refuses a wrong-layer import in %s: %s', async (file, code) => {
    expect((await restrictedImports(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/x.ts', "import { STEPS } from '../../shared/steps';"],
    ['renderer/src/x.ts', "import { subscribeToBridgeEvents } from './events';"],
    ['shared/x.ts', "import { EXPORT_TYPES } from './domain';"],
    ['electron/core/x.ts', "import { createHash } from 'node:crypto';"],
    ['electron/core/x.ts', "import { startSampleApi } from '../sample-api/server';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
  ])('allows a right-layer import in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
