import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacket, type VerificationResult, type VerifyLimits } from '../../../electron/core/packet/verify';
import { TOP, TRACES, b64, bagEntries, localEntry, makeBag, tempDir, unicodePathField, writeZips, type ZipEntrySpec, type ZipSpec } from './support';

const HERE = dirname(fileURLToPath(import.meta.url));
/** In every name that would land outside the bag if extracted: searched for afterwards. */
const TOKEN = `pwned-${randomBytes(6).toString('hex')}`;
const bag = makeBag();
const NOTE = `${TOP}/data/NOTE.md`;
const MiB = 1024 * 1024;

interface Hostile {
  name: string;
  entries(): ZipEntrySpec[];
  junk?: (entries: ZipEntrySpec[]) => ZipSpec['junk_after'];
  patches?: (entries: ZipEntrySpec[]) => ZipSpec['patches'];
  limits?: Partial<VerifyLimits>;
  /** The finding's file (null for the zip as a whole) and what its message says. */
  file: string | null;
  message: RegExp;
  /** Caught only while streaming (a size that lies consistently): content was read, but nothing written. */
  whileReading?: boolean;
}

const withEntries = (...extra: ZipEntrySpec[]) => () => [...bagEntries(bag), ...extra];
const file = (name: string, text = 'x\n'): ZipEntrySpec => ({ name, data_b64: b64(text) });
const at = (entries: ZipEntrySpec[], name: string) => entries.findIndex((e) => e.name === name);

const HOSTILE: Hostile[] = [
  { name: 'a zip-slip path inside the bag folder', entries: withEntries(file(`${TOP}/../../${TOKEN}.txt`)), file: `../../${TOKEN}.txt`, message: /"\.\." segment/ },
  { name: 'a zip-slip path at the top', entries: withEntries(file(`../${TOKEN}.txt`)), file: `../${TOKEN}.txt`, message: /"\.\." segment/ },
  { name: 'an absolute path', entries: withEntries(file(`/tmp/${TOKEN}.txt`)), file: `/tmp/${TOKEN}.txt`, message: /absolute path/ },
  { name: 'a drive letter', entries: withEntries(file(`C:/${TOKEN}.txt`)), file: `C:/${TOKEN}.txt`, message: /drive letter/ },
  { name: 'backslash separators', entries: withEntries(file(`${TOP}\\..\\..\\${TOKEN}.txt`)), file: `${TOP}\\..\\..\\${TOKEN}.txt`, message: /backslash/ },
  { name: 'a symlink entry', entries: withEntries({ ...file(`${TOP}/data/link`, '/etc/passwd'), external_attr: 0o120777 * 0x10000 }), file: 'data/link', message: /symbolic link/ },
  { name: 'a FIFO entry', entries: withEntries({ ...file(`${TOP}/data/fifo`), external_attr: 0o010644 * 0x10000 }), file: 'data/fifo', message: /special file/ },
  { name: 'a Windows reparse point', entries: withEntries({ ...file(`${TOP}/data/junction`), create_system: 0, external_attr: 0x400 }), file: 'data/junction', message: /reparse point/ },
  { name: 'a duplicate name', entries: withEntries(file(NOTE, 'the other note\n')), file: 'data/NOTE.md', message: /appears 2 times/ },
  { name: 'names equal but for letter case', entries: withEntries(file(`${TOP}/data/note.md`)), file: 'data/note.md', message: /same name on macOS and Windows/ },
  { name: 'names equal but for Unicode form (NFD)', entries: withEntries(file(`${TOP}/${TRACES.normalize('NFD')}`)), file: TRACES.normalize('NFD'), message: /same name on macOS and Windows/ },
  { name: 'names equal once Windows strips a trailing dot', entries: withEntries(file(`${TOP}/data/NOTE.md.`)), file: 'data/NOTE.md.', message: /ends in a space or a dot/ },
  { name: 'a file that is also a folder', entries: withEntries(file(`${TOP}/data/NOTE.md/inside.txt`)), file: 'data/NOTE.md', message: /other entries are inside a folder of that name/ },
  { name: 'a zip bomb by ratio', entries: withEntries({ name: `${TOP}/data/exports/zeros.csv`, zeros: 8 * MiB }), file: 'data/exports/zeros.csv', message: /zip bomb by ratio/ },
  {
    name: 'a zip bomb by ratio, spread over entries each too small for the per-entry limit',
    entries: withEntries(...Array.from({ length: 40 }, (_, i) => ({ name: `${TOP}/data/exports/part-${i}.csv`, zeros: 60 * 1024 }))),
    limits: { ratioMinBytes: 64 * 1024, maxRatio: 50 },
    file: null,
    message: /expands [\d,]+:1 in all/,
  },
  { name: 'a zip bomb by entry count (20,000 tiny entries)', entries: withEntries({ name: `${TOP}/data/f`, many: 20_000 }), file: null, message: /20,0\d\d entries, more than the 10,000 allowed/ },
  { name: 'a zip bomb by total size (over the limit)', entries: withEntries(), limits: { maxTotalBytes: 4096 }, file: null, message: /zip bomb by size/ },
  {
    name: 'a declared size that lies (central directory only)',
    entries: withEntries(),
    patches: (e) => [{ entry: at(e, NOTE), where: 'central', field: 'uncompressed_size', value: 7 }],
    file: 'data/NOTE.md',
    message: /local header declares .* the central directory 7 bytes/,
  },
  {
    name: 'a declared size that lies low, in both headers',
    entries: withEntries(),
    patches: (e) => [{ entry: at(e, NOTE), where: 'both', field: 'uncompressed_size', value: 7 }],
    file: 'data/NOTE.md',
    message: /declares 7 bytes but holds more/,
    whileReading: true,
  },
  {
    name: 'a declared size that lies high, in both headers',
    entries: withEntries(),
    patches: (e) => [{ entry: at(e, NOTE), where: 'both', field: 'uncompressed_size', value: 4000 }],
    file: 'data/NOTE.md',
    message: /declares 4,000 bytes but holds only 43 bytes/,
    whileReading: true,
  },
  {
    name: 'a stored entry whose size lies',
    entries: () => bagEntries(bag).map((e) => (e.name === NOTE ? { ...e, method: 'stored' as const } : e)),
    patches: (e) => [{ entry: at(e, NOTE), where: 'both', field: 'uncompressed_size', value: 4000 }],
    file: 'data/NOTE.md',
    message: /stored uncompressed but declares 4,000 bytes of content in 43 bytes/,
  },
  { name: 'a CRC that lies', entries: withEntries(), patches: (e) => [{ entry: at(e, NOTE), where: 'both', field: 'crc', value: 0x12345678 }], file: 'data/NOTE.md', message: /CRC-32/, whileReading: true },
  { name: 'an encrypted entry', entries: withEntries(), patches: (e) => [{ entry: at(e, NOTE), where: 'both', field: 'flags_or', value: 1 }], file: 'data/NOTE.md', message: /encrypted/ },
  { name: 'an unsupported compression method', entries: withEntries(), patches: (e) => [{ entry: at(e, NOTE), where: 'both', field: 'method', value: 12 }], file: 'data/NOTE.md', message: /compression method 12/ },
  { name: 'a second top-level folder', entries: withEntries(file('other-folder/readme.txt')), file: 'other-folder/readme.txt', message: /outside the bag's folder/ },
  { name: 'a file beside the bag folder', entries: withEntries(file('README.txt')), file: 'README.txt', message: /outside the bag's folder/ },
  { name: 'a control character in a name', entries: withEntries(file(`${TOP}/data/bad\u0001name.txt`)), file: 'data/bad\\u{1}name.txt', message: /control character/ },
  { name: 'a NUL in a name', entries: withEntries({ name_b64: b64(`${TOP}/data/a\u0000b.txt`), data_b64: b64('x') }), file: 'data/a\\u{0}b.txt', message: /NUL/ },
  { name: 'a right-to-left override in a name', entries: withEntries(file(`${TOP}/data/exports/report\u202Etxt.exe`)), file: 'data/exports/report\\u{202E}txt.exe', message: /invisible formatting/ },
  { name: 'an NTFS alternate data stream', entries: withEntries(file(`${TOP}/data/NOTE.md:hidden`)), file: 'data/NOTE.md:hidden', message: /alternate data stream/ },
  { name: 'a Windows device name', entries: withEntries(file(`${TOP}/data/CON.txt`)), file: 'data/CON.txt', message: /as a device/ },
  { name: 'a name that is not UTF-8 but says it is', entries: withEntries({ name_b64: b64(Buffer.concat([Buffer.from(`${TOP}/data/`), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')])), utf8_flag: true, data_b64: b64('x') }), file: 'data/\ufffd\ufffd.txt', message: /not valid UTF-8/ },
  {
    name: 'a Unicode Path field naming another file',
    entries: withEntries({ ...file(`${TOP}/data/innocent.txt`), extra_b64: unicodePathField(`${TOP}/data/innocent.txt`, `${TOP}/data/other.txt`).toString('base64') }),
    file: 'data/innocent.txt',
    message: /Unicode Path field names it ".*data\/other.txt", its header ".*data\/innocent.txt"/,
  },
  {
    name: 'a hidden local entry between two entries',
    entries: withEntries(),
    junk: () => ({ entry: 0, b64: localEntry(`${TOP}/data/hidden.txt`, Buffer.from('only streaming tools see me\n')).toString('base64') }),
    file: `${TOP}/`,
    message: /that no entry accounts for/,
  },
  { name: 'a folder entry with content', entries: withEntries({ ...file(`${TOP}/data/folder/`, 'content'), dir: false }), file: 'data/folder/', message: /Folder entry .* declares 7 bytes/ },
];

let work: Awaited<ReturnType<typeof tempDir>>;
const zips = new Map<string, string>();

/** Names in `dir` (not recursive). */
const list = async (dir: string) => (await readdir(dir)).sort();
/** Every path under `dir`, recursively. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(path);
    if (entry.isDirectory()) out.push(...(await tree(path)));
  }
  return out.sort();
}
/** Paths that carry the token in the places an extraction could have reached. */
async function pwned(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) if (existsSync(root)) for (const name of await readdir(root)) if (name.includes(TOKEN)) found.push(join(root, name));
  return found;
}

beforeAll(async () => {
  work = await tempDir();
  writeZips(
    HOSTILE.map((h, i) => {
      const entries = h.entries();
      const out = join(work.dir, `hostile-${i}.zip`);
      zips.set(h.name, out);
      return { out, entries, junk_after: h.junk?.(entries), patches: h.patches?.(entries) };
    }),
  );
});
afterAll(() => work.cleanup());

describe('hostile zips are refused with a zip-safety finding naming the entry', () => {
  it.each(HOSTILE.map((h) => [h.name, h] as const))('%s', async (_, h) => {
    const before = { zips: await list(work.dir), tmp: await pwned([tmpdir(), process.cwd(), resolve(work.dir, '..')]) };
    const result: VerificationResult = await verifyPacket(zips.get(h.name)!, { limits: h.limits });
    expect(result.status).toBe('invalid');
    const hit = result.findings.find((f) => f.severity === 'error' && f.check === 'zip-safety' && f.file === h.file && h.message.test(f.message));
    expect(hit, JSON.stringify(result.findings.filter((f) => f.check === 'zip-safety'), null, 2)).toBeDefined();
    if (h.whileReading) {
      // Found only by reading (through a hash, into nothing): the entry is named and not ok; the other checks went on.
      expect(result.files.find((f) => f.path === h.file)).toMatchObject({ ok: false });
    } else {
      // Refused from the metadata alone: not one entry's content was read, no bag check ran.
      expect(result.files.every((f) => f.sha256 === null)).toBe(true);
      expect(result.fingerprint).toBeNull();
    }
    // Nothing appeared beside the zips, in the temp folder, or in the working folder.
    expect(await list(work.dir)).toEqual(before.zips);
    expect(await pwned([tmpdir(), process.cwd(), resolve(work.dir, '..'), '/tmp'])).toEqual(before.tmp);
  });

  it('never writes a file: verified in a process whose TMPDIR, HOME and working folder start empty', async () => {
    const fresh = await tempDir('evidence-verify-fresh-');
    try {
      const [tmp, home, cwd] = [join(fresh.dir, 'tmp'), join(fresh.dir, 'home'), join(fresh.dir, 'cwd')] as const;
      for (const dir of [tmp, home, cwd]) await mkdir(dir);
      const zipsBefore = await tree(work.dir);
      // tsx by absolute URL: the child's working folder is the empty one.
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const child = spawn(process.execPath, ['--import', tsx, join(HERE, 'verify-child.ts'), ...zips.values()], {
        cwd,
        env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp, HOME: home, USERPROFILE: home, TSX_DISABLE_CACHE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(code, stderr).toBe(0);
      const results = JSON.parse(stdout) as { zip: string; status: string; zipSafety: boolean }[];
      expect(results).toHaveLength(HOSTILE.length);
      // (Cases with their own limits are hostile only under those; here the defaults apply.)
      const underOwnLimits = new Set(HOSTILE.filter((h) => h.limits).map((h) => zips.get(h.name)));
      for (const r of results) if (!underOwnLimits.has(r.zip)) expect(r).toMatchObject({ status: 'invalid', zipSafety: true });
      expect(await tree(fresh.dir)).toEqual([cwd, home, tmp].sort());
      expect(await tree(work.dir)).toEqual(zipsBefore);
      expect(await pwned([tmpdir(), '/tmp', resolve(work.dir, '..')])).toEqual([]);
    } finally {
      await fresh.cleanup();
    }
  }, 30_000);
});
