import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// Reads electron-builder.yml as electron-builder does and checks it offline: electron-builder's own schema
// validation (app-builder-lib's validateConfiguration, over its scheme.json), then what the release needs.
const root = resolve(import.meta.dirname, '../../..');
type Config = Record<string, unknown> & {
  electronFuses: Record<string, unknown>;
  linux: { target: unknown; icon: string; maintainer?: string };
  mac: { target: unknown; icon: string; entitlements: string; entitlementsInherit: string };
  win: { target: unknown; icon: string };
  files: string[];
  asarUnpack: string[];
};
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// app-builder-lib is electron-builder's own library; reach it through electron-builder's resolution.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => {} };
const clone = (): Config => structuredClone(config);

/** Target names of a platform's `target` (a string, a list of strings, or {target, arch} objects). */
function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    await expect(validateConfiguration(clone(), quietLogger)).resolves.toBeUndefined();
  });

  it('fails that validation for an unknown key, a misspelt fuse or a wrong type', async () => {
    const unknownKey = { ...clone(), asarUnpak: ['**/*.node'] };
    await expect(validateConfiguration(unknownKey, quietLogger)).rejects.toThrow(/unknown property 'asarUnpak'/);
    const badFuse = clone();
    badFuse.electronFuses = { ...badFuse.electronFuses, runAsNod: false };
    await expect(validateConfiguration(badFuse, quietLogger)).rejects.toThrow(/Invalid configuration object/);
    const badType = { ...clone(), asar: 'yes' };
    await expect(validateConfiguration(badType, quietLogger)).rejects.toThrow(/Invalid configuration object/);
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or inspect flags; asar integrity, asar only, cookie encryption', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the app into asar with better-sqlite3 unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('ships what the packaged main process loads', () => {
    expect(pkg.main).toBe('dist/main/index.cjs');
    for (const path of ['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'package.json']) expect(config.files).toContain(path);
    // Nothing excludes node_modules: better-sqlite3 (external to the bundle) and its runtime dependencies
    // are copied as production dependencies.
    expect(config.files.filter((p) => p.startsWith('!') && p.includes('node_modules'))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toContain('better-sqlite3');
    const sqlite = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(sqlite.dependencies)).toContain('bindings');
    const buildScript = readFileSync(join(root, 'scripts/build-electron.mjs'), 'utf8');
    expect(buildScript).toMatch(/external: \['electron', 'better-sqlite3'\]/);
  });

  it('has the app id, product name and targets: AppImage and deb, a dmg per mac arch, NSIS', () => {
    expect(config.appId).toBe('com.keeptrusts.evidence-packager');
    expect(config.productName).toBe('Evidence Packager');
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>$/); // deb needs a maintainer with an e-mail
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(config).not.toHaveProperty('fileAssociations');
  });

  it('has its icons and entitlements on disk', () => {
    for (const file of [config.linux.icon, config.mac.icon, config.win.icon, config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    const png = readFileSync(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width: electron-builder wants 512x512 for mac
  });

  it('rebuilds native modules only when packaging, never on install', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts).not.toHaveProperty(hook);
    expect(config.npmRebuild).toBe(false); // scripts/dist.mjs does it once, explicitly
    expect(pkg.scripts.dist).toBe('npm run build && node scripts/dist.mjs');
    const plan = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts/dist.mjs'), '--print-plan', '--linux', 'dir'], { encoding: 'utf8' })) as { step: string; command?: string[] }[];
    expect(plan.map((s) => s.step)).toEqual(['keep-node-build', 'rebuild-native-for-electron', 'package', 'restore-node-build']);
    expect(plan[1]!.command).toEqual(['electron-builder', 'install-app-deps']);
    expect(plan[2]!.command).toEqual(['electron-builder', '--config', 'electron-builder.yml', '--linux', 'dir']);
  });

  it('pins the packaging tools exactly', () => {
    for (const name of ['electron', 'electron-builder', '@electron/rebuild']) expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
