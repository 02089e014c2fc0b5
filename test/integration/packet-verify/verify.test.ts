import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { trust } from '../../../electron/core/keys';
import { verifyPacket, type VerificationResult, type VerifyProgress } from '../../../electron/core/packet/verify';
import { tempCache } from '../../support/cache';
import {
  EVENTS,
  PACKET_ID,
  TOP,
  TRACES,
  TRACES_ASCII,
  bagEntries,
  bagInfoFor,
  copyBag,
  custodyDocumentBytes,
  custodyEntries,
  evidenceFor,
  flipByte,
  makeBag,
  newKey,
  seal,
  sha256,
  tempDir,
  writeZips,
  zipBag,
  zipBagWithInfoZip,
  type Bag,
  type ZipSpec,
} from './support';

const errors = (r: VerificationResult) => r.findings.filter((f) => f.severity === 'error');
const errorFiles = (r: VerificationResult) => new Set(errors(r).map((f) => f.file));
const errorChecks = (r: VerificationResult) => new Set(errors(r).map((f) => f.check));

// Made at load time: the tamper matrix's cases are listed from its files.
const bag: Bag = makeBag();
let work: Awaited<ReturnType<typeof tempDir>>;
let validZip: string;

beforeAll(async () => {
  work = await tempDir();
  validZip = zipBag(bag, join(work.dir, 'valid.zip'));
});
afterAll(() => work.cleanup());

describe('a valid packet', () => {
  it('verifies as valid-untrusted, with a warning to compare the fingerprint out of band', async () => {
    const result = await verifyPacket(validZip);
    expect(errors(result)).toEqual([]);
    expect(result.status).toBe('valid-untrusted');
    expect(result.packetId).toBe(PACKET_ID);
    expect(result.fingerprint).toBe(bag.key.fingerprint);
    expect(result.signerName).toBeNull();
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'warning', check: 'trust', file: 'signer.pub.pem' })]);
    expect(result.findings[0]!.message).toContain(bag.key.fingerprint);
    expect(result.findings[0]!.message).toMatch(/out of band/);
    // Every file of the bag, with its real size and hash.
    expect(result.files.map((f) => f.path).sort()).toEqual([...bag.files.keys()].sort());
    for (const file of result.files) {
      expect(file).toEqual({ path: file.path, bytes: bag.files.get(file.path)!.length, sha256: sha256(bag.files.get(file.path)!), ok: true });
    }
  });

  it('is valid-trusted when its fingerprint is in the trusted list', async () => {
    const result = await verifyPacket(validZip, { trustedFingerprints: [newKey().fingerprint, bag.key.fingerprint] });
    expect(result.status).toBe('valid-trusted');
    expect(result.signerName).toBeNull();
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'info', check: 'trust' })]);
  });

  it('is valid-trusted, with the signer\'s name, when the cache trusts the fingerprint (a read-only lookup)', async () => {
    const cache = await tempCache();
    try {
      expect((await verifyPacket(validZip, { db: cache.db })).status).toBe('valid-untrusted');
      trust(cache.db, 'Ana Silva (Security)', bag.key.fingerprint);
      const changes = cache.db.prepare('SELECT total_changes() AS n').get() as { n: number };
      const result = await verifyPacket(validZip, { db: cache.db });
      expect(result.status).toBe('valid-trusted');
      expect(result.signerName).toBe('Ana Silva (Security)');
      expect((cache.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(changes.n);
    } finally {
      await cache.close();
    }
  });

  it('verifies without folder entries, written as a stream (data descriptors), and when zipped by Info-ZIP (zip -X -r)', async () => {
    const bare = zipBag(bag, join(work.dir, 'no-dirs.zip'), { dirs: false });
    expect((await verifyPacket(bare)).status).toBe('valid-untrusted');
    const streamed = join(work.dir, 'streamed.zip');
    writeZips([{ out: streamed, entries: bagEntries(bag), stream: true }]);
    expect((await readFile(streamed)).includes(Buffer.from([0x50, 0x4b, 0x07, 0x08]))).toBe(true);
    const fromStream = await verifyPacket(streamed);
    expect(errors(fromStream)).toEqual([]);
    expect(fromStream.status).toBe('valid-untrusted');
    const { dir, cleanup } = await tempDir();
    try {
      const ascii = makeBag(newKey(), { tracesPath: TRACES_ASCII });
      await mkdir(join(dir, 'ascii'));
      await mkdir(join(dir, 'unicode'));
      const infoZip = await zipBagWithInfoZip(ascii, join(dir, 'ascii'), join(dir, 'info-zip.zip'));
      const result = await verifyPacket(infoZip);
      expect(errors(result)).toEqual([]);
      expect(result.status).toBe('valid-untrusted');
      // Info-ZIP does not flag UTF-8 names: a non-ASCII name is a portability error (Windows would read it as CP437), naming the file.
      const unicode = await zipBagWithInfoZip(bag, join(dir, 'unicode'), join(dir, 'info-zip-unicode.zip'));
      const flagged = await verifyPacket(unicode);
      expect(flagged.status).toBe('invalid');
      expect(errors(flagged)).toEqual([expect.objectContaining({ check: 'portability', file: TRACES })]);
      expect(flagged.files.every((f) => f.sha256 !== null)).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it('reports progress through scanning, reading and checking', async () => {
    const seen: VerifyProgress[] = [];
    await verifyPacket(validZip, { onProgress: (p) => seen.push(p) });
    expect(seen[0]!.phase).toBe('scanning');
    expect(seen.some((p) => p.phase === 'reading' && p.file === 'evidence.json')).toBe(true);
    const total = [...bag.files.values()].reduce((sum, b) => sum + b.length, 0);
    expect(seen.filter((p) => p.phase === 'reading').at(-1)).toEqual({ phase: 'reading', bytesDone: total, bytesTotal: total, file: null });
    expect(seen.at(-1)!.phase).toBe('checking');
  });
});

describe('what is not a packet to verify', () => {
  it('throws file-unreadable for a missing path or a folder, and cancelled when aborted', async () => {
    await expect(verifyPacket(join(work.dir, 'missing.zip'))).rejects.toMatchObject({ code: 'file-unreadable' });
    await expect(verifyPacket(work.dir)).rejects.toMatchObject({ code: 'file-unreadable' });
    const controller = new AbortController();
    controller.abort();
    await expect(verifyPacket(validZip, { signal: controller.signal })).rejects.toBeInstanceOf(AppError);
    await expect(verifyPacket(validZip, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    // Aborted mid-way (at the first progress report while reading).
    const midway = new AbortController();
    const run = verifyPacket(validZip, { signal: midway.signal, onProgress: (p) => p.phase === 'reading' && midway.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('reports a file that is not a zip (or is cut short) as invalid, without throwing', async () => {
    const text = join(work.dir, 'not-a-zip.zip');
    await writeFile(text, 'just text\n');
    const result = await verifyPacket(text);
    expect(result.status).toBe('invalid');
    expect(errors(result)).toEqual([expect.objectContaining({ check: 'zip-safety', file: null, message: expect.stringMatching(/not a zip file/) })]);
    expect(result.files).toEqual([]);
  });
});

/** One tampered packet: how to make it, and the file(s) its findings must name. */
interface Tamper {
  name: string;
  make(bag: Bag): Bag | ZipSpec['entries'];
  names: string[];
  /** The check that must report it (when one is the point of the case). */
  check?: string;
  /** Only findings of these checks are expected (a key holder's forgery: every hash and the signature still match). */
  only?: string[];
}

const other = newKey();
const replace = (b: Bag, path: string, bytes: Buffer | string) => (b.files.set(path, Buffer.from(bytes)), b);
const editText = (b: Bag, path: string, from: string | RegExp, to: string) => replace(b, path, b.files.get(path)!.toString().replace(from, to));

function tamperMatrix(): Tamper[] {
  const flips: Tamper[] = [...bag.files.keys()].map((path) => ({ name: `a flipped byte in ${path}`, make: (b) => replace(b, path, flipByte(b.files.get(path)!)), names: [path] }));
  return [
    ...flips,
    { name: 'a file added under data/', make: (b) => replace(b, 'data/extra.txt', 'added later\n'), names: ['data/extra.txt'], check: 'payload-manifest' },
    { name: 'an export added under data/exports/', make: (b) => replace(b, 'data/exports/more.csv', 'time\n'), names: ['data/exports/more.csv'] },
    { name: 'a file added beside the tag files', make: (b) => replace(b, 'notes.txt', 'hi\n'), names: ['notes.txt'], check: 'layout' },
    { name: 'a payload file removed', make: (b) => (b.files.delete('data/NOTE.md'), b), names: ['data/NOTE.md'] },
    { name: 'an export removed', make: (b) => (b.files.delete(EVENTS), b), names: [EVENTS] },
    { name: 'a tag file removed', make: (b) => (b.files.delete('bag-info.txt'), b), names: ['bag-info.txt'] },
    { name: 'the signature removed', make: (b) => (b.files.delete('tagmanifest-sha256.txt.sig'), b), names: ['tagmanifest-sha256.txt.sig'] },
    {
      name: 'a file renamed',
      make: (b) => {
        replace(b, 'data/report-renamed.html', b.files.get('data/report.html')!);
        b.files.delete('data/report.html');
        return b;
      },
      names: ['data/report.html', 'data/report-renamed.html'],
    },
    { name: 'the public key swapped for another', make: (b) => replace(b, 'signer.pub.pem', other.publicPem), names: ['signer.pub.pem'] },
    {
      name: 'the public key swapped for an RSA key',
      make: (b) => replace(b, 'signer.pub.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()),
      names: ['signer.pub.pem'],
    },
    { name: 'a truncated signature', make: (b) => replace(b, 'tagmanifest-sha256.txt.sig', b.files.get('tagmanifest-sha256.txt.sig')!.subarray(0, 40)), names: ['tagmanifest-sha256.txt.sig'], check: 'signature' },
    { name: 'an empty signature', make: (b) => replace(b, 'tagmanifest-sha256.txt.sig', ''), names: ['tagmanifest-sha256.txt.sig'], check: 'signature' },
    {
      name: 'a wrong signature (another key, same tag manifest)',
      make: (b) => replace(b, 'tagmanifest-sha256.txt.sig', sign(null, b.files.get('tagmanifest-sha256.txt')!, other.privateKey)),
      names: ['tagmanifest-sha256.txt.sig'],
      check: 'signature',
      only: ['signature'],
    },
    { name: 'an edited bag-info.txt', make: (b) => editText(b, 'bag-info.txt', 'Review-Environment: production', 'Review-Environment: staging'), names: ['bag-info.txt'] },
    { name: 'an edited evidence.json', make: (b) => editText(b, 'evidence.json', '"Ana Silva"', '"Bob Jones"'), names: ['evidence.json'] },
    { name: 'a broken custody chain', make: (b) => editText(b, 'data/custody.json', '"validation_run_id": 1', '"validation_run_id": 2'), names: ['data/custody.json'], check: 'custody' },

    // A key holder's forgeries: resealed, so every hash and the signature match; the deeper checks catch them.
    { name: 're-signed: bag-info.txt names another packet', make: (b) => seal(editText(b, 'bag-info.txt', `Evidence-Packet-Id: ${PACKET_ID}`, 'Evidence-Packet-Id: pkt-other')), names: ['bag-info.txt'], check: 'evidence-agreement', only: ['evidence-agreement'] },
    { name: 're-signed: a wrong Payload-Oxum', make: (b) => seal(editText(b, 'bag-info.txt', /Payload-Oxum: (\d+)\.7/, 'Payload-Oxum: $1.8')), names: ['bag-info.txt'], check: 'payload-oxum', only: ['payload-oxum'] },
    {
      name: 're-signed: a request id dropped from bag-info.txt',
      make: (b) => seal(editText(b, 'bag-info.txt', 'Request-Ids: req-1 req-2', 'Request-Ids: req-1')),
      names: ['bag-info.txt'],
      check: 'evidence-agreement',
      only: ['evidence-agreement'],
    },
    {
      name: 're-signed: a custody entry edited',
      make: (b) => seal(editText(b, 'data/custody.json', '"validation_run_id": 1', '"validation_run_id": 2')),
      names: ['data/custody.json'],
      check: 'custody',
      only: ['custody'],
    },
    {
      name: 're-signed: custody.json does not end with the packed entry',
      make: (b) => seal(replace(b, 'data/custody.json', custodyDocumentBytes(custodyEntries(b.files).slice(0, 3)))),
      names: ['data/custody.json'],
      check: 'custody',
      only: ['custody', 'payload-oxum'],
    },
    {
      name: 're-signed: custody.json packed another packet',
      make: (b) => seal(replace(b, 'data/custody.json', custodyDocumentBytes(custodyEntries(b.files, 'pkt-other')))),
      names: ['data/custody.json'],
      check: 'custody',
      only: ['custody', 'payload-oxum'],
    },
    {
      name: 're-signed: an export that no custody entry received',
      make: (b) => {
        const custody = custodyEntries(new Map([...b.files, [EVENTS, Buffer.from('something else\n')]]));
        return seal(replace(b, 'data/custody.json', custodyDocumentBytes(custody)));
      },
      names: [EVENTS],
      check: 'custody',
      only: ['custody', 'payload-oxum'],
    },
    {
      name: 're-signed: evidence.json has the wrong hash for an export',
      make: (b) => {
        const evidence = evidenceFor(b.files, b.key.fingerprint);
        evidence.exports[0]!.sha256 = '0'.repeat(64);
        return seal(replace(b, 'evidence.json', `${JSON.stringify(evidence, null, 2)}\n`));
      },
      names: ['evidence.json'],
      check: 'evidence-agreement',
      only: ['evidence-agreement'],
    },
    {
      name: 're-signed: evidence.json names another signer',
      make: (b) => seal(replace(b, 'evidence.json', `${JSON.stringify(evidenceFor(b.files, other.fingerprint), null, 2)}\n`)),
      names: ['evidence.json'],
      check: 'fingerprint',
      only: ['fingerprint'],
    },
    {
      name: 're-signed: bag-info.txt and evidence.json name another signer',
      make: (b) => {
        const evidence = evidenceFor(b.files, other.fingerprint);
        replace(b, 'evidence.json', `${JSON.stringify(evidence, null, 2)}\n`);
        return seal(replace(b, 'bag-info.txt', bagInfoFor(b.files, evidence)));
      },
      names: ['evidence.json', 'bag-info.txt'],
      check: 'fingerprint',
      only: ['fingerprint'],
    },
    {
      name: 're-signed: evidence.json off its schema',
      make: (b) => seal(replace(b, 'evidence.json', `${JSON.stringify({ ...evidenceFor(b.files, b.key.fingerprint), format_version: 2, extra: true }, null, 2)}\n`)),
      names: ['evidence.json'],
      check: 'evidence-schema',
      only: ['evidence-schema'],
    },
    { name: 're-signed: bagit.txt with CRLF', make: (b) => seal(replace(b, 'bagit.txt', 'BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8\r\n')), names: ['bagit.txt'], check: 'bagit', only: ['bagit'] },
    {
      name: 're-signed: the tag manifest leaves out evidence.json',
      make: (b) => {
        seal(b);
        const lines = b.files.get('tagmanifest-sha256.txt')!.toString().split('\n').filter((l) => !l.endsWith('  evidence.json'));
        replace(b, 'tagmanifest-sha256.txt', lines.join('\n'));
        return replace(b, 'tagmanifest-sha256.txt.sig', sign(null, b.files.get('tagmanifest-sha256.txt')!, b.key.privateKey));
      },
      names: ['evidence.json'],
      check: 'tag-manifest',
      only: ['tag-manifest'],
    },
    {
      name: 're-signed: the payload manifest leaves out a file',
      make: (b) => {
        seal(b);
        const manifest = b.files.get('manifest-sha256.txt')!.toString().split('\n').filter((l) => !l.endsWith('  data/VERIFY.txt'));
        replace(b, 'manifest-sha256.txt', manifest.join('\n'));
        const tags = b.files.get('tagmanifest-sha256.txt')!.toString().replace(/^[0-9a-f]{64}(?= {2}manifest-sha256\.txt$)/m, sha256(b.files.get('manifest-sha256.txt')!));
        replace(b, 'tagmanifest-sha256.txt', tags);
        return replace(b, 'tagmanifest-sha256.txt.sig', sign(null, b.files.get('tagmanifest-sha256.txt')!, b.key.privateKey));
      },
      names: ['data/VERIFY.txt'],
      check: 'payload-manifest',
      only: ['payload-manifest'],
    },
  ];
}

describe('the tamper matrix: each tamper fails verification, naming the file', () => {
  const cases = tamperMatrix();
  const zips = new Map<string, string>();

  beforeAll(() => {
    const specs: ZipSpec[] = cases.map((c, i) => {
      const made = c.make(copyBag(bag));
      const out = join(work.dir, `tamper-${i}.zip`);
      zips.set(c.name, out);
      return { out, entries: Array.isArray(made) ? made : bagEntries(made) };
    });
    writeZips(specs);
  });

  it('covers a flipped byte in every file of the bag', () => {
    expect(cases.filter((c) => c.name.startsWith('a flipped byte in ')).map((c) => c.names[0]).sort()).toEqual([...bag.files.keys()].sort());
    expect(bag.files.size).toBe(14);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const result = await verifyPacket(zips.get(c.name)!, { trustedFingerprints: [bag.key.fingerprint] });
    expect(result.status).toBe('invalid');
    expect(result.signerName).toBeNull();
    for (const name of c.names) expect([...errorFiles(result)]).toContain(name);
    for (const name of c.names) {
      const file = result.files.find((f) => f.path === name);
      if (file) expect(file.ok).toBe(false);
    }
    if (c.check) expect([...errorChecks(result)]).toContain(c.check);
    if (c.only) expect([...errorChecks(result)].filter((check) => !c.only!.includes(check))).toEqual([]);
    // Every finding is for a person: what differs, never an empty message.
    for (const f of result.findings) expect(f.message.length).toBeGreaterThan(20);
  });
});

describe('messages say what differs', () => {
  it('gives expected and actual hashes for a changed export', async () => {
    const tampered = copyBag(bag);
    const changed = flipByte(tampered.files.get(EVENTS)!);
    tampered.files.set(EVENTS, changed);
    const result = await verifyPacket(zipBag(tampered, join(work.dir, 'changed-export.zip')));
    const finding = result.findings.find((f) => f.check === 'payload-manifest' && f.file === EVENTS)!;
    expect(finding.message).toContain(sha256(changed));
    expect(finding.message).toContain(sha256(bag.files.get(EVENTS)!));
    expect(result.findings.find((f) => f.check === 'custody' && f.file === EVENTS)).toBeDefined();
    expect(result.findings.find((f) => f.check === 'evidence-agreement' && f.file === 'evidence.json')!.message).toContain(sha256(changed));
  });

  it('lists every problem, not just the first', async () => {
    const tampered = copyBag(bag);
    for (const path of ['data/NOTE.md', 'data/report.html', EVENTS, TRACES]) tampered.files.set(path, flipByte(tampered.files.get(path)!));
    const result = await verifyPacket(zipBag(tampered, join(work.dir, 'many.zip')));
    const named = new Set(result.findings.filter((f) => f.check === 'payload-manifest').map((f) => f.file));
    expect(named).toEqual(new Set(['data/NOTE.md', 'data/report.html', EVENTS, TRACES]));
    // …and evidence.json, whose exports[] hashes no longer match the two exports.
    expect(result.files.filter((f) => !f.ok).map((f) => f.path).sort()).toEqual(['data/NOTE.md', 'data/report.html', EVENTS, TRACES, 'evidence.json'].sort());
  });

  it('hands back NOTE.md and report.html to show only when their bytes are the ones the manifest lists', async () => {
    const good = await verifyPacket(validZip);
    expect(good.documents).toEqual({ note: bag.files.get('data/NOTE.md')!.toString('utf8'), report: bag.files.get('data/report.html')!.toString('utf8') });
    const tampered = copyBag(bag);
    tampered.files.set('data/NOTE.md', flipByte(tampered.files.get('data/NOTE.md')!));
    const result = await verifyPacket(zipBag(tampered, join(work.dir, 'note-changed.zip')));
    expect(result.documents.note).toBeNull();
    expect(result.documents.report).toBe(bag.files.get('data/report.html')!.toString('utf8'));
    const capped = await verifyPacket(validZip, { limits: { maxDocumentBytes: 10 } });
    expect(capped.documents).toEqual({ note: null, report: null });
    expect(errors(capped)).toEqual([]);
  });

  it('names the top folder that is not a packet\'s as a warning only', async () => {
    const renamed = { ...copyBag(bag), top: 'my-evidence' };
    const result = await verifyPacket(zipBag(renamed, join(work.dir, 'renamed-top.zip')));
    expect(result.status).toBe('valid-untrusted');
    expect(result.findings).toContainEqual(expect.objectContaining({ severity: 'warning', check: 'layout', message: expect.stringContaining('"my-evidence"') }));
    expect(TOP).toMatch(/^evidence-/);
  });
});
