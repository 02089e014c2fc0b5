import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { openDemoSession, startDemo, type Demo } from '../../core/demo';
import { AppError } from '../../core/errors';
import { generateSigningKey, PassphraseProtection, saveSigningKey } from '../../core/keys';
import { packEvidence } from '../../core/packet';
import { verifyPacket } from '../../core/packet/verify';
import { closeSession, type Session } from '../../core/session';
import { cachedExportInputs, validateExports } from '../../core/validate';
import type { DemoCommand } from '../args';
import { actorOf, APP, progressContext, servicesFor, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { bytes, count, table } from '../format';
import { checkProblems, overallLine, problemLines } from '../pack/summary';
import { verificationText } from '../verify/report';
import { quoted } from './pack';
import type { CommandResult } from './result';

const DAY_MS = 86_400_000;

/** One step of the demo, as printed: what was done, and how long it took. */
interface Step {
  id: 'api' | 'pull' | 'validate' | 'key' | 'pack' | 'verify';
  step: string;
  ms: number;
}

const cancelled = () => new AppError('cancelled', 'The demo was cancelled.', 'Run `evidence demo` again when you are ready.');
const secondsIso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/**
 * `evidence demo`: the headless main job end to end, without credentials. The sample API runs in this
 * process; a day of events (CSV) and escalations (JSON) is pulled into a temporary cache, validated,
 * packed with a throwaway signing key, and verified with that key trusted. The API, the temporary cache
 * and the key are gone afterwards, however the demo ends; only the packet stays.
 */
export async function demoCommand(cmd: DemoCommand, ctx: CommandContext): Promise<CommandResult> {
  const { host } = ctx;
  const started = Date.now();
  const steps: Step[] = [];
  const step = async <T>(id: Step['id'], work: () => Promise<T>, says: (value: T) => string): Promise<T> => {
    if (host.signal.aborted) throw cancelled();
    const t0 = performance.now();
    const value = await work();
    const entry: Step = { id, step: says(value), ms: Math.round(performance.now() - t0) };
    steps.push(entry);
    ctx.progress.line(`${steps.length}. ${entry.step} (${duration(entry.ms)})`);
    return value;
  };

  const outDir = resolve(host.cwd, cmd.outDir ?? '.');
  const temp = await mkdtemp(join(tmpdir(), 'evidence-demo-'));
  const cacheDir = cmd.demoCache === null ? join(temp, 'cache') : resolve(host.cwd, cmd.demoCache);
  let demo: Demo | null = null;
  let session: Session | null = null;
  const stop = () => session?.tasks.cancelAll();
  host.signal.addEventListener('abort', stop, { once: true });
  try {
    await mkdir(outDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new AppError('write-failed', `The folder ${outDir} could not be created (${error.code ?? 'error'}).`, 'Choose another --out folder, or check its permissions.', { path: outDir });
    });
    demo = await step('api', () => startDemo(), (d) => `Started the sample API in-process at ${d.apiBaseUrl} (generated data)`);
    ctx.out.redact(demo.token);
    const api = demo;
    const s = (session = openDemoSession(api, { cacheDir, actor: actorOf(null, host), fetch: host.fetch, poll: { intervalMs: 50 } }));
    const services = servicesFor(s);

    // A day up to now, to the second: the same bounds for the export jobs and the review scope.
    const to = Math.floor(Date.now() / 1000) * 1000;
    const window = { date_from: secondsIso(to - DAY_MS), date_to: secondsIso(to) };
    const { outcomes } = await step(
      'pull',
      () => services.pull({ taskId: 'demo-pull', exports: [{ type: 'events', format: 'csv' }, { type: 'escalations', format: 'json' }], window }, progressContext(ctx.progress)),
      (pulled) => `Pulled a day of events and escalations: ${pulled.outcomes.map((o) => `${o.type} (${o.format}${o.status === 'pulled' ? `, ${count(o.records)} records` : o.status === 'duplicate' ? ', already cached' : ''})`).join(', ')}`,
    );
    const failed = outcomes.find((o) => o.status === 'failed');
    if (failed) throw new AppError(failed.error.code, `Pulling ${failed.type} from the sample API failed: ${failed.error.message}`, failed.error.hint);
    const artifactIds = outcomes.flatMap((o) => (o.status === 'failed' ? [] : [o.artifactId]));

    // An escalation of the day, and its request: what a reviewer would cross-reference.
    const { records } = await services.queryRecords({ type: 'escalations', limit: 1 }, progressContext(ctx.progress));
    const sample = records[0];
    const scope: ReviewScope & { why: string } = {
      window: { relative: '24h', from: window.date_from, to: window.date_to },
      types: ['events', 'escalations'],
      request_ids: sample?.requestId ? [sample.requestId] : [],
      escalation_ids: sample?.escalationId ? [sample.escalationId] : [],
      references: ['demo'],
      why: 'A demonstration of the evidence packager on generated sample data (evidence demo).',
    };
    const report = await step(
      'validate',
      () => validateExports(cachedExportInputs(s.db, s.cacheDir, s.workspace.id, artifactIds), scope, { now: Date.now(), taskId: 'demo-validate', signal: host.signal }),
      (r) => `Validated them against the day's scope: ${overallLine(r)}`,
    );

    const keyDir = join(temp, 'keys');
    const passphrase = randomBytes(24).toString('base64url');
    ctx.out.redact(passphrase);
    const key = await step(
      'key',
      async () => {
        const made = generateSigningKey();
        await saveSigningKey(keyDir, made, new PassphraseProtection(passphrase));
        return made;
      },
      (k) => `Made a throwaway DEMO signing key, ${k.fingerprint}`,
    );

    const packed = await step(
      'pack',
      () =>
        packEvidence(
          {
            scope,
            note: {
              why: scope.why,
              supports: ['demo'],
              request_ids: scope.request_ids,
              escalation_ids: scope.escalation_ids,
              limitations: [],
              deeper_context: 'both',
              free_text: 'Made by `evidence demo` from generated sample data and signed with a throwaway demo key: it shows what a packet looks like, and is not evidence of anything.',
              reviewer: { name: `${host.userName().slice(0, 180)} (demo)` },
            },
            outDir,
            artifactIds,
            sourceOrganization: 'Evidence Packager demo (sample data)',
          },
          {
            db: s.db,
            cacheDir: s.cacheDir,
            workspaceId: s.workspace.id,
            actor: s.actor,
            key,
            generator: { name: APP.name, version: APP.version },
            taskId: 'demo-pack',
            signal: host.signal,
            onProgress: (p) => ctx.progress.progress(p),
          },
        ),
      (p) => `Packed and signed ${basename(p.path)} (${bytes(p.bytes)})`,
    );

    const verified = await step(
      'verify',
      () => verifyPacket(packed.path, { trustedFingerprints: [key.fingerprint], signal: host.signal }),
      (v) => `Verified it with the demo key trusted: ${v.status === 'valid-trusted' ? 'VALID' : v.status === 'valid-untrusted' ? 'VALID, signer not trusted' : 'INVALID'}`,
    );
    ctx.progress.clear();

    const ok = verified.status === 'valid-trusted';
    const exit = ok ? EXIT.ok : EXIT.failure;
    const problems = checkProblems(report);
    const kept = cmd.demoCache === null ? 'The sample API, the demo cache and the demo key are gone; only the packet stays.' : `The sample API and the demo key are gone; the cache at ${cacheDir} keeps the pulled exports.`;
    const human = [
      'evidence demo: the headless job end to end, on generated sample data',
      '',
      table(
        ['', 'STEP', 'TIME'],
        steps.map((st, i) => [`${i + 1}.`, st.step, duration(st.ms)]),
      ),
      ...(problems.length > 0 ? ['', `Validation (${overallLine(report)}):`, ...problemLines(problems, '  ')] : []),
      '',
      ok ? `Packet: ${packed.path}` : `The packet did not verify; this is a bug. Packet: ${packed.path}`,
      `  sha256      ${packed.sha256}`,
      `  signed by   ${packed.fingerprint}: a DEMO key, thrown away when the demo ended. Never trust it for real evidence.`,
      `  check it    evidence verify ${quoted(packed.path)} --trust ${packed.fingerprint}`,
      ...(ok ? [] : ['', verificationText(verified, packed.path, quoted(packed.path))]),
      '',
      `Done in ${duration(Date.now() - started)}. ${kept}`,
    ].join('\n');
    return {
      exit,
      human,
      json: {
        steps,
        packet: { path: packed.path, sha256: packed.sha256, bytes: packed.bytes, packetId: packed.packetId },
        fingerprint: packed.fingerprint,
        demoKey: true,
        validation: { overall: report.overall, counts: report.counts, problems },
        verification: { status: verified.status, findings: verified.findings },
        cacheDir: cmd.demoCache === null ? null : cacheDir,
        exitCode: exit,
      },
    };
  } catch (error) {
    if (host.signal.aborted) throw cancelled();
    throw error;
  } finally {
    host.signal.removeEventListener('abort', stop);
    if (session) closeSession(session);
    await demo?.close().catch(() => undefined);
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}
