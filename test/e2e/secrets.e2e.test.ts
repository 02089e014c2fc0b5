import { randomBytes, randomInt } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { importPrivateKeyPem, publicKeyPem } from '../../electron/core/keys';
import { startSampleApi, type SampleApi } from '../../electron/sample-api/server';
import { launchChromium } from '../support/browser';
import { FakeOsProtection } from '../unit/keys/support';
import { startTestHost, type TestHost } from './host/server';
import { collectConsoleProblems, openStep, openShell, type Shell } from './shell';

/**
 * The secrets never land anywhere but where they belong. A Keeptrusts workspace with a distinctive
 * token is driven through the whole path in the UI (workspace, scope, pull, validate, note, a signing
 * key under a passphrase, pack, verify); then every file the host wrote (cache: SQLite, WAL, SHM, pulled
 * files; keys; secrets; packets, and every entry inside each packet zip), everything printed in this
 * process (the test host's and the sample API's logs) and the page's console are searched for the token,
 * the passphrase, the Authorization header and the private key, in the encodings they could leak in.
 *
 * The token store with an OS keyring is covered by test/unit/workspaces/secret-store.test.ts (an
 * encrypted 0600 file that never holds the token); the last test here checks the same end to end.
 */

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN = `kt_live_${Array.from({ length: 40 }, () => BASE62[randomInt(62)]).join('')}`;
const PASSPHRASE = `secrets scan ${randomBytes(9).toString('base64url')}`;
const WORKSPACE = 'Secrets scan workspace';

/** A needle: what it is (for the report) and the bytes to look for. */
interface Needle {
  what: string;
  bytes: Buffer;
}

/** The token, in every encoding it could leak in, and 16-character pieces of its random part. */
function tokenNeedles(token: string, label = 'token'): Needle[] {
  const needles: Needle[] = [
    { what: `${label} (raw)`, bytes: Buffer.from(token) },
    { what: `${label} (base64)`, bytes: Buffer.from(Buffer.from(token).toString('base64')) },
    { what: `${label} (base64url)`, bytes: Buffer.from(Buffer.from(token).toString('base64url')) },
    { what: `${label} (hex)`, bytes: Buffer.from(Buffer.from(token).toString('hex')) },
    { what: `${label} (HEX)`, bytes: Buffer.from(Buffer.from(token).toString('hex').toUpperCase()) },
    { what: `${label} (URL-encoded)`, bytes: Buffer.from(encodeURIComponent(token)) },
    { what: `${label} (UTF-16)`, bytes: Buffer.from(token, 'utf16le') },
    { what: `${label} (Authorization header)`, bytes: Buffer.from(`Bearer ${token}`) },
  ];
  const random = token.slice('kt_live_'.length);
  for (let i = 0; i + 16 <= random.length; i += 8) needles.push({ what: `${label} (piece ${i})`, bytes: Buffer.from(random.slice(i, i + 16)) });
  return needles;
}

/** A file (or zip entry) and its bytes. */
interface Haystack {
  where: string;
  bytes: Buffer;
}

/** Every file under `dir`, recursively (a missing folder holds none). */
async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Every entry of a zip, decompressed. */
function zipEntries(path: string): Promise<Haystack[]> {
  return new Promise((done, fail) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return fail(error ?? new Error('no zip'));
      const found: Haystack[] = [];
      zip.on('error', fail);
      zip.on('end', () => done(found));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            found.push({ where: `${path} ▸ ${entry.fileName}`, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Every file under `dirs`, and every entry inside each .zip among them. */
async function haystacks(dirs: string[]): Promise<Haystack[]> {
  const all: Haystack[] = [];
  for (const dir of dirs) {
    for (const path of await filesUnder(dir)) {
      all.push({ where: path, bytes: await readFile(path) });
      if (path.endsWith('.zip')) all.push(...(await zipEntries(path)));
    }
  }
  return all;
}

/** "<needle> in <where>" for every needle found in any haystack. */
function hits(stacks: Haystack[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const stack of stacks) for (const needle of needles) if (stack.bytes.includes(needle.bytes)) found.push(`${needle.what} in ${stack.where}`);
  return found;
}

/** Records everything this process prints (console and the raw streams), still printing it. */
function captureOutput(into: string[]): () => void {
  const restore: (() => void)[] = [];
  // Every console method, whatever the lint rule allows the code itself to call.
  const methods = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const original = methods[level]!;
    methods[level] = (...args: unknown[]) => {
      into.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack ?? ''}\n${JSON.stringify(a)}` : JSON.stringify(a))).join(' '));
      original.apply(console, args);
    };
    restore.push(() => (methods[level] = original));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original));
  }
  return () => restore.forEach((r) => r());
}

describe('no token, passphrase or private key where it does not belong, after the whole path through the UI', () => {
  const printed: string[] = [];
  const pageConsole: string[] = [];
  const consoleProblems: string[] = [];
  let stopCapture = () => {};
  let shell: Shell;
  let host: TestHost;
  let page: Page;
  let api: SampleApi;
  let packetPath = '';

  beforeAll(async () => {
    stopCapture = captureOutput(printed);
    api = await startSampleApi({ token: TOKEN, log: (line) => printed.push(`[sample-api] ${line}`) });
    shell = await openShell(consoleProblems);
    ({ host, page } = shell);
    page.on('console', (message) => pageConsole.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => pageConsole.push(`[pageerror] ${error.message}\n${error.stack ?? ''}`));
  });

  afterAll(async () => {
    stopCapture();
    await shell?.browser.close();
    await shell?.host.close();
    await api?.close();
  });

  it('adds a Keeptrusts workspace with the token, checks it and works in it', async () => {
    await page.locator('#ws-name').fill(WORKSPACE);
    await page.locator('#ws-url').fill(api.url);
    await page.locator('#ws-token').fill(TOKEN);
    await page.locator('form.ws-form').getByRole('button', { name: 'Check connection', exact: true }).click();
    await expect.poll(() => page.getByTestId('check-draft').textContent(), { timeout: 15_000 }).toContain('Connection OK.');
    await page.getByRole('button', { name: 'Add workspace' }).click();
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toContain(`Added “${WORKSPACE}”.`);
    await expect(page.locator('#ws-token').inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: `Work in “${WORKSPACE}”` }).click();
    await expect.poll(() => page.getByTestId('workspace-status').textContent(), { timeout: 10_000 }).toBe(`Now working in “${WORKSPACE}”.`);
    expect(await page.locator('body').textContent()).not.toContain(TOKEN);
  });

  it('scopes, pulls and validates through the new workspace', async () => {
    await openStep(page, 'Scope');
    await page.getByLabel('Last 24 hours').check();
    await page.locator('#scope-why').fill('Secrets scan: the whole path against a second API.');
    await openStep(page, 'Pull');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('button', { name: 'Pull 2 exports' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Pull 2 exports' }).click();
    await expect.poll(() => page.getByTestId('pull-summary').textContent(), { timeout: 60_000 }).toBe('Pull finished: 2 pulled.');
    await openStep(page, 'Validate');
    await page.getByRole('button', { name: 'Validate now' }).click();
    await expect
      .poll(() => page.getByTestId('validation-overall').getByRole('heading', { level: 2 }).textContent(), { timeout: 60_000 })
      .toMatch(/^(✓ Pass|! Warning|✗ Fail) — /);
  });

  it('writes the note, creates the signing key under a passphrase, packs and verifies', async () => {
    await openStep(page, 'Note');
    await page.getByLabel('Your name').fill('Sam Secrets');
    await expect.poll(() => page.getByTestId('note-preview').textContent(), { timeout: 10_000 }).toContain('Sam Secrets');
    await page.getByRole('button', { name: 'Continue to Packet' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Packet');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create the signing key' }).click();
    await page.getByTestId('key-fingerprint').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Choose folder and write packet' }).click();
    await page.getByTestId('pack-result').waitFor({ timeout: 60_000 });
    packetPath = (await page.getByTestId('pack-path').textContent()) ?? '';
    expect(packetPath.startsWith(host.packetsDir)).toBe(true);
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => page.getByTestId('pack-verdict').textContent(), { timeout: 30_000 }).toMatch(/Valid —/);
  });

  it('finds neither the token, the passphrase nor the private key in any file, zip entry, log or console line', async () => {
    // The private key in the clear, opened here with the passphrase, in every form it could leak in.
    const keyFile = join(host.keysDir, 'signing-key.pem');
    const key = importPrivateKeyPem(await readFile(keyFile, 'utf8'), PASSPHRASE);
    const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    const seed = der.subarray(der.length - 32);
    expect(Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url').equals(seed)).toBe(true);
    const pemBody = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const needles: Needle[] = [
      ...tokenNeedles(TOKEN),
      { what: 'passphrase', bytes: Buffer.from(PASSPHRASE) },
      { what: 'passphrase (base64)', bytes: Buffer.from(Buffer.from(PASSPHRASE).toString('base64')) },
      { what: 'passphrase (URL-encoded)', bytes: Buffer.from(encodeURIComponent(PASSPHRASE)) },
      { what: 'private key (PEM body)', bytes: Buffer.from(pemBody) },
      { what: 'private key (PEM first line)', bytes: Buffer.from(pemBody.slice(0, 64)) },
      { what: 'private key (DER)', bytes: der },
      { what: 'private key (DER base64)', bytes: Buffer.from(der.toString('base64')) },
      { what: 'private key seed (raw)', bytes: seed },
      { what: 'private key seed (hex)', bytes: Buffer.from(seed.toString('hex')) },
      { what: 'private key seed (base64)', bytes: Buffer.from(seed.toString('base64')) },
      { what: 'private key seed (base64url)', bytes: Buffer.from(seed.toString('base64url')) },
    ];

    const dirs = [host.cacheDir, host.keysDir, join(host.workDir, 'secrets'), host.packetsDir];
    // The scan really looks: a planted file inside the scanned tree is found, and the packet's entries are read.
    const planted = join(host.cacheDir, 'planted-by-the-secrets-test.txt');
    await writeFile(planted, `x ${Buffer.from(TOKEN).toString('base64')} y`);
    try {
      const found = hits(await haystacks(dirs), needles);
      expect(found).toContain(`token (base64) in ${planted}`);
      expect(found.every((hit) => hit.endsWith(` in ${planted}`))).toBe(true);
    } finally {
      await rm(planted);
    }

    const stacks = await haystacks(dirs);
    const names = stacks.map((s) => s.where);
    // What the scan covered: the SQLite database (and its WAL while open), the pulled files, the key, the packet and its entries.
    expect(names.some((n) => n.endsWith('.sqlite') || n.endsWith('.db'))).toBe(true);
    expect(names).toContain(keyFile);
    expect(names).toContain(packetPath);
    const packetEntries = stacks.filter((s) => s.where.startsWith(`${packetPath} ▸ `));
    expect(packetEntries.length).toBeGreaterThan(5);
    // The signer's public key is in the packet, and the scan sees it inside the zip (the zip reader works).
    const publicBody = publicKeyPem(key).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    expect(hits(packetEntries, [{ what: 'public key', bytes: Buffer.from(publicBody) }]).length).toBeGreaterThan(0);
    // The pulled files are there (the cache held what the API sent).
    expect((await Promise.all(stacks.map((s) => s.bytes.length))).reduce((a, b) => a + b, 0)).toBeGreaterThan(10_000);

    const logs: Haystack[] = [
      { where: 'this process’s output (test host, sample API)', bytes: Buffer.from(printed.join('\n')) },
      { where: 'the page’s console', bytes: Buffer.from(pageConsole.join('\n')) },
    ];
    // The pull went to the second API (its log has the export jobs), so its token was really used.
    expect(printed.some((line) => line.startsWith('[sample-api] ') && line.includes('/v1/exports/jobs'))).toBe(true);
    expect(hits([...stacks, ...logs], needles)).toEqual([]);
    expect((await stat(packetPath)).size).toBeGreaterThan(0);
  });

  it('ran with no console errors or warnings', () => {
    expect(consoleProblems, consoleProblems.join('\n')).toEqual([]);
  });
});

describe('with an OS keyring, the stored token file holds the token only encrypted', () => {
  // See test/unit/workspaces/secret-store.test.ts for the store itself; this is the same end to end, through the UI.
  it('keeps the token in secrets/ encrypted by the keyring, and nowhere in the clear', async () => {
    const os = new FakeOsProtection();
    const token = `kt_live_${Array.from({ length: 40 }, () => BASE62[randomInt(62)]).join('')}`;
    const api = await startSampleApi({ token });
    const host = await startTestHost({ rendererDir: resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer'), os });
    const browser = await launchChromium();
    try {
      const problems: string[] = [];
      const page = await browser.context.newPage();
      collectConsoleProblems(page, problems);
      await page.goto(host.url);
      await page.getByTestId('app-info').waitFor();
      await page.locator('#ws-name').fill('Keyring workspace');
      await page.locator('#ws-url').fill(api.url);
      await page.locator('#ws-token').fill(token);
      await page.getByRole('button', { name: 'Add workspace' }).click();
      await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toContain('Added “Keyring workspace”.');
      const card = page.locator('li[data-testid^="workspace-"]', { hasText: 'Keyring workspace' });
      await expect(card.getByTestId('token').textContent()).resolves.not.toContain('session only');

      const secrets = await filesUnder(join(host.workDir, 'secrets'));
      expect(secrets).toHaveLength(1);
      expect(os.encryptCalls).toBeGreaterThan(0);
      const stacks = await haystacks([host.cacheDir, join(host.workDir, 'secrets'), host.keysDir, host.packetsDir]);
      expect(hits(stacks, tokenNeedles(token))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await host.close();
      await api.close();
    }
  });
});
