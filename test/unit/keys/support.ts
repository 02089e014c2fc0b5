import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { OsProtection } from '../../../electron/core/keys';

/** Runs the real `openssl` with `args` (and stdin); returns status and output. */
export function openssl(args: string[], input?: Buffer | string): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync('openssl', args, { input, maxBuffer: 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

/** Like openssl(), but fails the test when openssl does. */
export function opensslOk(args: string[], input?: Buffer | string): Buffer {
  const result = openssl(args, input);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A temp folder, removed by `cleanup`. */
export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-keys-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The base64 body of a PEM, joined: what must never show up in a message. */
export function pemBody(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

/** Fails if any of `secrets` (or a 16-character piece of one) appears anywhere in the error. */
export function expectNoSecrets(error: unknown, secrets: string[]): void {
  const e = error as { message?: string; hint?: string; details?: unknown; stack?: string };
  const text = [e.message, e.hint, JSON.stringify(e.details ?? null), e.stack, JSON.stringify(error)].join('\n');
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    for (let i = 0; i + 16 <= secret.length; i += 16) expect(text).not.toContain(secret.slice(i, i + 16));
  }
}

/** Runs `fn`, expecting it to throw; returns what it threw. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** A stand-in for Electron's safeStorage: AES-256-GCM under a random test key, with a switchable backend. */
export class FakeOsProtection implements OsProtection {
  readonly key = randomBytes(32);
  available = true;
  encryptCalls = 0;
  constructor(public backend = 'gnome_libsecret') {}

  isAvailable(): boolean {
    return this.available;
  }

  encrypt(plain: Buffer): Buffer {
    this.encryptCalls++;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(data: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
  }
}
