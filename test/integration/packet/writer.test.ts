// The packet writer end to end: real exports from the sample API, a real zip, checked with the standard
// tools exactly as docs/PACKET.md and VERIFY.txt tell a recipient to (unzip, openssl, sha256sum).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import yauzl, { type Entry } from 'yauzl';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import {
  FINGERPRINT_COMMAND,
  parseBagInfo,
  PINNED_TAG_FILES,
  verifyCommands,
  writePacket,
  type PacketProgress,
  type PacketSpec,
  type WrittenPacket,
} from '../../../electron/core/packet';
import { pullReviewSet, run, sh, specFor, tempDir, type ReviewSet } from './support';

const hasBagitPython = await run('python3', ['-c', 'import bagit']).then(
  () => true,
  () => false,
);

let set: ReviewSet;
let out: string;
let cleanups: (() => Promise<void>)[] = [];
/** A temp folder removed after the test. */
async function scratch(prefix?: string): Promise<string> {
  const { dir, cleanup } = await tempDir(prefix);
  cleanups.push(cleanup);
  return dir;
}
beforeAll(async () => {
  set = await pullReviewSet();
});
afterAll(() => set.close());
beforeEach(async () => {
  out = await scratch();
});
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});

const STEM = 'evidence-INC-4711-Storung-prod-gateway-20260320T110000Z';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('did not reject');
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** Unzips the packet in a fresh folder and runs PACKET.md's three commands there, as VERIFY.txt gives them. */
async function verifyWithStandardTools(packet: WrittenPacket): Promise<{ bag: string; stdout: string }> {
  const dir = await scratch('evidence-recipient-');
  const zipName = packet.path.split('/').at(-1)!;
  await copyFile(packet.path, join(dir, zipName));
  const stem = zipName.replace(/\.zip$/, '');
  const { stdout } = await sh(['set -e', ...verifyCommands(zipName, stem)].join('\n'), dir);
  return { bag: join(dir, stem), stdout };
}

/** The zip's central directory, in order, as yauzl reads it. */
async function zipEntries(path: string): Promise<Entry[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(path, { lazyEntries: true, decodeStrings: true }, (error, file) => (error ? reject(error) : resolve(file))));
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/** The spec with one export replaced by another file (as if it had been pulled so), evidence.json updated. */
async function withExport(spec: PacketSpec, name: string, path: string): Promise<PacketSpec> {
  const bytes = await readFile(path);
  return {
    ...spec,
    evidence: { ...spec.evidence, exports: spec.evidence.exports.map((e) => (e.original_filename === name ? { ...e, bytes: bytes.length, sha256: sha256(bytes) } : e)) },
    payload: { ...spec.payload, exports: spec.payload.exports.map((e) => (e.originalFilename === name ? { ...e, path } : e)) },
  };
}

describe('a packet from the sample API', () => {
  it('is a complete and valid bag: unzip, openssl pkeyutl -verify and sha256sum -c all succeed', async () => {
    const spec = specFor(set);
    const progress: PacketProgress[] = [];
    const packet = await writePacket(spec, { directory: out, onProgress: (p) => progress.push(p) });

    expect(packet.path).toBe(join(out, `${STEM}.zip`));
    expect(await readdir(out)).toEqual([`${STEM}.zip`]); // no temp file left behind
    const zipBytes = await readFile(packet.path);
    expect(packet.bytes).toBe(zipBytes.length);
    expect(packet.sha256).toBe(sha256(zipBytes));
    expect(packet.fingerprint).toBe(set.key.fingerprint);
    expect(packet.packetId).toBe('pkt-20260320-0001');

    const { bag, stdout } = await verifyWithStandardTools(packet);
    expect(stdout).toContain('Signature Verified Successfully');
    const okLines = stdout.split('\n').filter((line) => line.endsWith(': OK'));
    expect(okLines).toHaveLength(PINNED_TAG_FILES.length + 5 + set.exports.length);

    // One top folder and exactly PACKET.md's files.
    const files = await filesUnder(bag);
    const exportNames = set.exports.map((e) => `data/exports/${e.name}`).sort();
    expect(files).toEqual(
      [
        'bag-info.txt',
        'bagit.txt',
        'evidence.json',
        'manifest-sha256.txt',
        'signer.pub.pem',
        'tagmanifest-sha256.txt',
        'tagmanifest-sha256.txt.sig',
        'data/NOTE.md',
        'data/report.html',
        'data/validation.json',
        'data/custody.json',
        'data/VERIFY.txt',
        ...exportNames,
      ].sort(),
    );
    expect(await readFile(join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');

    // The payload manifest lists every payload file and nothing else; the tag manifest the five tag files.
    const manifest = await readFile(join(bag, 'manifest-sha256.txt'), 'utf8');
    const payload = files.filter((f) => f.startsWith('data/'));
    expect(manifest.endsWith('\n') && !manifest.includes('\r')).toBe(true);
    const lines = manifest.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(66)).sort()).toEqual(payload);
    for (const line of lines) {
      expect(line).toMatch(/^[0-9a-f]{64} {2}data\/\S/);
      expect(sha256(await readFile(join(bag, line.slice(66))))).toBe(line.slice(0, 64));
    }
    const tagLines = (await readFile(join(bag, 'tagmanifest-sha256.txt'), 'utf8')).trimEnd().split('\n');
    expect(tagLines.map((l) => l.slice(66)).sort()).toEqual([...PINNED_TAG_FILES].sort());

    // bag-info.txt: Payload-Oxum is the payload's octets and file count; ours agree with evidence.json.
    const info = parseBagInfo(await readFile(join(bag, 'bag-info.txt'), 'utf8'))!;
    const value = (label: string) => info.filter((e) => e.label === label).map((e) => e.value);
    const sizes = await Promise.all(payload.map(async (f) => (await stat(join(bag, f))).size));
    expect(value('Payload-Oxum')).toEqual([`${sizes.reduce((a, b) => a + b, 0)}.${payload.length}`]);
    expect(value('External-Identifier')).toEqual(['INC-4711 / Störung: prod gateway']);
    expect(value('External-Description')).toEqual([spec.evidence.scope.why.replace(/\s+/g, ' ')]);
    expect(value('Evidence-Packet-Id')).toEqual([spec.packetId]);
    expect(value('Signer-Key-Fingerprint')).toEqual([set.key.fingerprint]);
    expect(value('Bagging-Date')).toEqual(['2026-03-20']);
    for (const line of (await readFile(join(bag, 'bag-info.txt'), 'utf8')).split('\n')) expect(line.length).toBeLessThanOrEqual(79);

    // The documents and the exports, byte for byte.
    expect(JSON.parse(await readFile(join(bag, 'evidence.json'), 'utf8'))).toEqual(spec.evidence);
    expect(await readFile(join(bag, 'data/custody.json'), 'utf8')).toBe(set.custody);
    expect(JSON.parse(await readFile(join(bag, 'data/validation.json'), 'utf8'))).toEqual(set.report);
    for (const e of set.exports) expect((await readFile(join(bag, 'data/exports', e.name))).equals(await readFile(e.path))).toBe(true);
    expect((await readFile(join(bag, 'tagmanifest-sha256.txt.sig'))).length).toBe(64);

    // VERIFY.txt's by-hand fingerprint is the packet's, padded.
    const verifyTxt = await readFile(join(bag, 'data/VERIFY.txt'), 'utf8');
    expect(verifyTxt).toContain(set.key.fingerprint);
    const { stdout: computed } = await sh(FINGERPRINT_COMMAND, bag);
    expect(computed.trim()).toBe(`${set.key.fingerprint.slice('SHA256:'.length)}=`);
    expect(verifyTxt).toContain(computed.trim());

    // Progress ends at the total, which is every byte of the bag.
    expect(progress.at(-1)).toEqual({ bytesDone: packet.entries.reduce((n, e) => n + e.bytes, 0), bytesTotal: packet.entries.reduce((n, e) => n + e.bytes, 0), entry: 'tagmanifest-sha256.txt.sig' });
    expect(progress.every((p, i) => i === 0 || p.bytesDone >= progress[i - 1]!.bytesDone)).toBe(true);
  });

  it('fails the standard checks when one byte changes (an export, a tag file, the tag manifest)', async () => {
    const packet = await writePacket(specFor(set), { directory: out });
    const dir = await scratch('evidence-recipient-');
    await run('unzip', ['-q', packet.path], { cwd: dir });
    const bag = join(dir, STEM);
    const target = join(bag, 'data/exports', set.exports[0]!.name);
    const bytes = await readFile(target);
    bytes[100] = bytes[100]! ^ 1;
    await writeFile(target, bytes);
    await expect(sh('sha256sum -c manifest-sha256.txt', bag)).rejects.toMatchObject({ stdout: expect.stringContaining(`data/exports/${set.exports[0]!.name}: FAILED`) });
    await expect(sh('sha256sum -c tagmanifest-sha256.txt', bag)).resolves.toBeDefined();

    // A changed tag file fails the tag manifest; a changed tag manifest fails the signature.
    const evidence = await readFile(join(bag, 'evidence.json'));
    evidence[20] = evidence[20]! ^ 1;
    await writeFile(join(bag, 'evidence.json'), evidence);
    await expect(sh('sha256sum -c tagmanifest-sha256.txt', bag)).rejects.toMatchObject({ stdout: expect.stringContaining('evidence.json: FAILED') });
    const tagManifest = await readFile(join(bag, 'tagmanifest-sha256.txt'));
    tagManifest[0] = tagManifest[0]! === 0x30 ? 0x31 : 0x30;
    await writeFile(join(bag, 'tagmanifest-sha256.txt'), tagManifest);
    await expect(sh(verifyCommands('x.zip', 'x')[1]!, bag)).rejects.toMatchObject({ stdout: expect.stringContaining('Signature Verification Failure') });
  });

  it('zips deterministically: built twice, the bytes are identical (cmp)', async () => {
    const first = await writePacket(specFor(set), { directory: out });
    const other = join(out, 'again');
    await mkdir(other);
    const second = await writePacket(specFor(set), { directory: other });
    await run('cmp', [first.path, second.path]);
    expect(second.sha256).toBe(first.sha256);
    // A different creation time is a different packet (name, times, bag-info, signature).
    const later = await writePacket(specFor(set, { createdAt: '2026-03-20T11:00:02.000Z' }), { directory: other });
    expect(later.path).toMatch(/-20260320T110002Z\.zip$/);
    expect(later.sha256).not.toBe(first.sha256);
  });

  it('writes sorted entries with modes 0644/0755, the creation time, and no extra fields', async () => {
    const packet = await writePacket(specFor(set), { directory: out });
    const { stdout } = await run('zipinfo', ['-T', packet.path]);
    const listing = stdout.split('\n').filter((line) => /^[-d]/.test(line));
    expect(listing).toHaveLength(packet.entries.length);
    for (const [i, line] of listing.entries()) {
      const entry = packet.entries[i]!;
      expect(line.endsWith(` ${entry.name}`), line).toBe(true);
      expect(line.startsWith(entry.type === 'directory' ? 'drwxr-xr-x ' : '-rw-r--r-- '), line).toBe(true);
      expect(line).toContain(' unx ');
      expect(line).toContain(' 20260320.110000 ');
    }
    const entries = await zipEntries(packet.path);
    expect(entries.map((e) => e.fileName)).toEqual(packet.entries.map((e) => e.name));
    expect(entries.every((e) => e.fileName.startsWith(`${STEM}/`))).toBe(true);
    for (const e of entries) {
      expect(e.extraFieldLength).toBe(0);
      expect(e.fileCommentLength).toBe(0);
      expect(e.versionMadeBy >> 8).toBe(3); // Unix
      expect((e.externalFileAttributes >>> 16).toString(8)).toBe(e.fileName.endsWith('/') ? '40755' : '100644');
      expect(e.getLastModDate({ timezone: 'UTC' }).toISOString()).toBe('2026-03-20T11:00:00.000Z');
    }
  });

  it("records an odd second as the zip's DOS time can: rounded down to an even second, in UTC", async () => {
    const packet = await writePacket(specFor(set, { createdAt: '2026-03-20T11:00:01.500Z' }), { directory: out });
    expect(packet.path).toMatch(/-20260320T110001Z\.zip$/);
    const entries = await zipEntries(packet.path);
    expect(new Set(entries.map((e) => e.getLastModDate({ timezone: 'UTC' }).toISOString()))).toEqual(new Set(['2026-03-20T11:00:00.000Z']));
  });

  it('carries a name outside ASCII (NFC, flagged UTF-8) that unzip and sha256sum read back', async () => {
    const name = set.exports[0]!.name;
    const renamed = `Prüfung-审计-${name}`;
    const dir = await scratch();
    await copyFile(set.exports[0]!.path, join(dir, renamed));
    const base = specFor(set);
    const spec: PacketSpec = {
      ...base,
      evidence: { ...base.evidence, exports: base.evidence.exports.map((e) => (e.original_filename === name ? { ...e, path: `data/exports/${renamed}`, original_filename: renamed } : e)) },
      payload: { ...base.payload, exports: base.payload.exports.map((e) => (e.originalFilename === name ? { path: join(dir, renamed), originalFilename: renamed } : e)) },
    };
    const packet = await writePacket(spec, { directory: out });
    const entry = (await zipEntries(packet.path)).find((e) => e.fileName.endsWith(renamed))!;
    expect(entry.generalPurposeBitFlag & 0x800).toBe(0x800);
    const { bag } = await verifyWithStandardTools(packet);
    expect(await filesUnder(join(bag, 'data/exports'))).toContain(renamed);
  });

  it.skipIf(!hasBagitPython)('validates with the bagit-python tool', async () => {
    const packet = await writePacket(specFor(set), { directory: out });
    const { bag } = await verifyWithStandardTools(packet);
    await run('python3', ['-m', 'bagit', '--validate', bag]);
  });
});

describe('what the writer refuses', () => {
  it('never writes over an existing file, and says what to do', async () => {
    const first = await writePacket(specFor(set), { directory: out });
    const error = await rejection(writePacket(specFor(set), { directory: out }));
    expect(error.code).toBe('file-exists');
    expect(error.message).toContain(first.path);
    expect(error.hint).toMatch(/Move or rename the existing file, or choose another folder/);
    expect(sha256(await readFile(first.path))).toBe(first.sha256);
    expect(await readdir(out)).toEqual([`${STEM}.zip`]);
  });

  it('does not replace a file that appears under the name while the packet is being written', async () => {
    const planted = join(out, `${STEM}.zip`);
    let once = false;
    const error = await rejection(
      writePacket(specFor(set), {
        directory: out,
        onProgress: () => {
          if (once) return;
          once = true;
          void writeFile(planted, 'someone else');
        },
      }),
    );
    expect(error.code).toBe('file-exists');
    expect(await readFile(planted, 'utf8')).toBe('someone else');
    expect(await readdir(out)).toEqual([`${STEM}.zip`]);
  });

  it('cancels mid-export and deletes the temp file', async () => {
    const dir = await scratch();
    const name = set.exports.find((e) => e.format === 'csv')!.name;
    const big = join(dir, name);
    const chunk = await readFile(set.exports.find((e) => e.name === name)!.path);
    await writeFile(big, Buffer.concat(Array.from({ length: Math.ceil((24 * 1024 * 1024) / chunk.length) }, () => chunk)));
    const spec = await withExport(specFor(set), name, big);
    const controller = new AbortController();
    const seen: PacketProgress[] = [];
    const error = await rejection(
      writePacket(spec, {
        directory: out,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.entry === `data/exports/${name}`) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(seen.at(-1)!.bytesDone).toBeLessThan(seen.at(-1)!.bytesTotal);
    expect(await readdir(out)).toEqual([]);
  });

  it("stops with the progress callback's own error when it throws, and leaves nothing", async () => {
    const boom = new Error('progress callback failed');
    await expect(writePacket(specFor(set), { directory: out, onProgress: () => { throw boom; } })).rejects.toBe(boom);
    expect(await readdir(out)).toEqual([]);
  });

  it('does nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(writePacket(specFor(set), { directory: out, signal: controller.signal }))).code).toBe('cancelled');
    expect(await readdir(out)).toEqual([]);
  });

  it('stops when an export changed since it was validated (same size, other bytes) and leaves nothing', async () => {
    const dir = await scratch();
    const original = set.exports[0]!;
    const copy = join(dir, original.name);
    const bytes = await readFile(original.path);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x20;
    await writeFile(copy, bytes);
    const error = await rejection(writePacket(specFor(set, { exportPaths: new Map([[original.name, copy]]) }), { directory: out }));
    expect(error.code).toBe('checksum-mismatch');
    expect(error.message).toContain(original.name);
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses before writing when an export has another size or is missing', async () => {
    const dir = await scratch();
    const original = set.exports[0]!;
    const copy = join(dir, original.name);
    await writeFile(copy, Buffer.concat([await readFile(original.path), Buffer.from('x')]));
    expect((await rejection(writePacket(specFor(set, { exportPaths: new Map([[original.name, copy]]) }), { directory: out }))).code).toBe('size-mismatch');
    const missing = await rejection(writePacket(specFor(set, { exportPaths: new Map([[original.name, join(dir, 'gone.csv')]]) }), { directory: out }));
    expect(missing.code).toBe('file-unreadable');
    expect(missing.message).toContain('no longer there');
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses an evidence.json that fails its schema, and writes nothing', async () => {
    const spec = specFor(set);
    const broken = { ...spec, evidence: { ...spec.evidence, created_at: 'yesterday' } };
    const error = await rejection(writePacket(broken, { directory: out }));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/evidence\.json is not valid: \/created_at/);
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses an export whose name is not portable, rather than renaming it', async () => {
    const dir = await scratch();
    const name = set.exports[0]!.name;
    const bad = `events:${name}`;
    await copyFile(set.exports[0]!.path, join(dir, bad));
    const base = specFor(set);
    const spec: PacketSpec = {
      ...base,
      evidence: { ...base.evidence, exports: base.evidence.exports.map((e) => (e.original_filename === name ? { ...e, path: `data/exports/${bad}`, original_filename: bad } : e)) },
      payload: { ...base.payload, exports: base.payload.exports.map((e) => (e.originalFilename === name ? { path: join(dir, bad), originalFilename: bad } : e)) },
    };
    const error = await rejection(writePacket(spec, { directory: out }));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(`"${bad}"`);
    expect(await readdir(out)).toEqual([]);
  });

  it('says so when the destination folder does not exist', async () => {
    const error = await rejection(writePacket(specFor(set), { directory: join(out, 'missing') }));
    expect(error.code).toBe('write-failed');
    expect(error.message).toContain('does not exist');
  });
});
