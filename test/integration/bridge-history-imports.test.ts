import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/core/bridge/dispatcher';
import type { CallContext } from '../../electron/core/bridge/services';
import { appendCustody, custodyChain } from '../../electron/core/custody';
import type { Session } from '../../electron/core/session';
import { cachedExportInputs } from '../../electron/core/validate';
import type { ImportCandidateView, PackOutcomeView, PacketHistoryView, RecordView, VerificationView } from '../../shared/bridge/types';
import type { NoteFields } from '../../shared/schemas/note';
import type { ReviewScope } from '../../shared/schemas/scope';
import { startDemoBridge, TestChooser, type DemoBridge } from '../support/demo-bridge';
import { FakeOsProtection } from '../unit/keys/support';
import { run } from './packet/support';

// The records browser's count and offset, the import chooser, History (listPackets, showPacketInFolder,
// verifyPacket by packet id) and the note preview, end to end through the dispatcher (schema checks
// included), over the demo sample API, a real cache and a real key; the dialogs and the OS file manager are fakes.
describe('bridge services: records count and offset, import chooser, history, note preview', () => {
  let bridge: DemoBridge;
  let session: Session;
  let dir: string;
  let outDir: string;
  let dispatch: Dispatch;
  const chooser = new TestChooser();
  const revealed: string[] = [];
  const ctx: CallContext = { emit: () => undefined };

  const call = <T>(method: string, payload: unknown, via?: Dispatch) => bridge.call<T>(method, payload, via);
  const failure = (method: string, payload: unknown, via?: Dispatch) => bridge.failure(method, payload, via);

  const note: NoteFields = {
    why: 'Blocked requests after the 0.2.0 rollout.',
    supports: ['INC-2041'],
    request_ids: [],
    escalation_ids: [],
    limitations: ['Staging was out of scope.'],
    deeper_context: 'both',
    free_text: 'Previewed, then packed.',
    reviewer: { name: 'Ana', email: 'ana@example.com' },
  };
  /** The window of what was pulled (the first events job's), asking for traces too, which are not there. */
  const scope = (): ReviewScope => {
    const job = session.db.prepare("SELECT raw_json FROM export_jobs WHERE type = 'events' ORDER BY id LIMIT 1").get() as { raw_json: string };
    const window = (JSON.parse(job.raw_json) as { window: { from: string; to: string } }).window;
    return { window: { relative: '6h', ...window }, types: ['events', 'escalations', 'traces'], request_ids: [], escalation_ids: [], references: ['INC-2041'], why: note.why };
  };

  beforeAll(async () => {
    bridge = await startDemoBridge(ctx, {
      prefix: 'evidence-bridge-history-',
      seed: 11,
      host: (tmp) => ({ keys: { dir: join(tmp, 'keys'), os: () => new FakeOsProtection('gnome_libsecret') }, choose: chooser, reveal: (path) => void revealed.push(path) }),
    });
    ({ session, dir, dispatch } = bridge);
    outDir = join(dir, 'out');
    await mkdir(outDir);
    const { outcomes } = await call<{ outcomes: { status: string }[] }>('pull', {
      taskId: 'pull',
      exports: [{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }],
      window: { time_window: '6h' },
    });
    expect(outcomes.map((o) => o.status)).toEqual(['pulled', 'pulled']);
  });
  afterAll(() => bridge.close());

  describe('records: count and offset', () => {
    /** Every record matching the filters, read page by page with the cursor. */
    const readAll = async (filters: Record<string, unknown>) => {
      const all: RecordView[] = [];
      let cursor: string | null = null;
      do {
        const page: { records: RecordView[]; next: string | null } = await call('queryRecords', { ...filters, limit: 97, ...(cursor ? { cursor } : {}) });
        all.push(...page.records);
        cursor = page.next;
      } while (cursor);
      return all;
    };

    it('counts what the pages hold, with the same filters', async () => {
      const all = await readAll({});
      expect(all.length).toBeGreaterThan(100);
      expect(await call('countRecords', {})).toEqual({ total: all.length });
      const escalated = await readAll({ type: 'events', verdict: 'escalate' });
      expect(escalated.length).toBeGreaterThan(0);
      expect(await call('countRecords', { type: 'events', verdict: 'escalate' })).toEqual({ total: escalated.length });
      const one = escalated[0]!;
      // The escalate event and its escalation record share the request id.
      expect(await call('countRecords', { requestId: one.requestId })).toEqual({ total: all.filter((r) => r.requestId === one.requestId).length });
      expect(await call('countRecords', { escalationId: one.escalationId })).toEqual({ total: all.filter((r) => r.escalationId === one.escalationId).length });
      expect(await call('countRecords', { type: 'traces' })).toEqual({ total: 0 });
      expect(await call('countRecords', { from: all.at(-1)!.time!, to: '2099-01-01T00:00:00Z' })).toEqual({ total: all.filter((r) => r.time! >= all.at(-1)!.time!).length });
    });

    it('jumps to an offset, and reads on from there by cursor', async () => {
      const all = await readAll({ type: 'events' });
      const jump = await call<{ records: RecordView[]; next: string }>('queryRecords', { type: 'events', offset: 50, limit: 10 });
      expect(jump.records).toEqual(all.slice(50, 60));
      const after = await call<{ records: RecordView[] }>('queryRecords', { type: 'events', cursor: jump.next, limit: 10 });
      expect(after.records).toEqual(all.slice(60, 70));
      expect(await call('queryRecords', { type: 'events', offset: all.length })).toEqual({ records: [], next: null });
    });

    it('refuses a cursor and an offset together, clearly', async () => {
      const { next } = await call<{ next: string }>('queryRecords', { limit: 2 });
      const refused = await failure('queryRecords', { cursor: next, offset: 10 });
      expect(refused).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/either after a cursor or at an offset, not both/), hint: expect.stringMatching(/\S/) });
    });
  });

  describe('chooseImportFiles', () => {
    it('detects each picked file, and says why one cannot be imported instead of failing them all', async () => {
      const pulled = cachedExportInputs(session.db, session.cacheDir, session.workspace.id);
      const events = pulled.find((f) => f.type === 'events')!;
      const escalations = pulled.find((f) => f.type === 'escalations')!;
      const usb = join(dir, 'usb');
      await mkdir(join(usb, 'folder'), { recursive: true });
      const files = {
        events: join(usb, 'events export.csv'),
        escalations: join(usb, 'from-the-ticket.json'),
        byName: join(usb, 'keeptrusts-traces-20260320T103000Z.json'),
        notes: join(usb, 'notes.txt'),
        missing: join(usb, 'gone.csv'),
        folder: join(usb, 'folder'),
      };
      await copyFile(events.path, files.events);
      await copyFile(escalations.path, files.escalations);
      await writeFile(files.byName, '[]');
      await writeFile(files.notes, 'Remember to ask Ana about the 06:00 spike.\n');
      chooser.files = Object.values(files);

      const { files: found } = await call<{ files: ImportCandidateView[] }>('chooseImportFiles', {});
      expect(chooser.asked.importFiles).toBe(1);
      const by = (path: string) => found.find((f) => f.path === path)!;
      expect(found.map((f) => f.path)).toEqual(Object.values(files));
      expect(by(files.events)).toMatchObject({ name: 'events export.csv', type: 'events', format: 'csv', detectedFrom: 'csv header', problem: null, bytes: expect.any(Number) });
      expect(by(files.events).bytes).toBeGreaterThan(0);
      expect(by(files.escalations)).toMatchObject({ type: 'escalations', format: 'json', detectedFrom: 'json keys', problem: null });
      expect(by(files.byName)).toMatchObject({ type: 'traces', format: 'json', detectedFrom: 'filename', problem: null, bytes: 2 });
      expect(by(files.notes)).toMatchObject({ type: null, detectedFrom: null, problem: { code: 'unknown-export-type', message: expect.stringMatching(/notes\.txt/), hint: expect.stringMatching(/\S/) } });
      expect(by(files.missing)).toMatchObject({ name: 'gone.csv', bytes: 0, type: null, format: null, problem: { code: 'file-unreadable', hint: expect.stringMatching(/\S/) } });
      expect(by(files.folder)).toMatchObject({ problem: { code: 'invalid-request', message: expect.stringMatching(/not a file/) } });
    });

    it('imports only files the dialog gave: a path the window names on its own is refused, in place', async () => {
      const usb = join(dir, 'usb-2');
      await mkdir(usb, { recursive: true });
      const chosenFile = join(usb, 'chosen.csv');
      const named = join(usb, 'never-chosen.csv');
      const source = cachedExportInputs(session.db, session.cacheDir, session.workspace.id).find((f) => f.type === 'events')!;
      await copyFile(source.path, chosenFile);
      await copyFile(source.path, named);
      chooser.files = [chosenFile];
      await call('chooseImportFiles', {});
      const { outcomes } = await call<{ outcomes: { path: string; status: string; error?: { code: string; message: string } }[] }>('importFiles', {
        taskId: 'chosen-only',
        files: [{ path: named }, { path: chosenFile, type: 'events', format: 'csv' }, { path: '/etc/passwd' }],
      });
      expect(outcomes.map((o) => [o.path, o.status])).toEqual([
        [named, 'failed'],
        [chosenFile, 'duplicate'],
        ['/etc/passwd', 'failed'],
      ]);
      expect(outcomes[0]!.error).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/was not chosen in the app's file dialog/) });
    });

    it('answers an empty list when the dialog is cancelled, and not-implemented without dialogs', async () => {
      chooser.files = [];
      expect(await call('chooseImportFiles', {})).toEqual({ files: [] });
      const bare = bridge.dispatcher();
      expect(await failure('chooseImportFiles', {}, bare)).toMatchObject({ code: 'not-implemented' });
      expect(await failure('showPacketInFolder', { packetId: 'pkt-x' }, bare)).toMatchObject({ code: 'not-implemented' });
    });
  });

  describe('previewNote, History and verifying by packet id', () => {
    let packed: PackOutcomeView;

    it('previews the note with placeholders for the packet id and, while no key is open, the signer', async () => {
      const { markdown } = await call<{ markdown: string }>('previewNote', { scope: scope(), note });
      expect(markdown).toMatch(/^# Evidence packet `\(assigned when packed\)`\n/);
      expect(markdown).toContain("- Signer key fingerprint: `(the signing key's fingerprint)`");
      for (const file of cachedExportInputs(session.db, session.cacheDir, session.workspace.id)) expect(markdown).toContain(`\`${file.name}\``);
      // The limitation validation will find (traces asked for, none pulled) is listed before the reviewer's own.
      expect(markdown).toMatch(/## Known limitations\n\n- No trace data: the scope asked for traces, but no traces export is part of this evidence\.\n- Staging was out of scope\.\n/);
      expect(await call('listPackets', {})).toEqual({ packets: [] });
    });

    it('previews exactly the NOTE.md that pack writes, apart from the packet id and the time', async () => {
      await call('createKey', {});
      const { markdown } = await call<{ markdown: string }>('previewNote', { scope: scope(), note });
      chooser.folder = outDir;
      packed = await call<PackOutcomeView>('pack', { taskId: 'pack-1', scope: scope(), note });
      const { stdout: written } = await run('unzip', ['-p', packed.path, '*/data/NOTE.md']);
      expect(markdown).toContain(`- Signer key fingerprint: \`${packed.fingerprint}\``);
      const createdAt = (text: string) => /^Created `([^`]+)`/m.exec(text)![1]!;
      const expected = written.replace(`\`${packed.packetId}\``, '`(assigned when packed)`').replace(createdAt(written), createdAt(markdown));
      expect(markdown).toBe(expected);
    });

    it('lists the packet from its custody entries, and shows it in the file manager', async () => {
      const { packets } = await call<{ packets: PacketHistoryView[] }>('listPackets', {});
      expect(packets).toHaveLength(1);
      const [packet] = packets;
      expect(packet).toMatchObject({ packetId: packed.packetId, path: packed.path, sha256: packed.sha256, present: true });
      expect(packet!.entries.map((e) => e.action)).toEqual(['packed', 'signed', 'verified', 'exported']);
      expect(packet!.entries.every((e) => e.actor === 'Ana (ana)' && e.subject.packet_id === packed.packetId)).toBe(true);
      expect(packet!.entries.at(-1)).toMatchObject({ action: 'exported', subject: { path: packed.path }, artifactSha256: packed.sha256 });
      const chain = custodyChain(session.db, session.workspace.id);
      expect(packet!.createdAt).toBe(chain.find((e) => e.action === 'packed')!.at);
      expect(packet!.entries.map((e) => e.seq)).toEqual(chain.filter((e) => e.subject.packet_id === packed.packetId).map((e) => e.seq));

      expect(await call('showPacketInFolder', { packetId: packed.packetId })).toEqual({ shown: true });
      expect(revealed).toEqual([packed.path]);
    });

    it('verifies a packet of History where it was written, without a dialog and without writing anything', async () => {
      const before = { custody: custodyChain(session.db, session.workspace.id).length, asked: chooser.asked.packetFile };
      const verified = await call<VerificationView>('verifyPacket', { taskId: 'verify-by-id', packetId: packed.packetId });
      expect(verified).toMatchObject({ path: packed.path, packetId: packed.packetId, status: expect.stringMatching(/^valid-/), fingerprint: packed.fingerprint });
      expect(chooser.asked.packetFile).toBe(before.asked);
      expect(custodyChain(session.db, session.workspace.id)).toHaveLength(before.custody);
    });

    it('lists packets newest first, and one whose packing never finished without a path', async () => {
      const second = await call<PackOutcomeView>('pack', { taskId: 'pack-2', scope: { ...scope(), references: ['INC-2042'] }, note });
      appendCustody(session.db, session.workspace.id, { action: 'packed', actor: { name: 'Ana', os_user: 'ana' }, subject: { packet_id: 'pkt-never-written' }, artifactSha256: null });
      const { packets } = await call<{ packets: PacketHistoryView[] }>('listPackets', {});
      expect(packets.map((p) => [p.packetId, p.present])).toEqual([
        ['pkt-never-written', false],
        [second.packetId, true],
        [packed.packetId, true],
      ]);
      expect(packets[0]).toMatchObject({ path: null, sha256: null, entries: [{ action: 'packed' }] });
      expect(await failure('showPacketInFolder', { packetId: 'pkt-never-written' })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/never written/) });
      expect(await failure('verifyPacket', { taskId: 'verify-unwritten', packetId: 'pkt-never-written' })).toMatchObject({ code: 'not-found' });
    });

    it('says where a moved packet was, refusing to show or verify it there', async () => {
      const moved = join(dir, 'moved.zip');
      await rename(packed.path, moved);
      const { packets } = await call<{ packets: PacketHistoryView[] }>('listPackets', {});
      expect(packets.find((p) => p.packetId === packed.packetId)).toMatchObject({ path: packed.path, present: false });
      revealed.length = 0;
      const missing = await failure('showPacketInFolder', { packetId: packed.packetId });
      expect(missing).toMatchObject({ code: 'not-found', message: expect.stringContaining(packed.path), hint: expect.stringMatching(/Verify/) });
      expect(revealed).toEqual([]);
      expect(await failure('verifyPacket', { taskId: 'verify-moved', packetId: packed.packetId })).toMatchObject({ code: 'not-found' });
      await rename(moved, packed.path);
      expect((await call<{ packets: PacketHistoryView[] }>('listPackets', {})).packets.find((p) => p.packetId === packed.packetId)).toMatchObject({ present: true });
    });

    it('answers not-found for a packet id this workspace never made', async () => {
      expect(await failure('showPacketInFolder', { packetId: 'pkt-20260101T000000Z-000000000000' })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no packet/) });
      expect(await failure('verifyPacket', { taskId: 'verify-unknown', packetId: 'pkt-20260101T000000Z-000000000000' })).toMatchObject({ code: 'not-found' });
      expect(revealed).toEqual([]);
    });
  });

  it.each([
    ['queryRecords', { offset: -1 }],
    ['queryRecords', { offset: 1.5 }],
    ['queryRecords', { offset: '10' }],
    ['countRecords', { limit: 5 }],
    ['countRecords', { cursor: 'abc' }],
    ['countRecords', { verdict: '' }],
    ['chooseImportFiles', { paths: ['/etc/passwd'] }],
    ['listPackets', { all: true }],
    ['showPacketInFolder', {}],
    ['showPacketInFolder', { packetId: 'pkt-1', path: '/etc' }],
    ['showPacketInFolder', { packetId: '../../etc/passwd' }],
    ['verifyPacket', { taskId: 'v', packetId: 'pkt/../x' }],
    ['verifyPacket', { taskId: 'v', packetId: '' }],
    ['previewNote', { scope: { window: { from: '2026-03-20T00:00:00Z', to: '2026-03-21T00:00:00Z' }, types: [], request_ids: [], escalation_ids: [] } }],
    ['previewNote', { note }],
  ])('refuses a bad %s request before any work starts', async (method, payload) => {
    const asked = { ...chooser.asked };
    expect(await dispatch(method, payload, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(chooser.asked).toEqual(asked);
  });
});
