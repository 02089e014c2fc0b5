import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { custodyChain, custodyJson, entryHash, verifyChain, verifyCustodyDocument, type ChainFinding, type UnhashedCustodyEntry } from '../../../electron/core/custody';
import { GENESIS_PREV_HASH, type CustodyEntry } from '../../../shared/schemas/custody';
import { tempCache } from '../../support/cache';
import { appendReview } from './entries';

type Cache = Awaited<ReturnType<typeof tempCache>>;

/** Findings reduced to what the tests pin: which entry, in which position, and what. */
const brief = (findings: ChainFinding[]) => findings.map(({ seq, position, problem }) => ({ seq, position, problem }));
const copy = (entries: CustodyEntry[]) => structuredClone(entries);

describe('entryHash', () => {
  it('is the SHA-256 of the canonical JSON without the hash (a vector computed with sha256sum)', () => {
    const entry: UnhashedCustodyEntry = {
      seq: 1,
      at: '2026-03-20T10:00:00.000Z',
      action: 'imported',
      actor: { os_user: 'zoe', name: 'Zo\u00eb \u00c5ngstr\u00f6m' },
      subject: { original_filename: 'events-2026-03-20.csv', format: 'csv', export_type: 'events', bytes: 0 },
      artifact_sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      prev_hash: GENESIS_PREV_HASH,
    };
    // printf '%s' '{"action":"imported",…}' | sha256sum
    expect(entryHash(entry)).toBe('9bb1145c947d1c6855b33aea22c0c83afa08baa0b6550496bd66946ab67f8b11');
    // A hash member present is ignored: the hash covers everything else.
    expect(entryHash({ ...entry, hash: 'f'.repeat(64) })).toBe('9bb1145c947d1c6855b33aea22c0c83afa08baa0b6550496bd66946ab67f8b11');
    expect(entryHash({ ...entry, seq: 2 })).not.toBe('9bb1145c947d1c6855b33aea22c0c83afa08baa0b6550496bd66946ab67f8b11');
  });
});

describe('verifyChain', () => {
  let cache: Cache;
  let chain: CustodyEntry[];

  beforeEach(async () => {
    cache = await tempCache();
    appendReview(cache.db, 'w1');
    chain = custodyChain(cache.db, 'w1');
  });
  afterEach(() => cache.close());

  it('finds nothing wrong with an intact chain, or with an empty one', () => {
    expect(chain).toHaveLength(8);
    expect(verifyChain(chain)).toEqual([]);
    expect(verifyChain([])).toEqual([]);
    // As a packet carries it: the file's bytes, parsed back.
    expect(verifyCustodyDocument(JSON.parse(custodyJson(chain)))).toEqual([]);
  });

  it('an edited subject field: hash-mismatch at that entry only', () => {
    const edited = copy(chain);
    edited[2]!.subject.overall = 'pass';
    expect(brief(verifyChain(edited))).toEqual([{ seq: 3, position: 3, problem: 'hash-mismatch' }]);
    expect(verifyChain(edited)[0]!.detail).toMatch(/entry 3 \(seq 3\) hashes to [0-9a-f]{12}…, but its hash says [0-9a-f]{12}…: it was changed after it was written/);
  });

  it('a changed time, actor, action or artifact hash: hash-mismatch at that entry', () => {
    const edits: ((e: CustodyEntry) => void)[] = [
      (e) => (e.at = '2026-03-20T09:59:59.000Z'),
      (e) => (e.actor.name = 'Mallory'),
      (e) => (e.action = 'pulled'),
      (e) => (e.artifact_sha256 = 'e'.repeat(64)),
      (e) => (e.subject.extra = null),
    ];
    for (const edit of edits) {
      const edited = copy(chain);
      edit(edited[1]!);
      expect(brief(verifyChain(edited))).toEqual([{ seq: 2, position: 2, problem: 'hash-mismatch' }]);
    }
  });

  it('a dropped middle entry: sequence gap and broken link at the entry after the hole', () => {
    const dropped = copy(chain).filter((e) => e.seq !== 4);
    expect(brief(verifyChain(dropped))).toEqual([
      { seq: 5, position: 4, problem: 'broken-link' },
      { seq: 5, position: 4, problem: 'sequence-gap' },
    ]);
    expect(verifyChain(dropped)[1]!.detail).toBe('entry 4 has seq 5, expected 4 after seq 3');
  });

  it('a dropped first entry: not-first', () => {
    const dropped = copy(chain).slice(1);
    expect(brief(verifyChain(dropped))).toEqual([{ seq: 2, position: 1, problem: 'not-first' }]);
    expect(verifyChain(dropped)[0]!.detail).toMatch(/must start with seq 1 and a prev_hash of 64 zeros, but its first entry has seq 2 and prev_hash [0-9a-f]{12}…/);
  });

  it('two entries swapped: each entry out of place, and the one after them', () => {
    const swapped = copy(chain);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(brief(verifyChain(swapped))).toEqual([
      { seq: 3, position: 2, problem: 'broken-link' },
      { seq: 3, position: 2, problem: 'sequence-gap' },
      { seq: 2, position: 3, problem: 'broken-link' },
      { seq: 2, position: 3, problem: 'sequence-gap' },
      { seq: 4, position: 4, problem: 'broken-link' },
      { seq: 4, position: 4, problem: 'sequence-gap' },
    ]);
  });

  it('swapped and renumbered (seq fixed up, hashes not): hash mismatches and broken links', () => {
    const swapped = copy(chain);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    swapped[1]!.seq = 2;
    swapped[2]!.seq = 3;
    expect(brief(verifyChain(swapped))).toEqual([
      { seq: 2, position: 2, problem: 'hash-mismatch' },
      { seq: 2, position: 2, problem: 'broken-link' },
      { seq: 3, position: 3, problem: 'hash-mismatch' },
      { seq: 3, position: 3, problem: 'broken-link' },
      { seq: 4, position: 4, problem: 'broken-link' },
    ]);
  });

  it('an edited entry with its hash recomputed: broken link at the next entry', () => {
    const rehashed = copy(chain);
    const target = rehashed[4]!;
    target.subject.packet_id = 'pkt-forged';
    target.hash = entryHash(target);
    expect(brief(verifyChain(rehashed))).toEqual([{ seq: 6, position: 6, problem: 'broken-link' }]);
    expect(verifyChain(rehashed)[0]!.detail).toMatch(/entry 6 \(seq 6\) links to [0-9a-f]{12}…, but the entry before it has hash [0-9a-f]{12}…/);
  });

  it('a forged hash: hash mismatch there, broken link at the next entry', () => {
    const forged = copy(chain);
    forged[3]!.hash = 'f'.repeat(64);
    expect(brief(verifyChain(forged))).toEqual([
      { seq: 4, position: 4, problem: 'hash-mismatch' },
      { seq: 5, position: 5, problem: 'broken-link' },
    ]);
  });

  it('an inserted entry, well formed and linked to its predecessor: the entry after it no longer fits', () => {
    const inserted = copy(chain);
    const forgery: UnhashedCustodyEntry = {
      seq: 3,
      at: '2026-03-20T10:02:30.000Z',
      action: 'imported',
      actor: { name: 'Mallory', os_user: 'mallory' },
      subject: { original_filename: 'planted.csv', export_type: 'events', format: 'csv', bytes: 1 },
      artifact_sha256: 'e'.repeat(64),
      prev_hash: chain[1]!.hash,
    };
    inserted.splice(2, 0, { ...forgery, hash: entryHash(forgery) });
    expect(brief(verifyChain(inserted))).toEqual([
      { seq: 3, position: 4, problem: 'broken-link' },
      { seq: 3, position: 4, problem: 'sequence-gap' },
    ]);
  });

  it('an inserted entry that claims to start the chain: not-first', () => {
    const inserted = copy(chain);
    const forgery: UnhashedCustodyEntry = { ...chain[0]!, at: '2026-03-20T10:00:30.000Z', prev_hash: GENESIS_PREV_HASH };
    inserted.splice(1, 0, { ...forgery, hash: entryHash(forgery) });
    expect(brief(verifyChain(inserted))).toEqual([
      { seq: 1, position: 2, problem: 'not-first' },
      { seq: 1, position: 2, problem: 'sequence-gap' },
      { seq: 2, position: 3, problem: 'broken-link' },
    ]);
  });

  it('an entry that is not a custody entry: schema, naming the field; the rest is still checked', () => {
    const broken = copy(chain) as unknown[];
    (broken[1] as Record<string, unknown>).action = 'shredded';
    (broken[5] as Record<string, unknown>).note = 'extra';
    broken[6] = 'not an entry';
    const findings = verifyChain(broken);
    expect(brief(findings)).toEqual([
      { seq: 2, position: 2, problem: 'schema' },
      { seq: 6, position: 6, problem: 'schema' },
      { seq: 7, position: 7, problem: 'schema' },
      { seq: 8, position: 8, problem: 'broken-link' },
    ]);
    expect(findings[0]!.detail).toBe('entry 2 field /action must be one of "pulled", "imported", "validated", "note-edited", "packed", "signed", "verified", "exported"');
    expect(findings[1]!.detail).toBe('entry 6 has an unexpected field "note"');
  });

  it('checks the document header too', () => {
    expect(brief(verifyCustodyDocument({ format: 'evidence-custody', format_version: 2, entries: chain }))).toEqual([{ seq: null, position: null, problem: 'schema' }]);
    expect(verifyCustodyDocument({ format: 'evidence-custody', format_version: 2, entries: chain })[0]!.detail).toMatch(/custody\.json field \/format_version/);
    expect(brief(verifyCustodyDocument([chain]))).toEqual([{ seq: null, position: null, problem: 'schema' }]);
    expect(brief(verifyCustodyDocument(null))).toEqual([{ seq: null, position: null, problem: 'schema' }]);
    const withExtra = { format: 'evidence-custody', format_version: 1, entries: copy(chain).slice(1), signed_by: 'me' };
    expect(brief(verifyCustodyDocument(withExtra))).toEqual([
      { seq: null, position: null, problem: 'schema' },
      { seq: 2, position: 1, problem: 'not-first' },
    ]);
  });

  it('catches an entry edited in the database itself (triggers dropped by someone with sqlite3)', () => {
    cache.db.exec('DROP TRIGGER custody_log_no_update');
    cache.db.prepare("UPDATE custody_log SET subject_json = json_set(subject_json, '$.bytes', 999) WHERE action = 'pulled'").run();
    expect(brief(verifyChain(custodyChain(cache.db, 'w1')))).toEqual([{ seq: 1, position: 1, problem: 'hash-mismatch' }]);
  });
});
