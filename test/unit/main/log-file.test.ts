import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogFile, scrubLogText, type LogFs } from '../../../electron/main/log-file';

const TOKEN = 'kt_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGx0aGlzaXNub3RhcmVhbGtleWJ1dGxvb2tzbGlrZW9uZQ==\n-----END PRIVATE KEY-----';

describe('scrubLogText', () => {
  it.each([
    ['an API token', `check failed for ${TOKEN} at 10:00`, TOKEN],
    ['a bearer value', 'sent Authorization: Bearer abc.def-ghi_jkl', 'abc.def-ghi_jkl'],
    ['a PEM private key', `key was ${PEM} oops`, 'MC4CAQAw'],
    ['a presigned URL query', 'GET https://bucket.s3.amazonaws.com/job-1.csv?X-Amz-Credential=AKIA%2F&X-Amz-Signature=deadbeef failed', 'deadbeef'],
    ['a presigned URL query (credential in a later parameter)', 'https://storage.example/a.csv?expires=1&sig=abcdef123', 'abcdef123'],
    ['credentials in a URL', 'proxy https://ana:hunter2@proxy.example:8080/', 'hunter2'],
    ['a token field', '{"token":"s3cr3t-value","base":"https://api"}', 's3cr3t-value'],
  ])('removes %s', (_label, text, secret) => {
    const clean = scrubLogText(text);
    expect(clean).not.toContain(secret);
    expect(clean).toContain('redacted');
  });

  it('leaves ordinary lines, paths and URLs alone', () => {
    for (const line of ['[bridge] pack failed: ENOSPC /home/ana/Evidence/evidence-INC-1.zip', 'GET https://api.keeptrusts.com/v1/events?from=2026-01-01&design=x 200']) {
      expect(scrubLogText(line)).toBe(line);
    }
  });
});

describe('the log file', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'log-file-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes scrubbed, timestamped lines to main.log, details and errors included', async () => {
    const log = createLogFile({ dir: join(dir, 'logs'), console: null, now: () => new Date('2026-03-20T10:30:00Z') });
    log.error('[bridge] checkWorkspace failed:', new Error(`401 for ${TOKEN}`));
    log.info('started', { workspaces: 2 });
    const text = await readFile(join(dir, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/^2026-03-20T10:30:00.000Z ERROR \[bridge\] checkWorkspace failed: Error: 401 for \[redacted token\]/);
    expect(text).toContain('INFO  started { workspaces: 2 }');
    expect(text).not.toContain(TOKEN);
    expect(log.path).toBe(join(dir, 'logs', 'main.log'));
  });

  it('rotates at the size limit and keeps three old files', async () => {
    const log = createLogFile({ dir, console: null, maxBytes: 200 });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const file of files) expect((await readFile(join(dir, file))).length).toBeLessThanOrEqual(200);
    expect(await readFile(join(dir, 'main.log'), 'utf8')).toContain('line 39');
    expect(await readFile(join(dir, 'main.1.log'), 'utf8')).not.toContain('line 39');
  });

  it('never throws when the disk write fails, and still writes to the console (scrubbed)', () => {
    const broken: LogFs = {
      append: () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
      size: () => 10_000_000,
      rename: () => {
        throw new Error('EACCES');
      },
      remove: () => {
        throw new Error('EACCES');
      },
      mkdir: () => {
        throw new Error('EROFS');
      },
    };
    const seen: string[] = [];
    const log = createLogFile({ dir, fs: broken, console: { error: (t) => void seen.push(t), log: (t) => void seen.push(t) } });
    expect(() => log.error('boom', TOKEN)).not.toThrow();
    expect(() => log.warn('again', { circular: globalThis })).not.toThrow();
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toContain(TOKEN);
  });
});
