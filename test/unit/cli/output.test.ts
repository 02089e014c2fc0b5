import { describe, expect, it } from 'vitest';
import { EXIT, exitForStatuses } from '../../../electron/cli/exit-codes';
import { Output, exitFor } from '../../../electron/cli/output';
import { ProgressLine } from '../../../electron/cli/progress';
import { UsageError } from '../../../electron/cli/usage-error';
import { AppError } from '../../../electron/core/errors';

const sink = (isTTY = false) => {
  const chunks: string[] = [];
  return { chunks, text: () => chunks.join(''), write: (s: string) => void chunks.push(s), isTTY, columns: 60 };
};

describe('exit codes', () => {
  it('are 0 when nothing failed, 1 when some failed, 3 when all failed', () => {
    expect(exitForStatuses(['pulled', 'duplicate'])).toBe(EXIT.ok);
    expect(exitForStatuses([])).toBe(EXIT.ok);
    expect(exitForStatuses(['pulled', 'failed'])).toBe(EXIT.partial);
    expect(exitForStatuses(['failed', 'failed'])).toBe(EXIT.failure);
  });

  it('map errors: usage 64, cancelled 130, anything else 3', () => {
    expect(exitFor(new UsageError('m', 'h'))).toBe(64);
    expect(exitFor(new AppError('cancelled', 'm', 'h'))).toBe(130);
    expect(exitFor(new AppError('bad-token', 'm', 'h'))).toBe(3);
    expect(exitFor(new TypeError('bug'))).toBe(3);
  });
});

describe('output', () => {
  it('prints an error as its message and hint, with no stack unless --debug', () => {
    const [out, err] = [sink(), sink()];
    const code = new Output(out, err, { json: false, debug: false }).fail(new AppError('bad-token', 'Keeptrusts did not accept the API token.', 'Check it.'));
    expect(code).toBe(3);
    expect(err.text()).toBe('evidence: Keeptrusts did not accept the API token.\n  Check it.\n');
    expect(out.text()).toBe('');
  });

  it('hides what a bug said unless --debug, and then shows its stack', () => {
    const [out, err] = [sink(), sink()];
    new Output(out, err, { json: false, debug: false }).fail(new Error('internal detail'));
    expect(err.text()).not.toContain('internal detail');
    const debugErr = sink();
    new Output(sink(), debugErr, { json: false, debug: true }).fail(new Error('internal detail'));
    expect(debugErr.text()).toMatch(/internal detail\n\s+at /);
  });

  it('in --json mode also prints the error as one JSON document on stdout', () => {
    const out = sink();
    new Output(out, sink(), { json: true, debug: false }).fail(new UsageError('Bad flag.', 'Fix it.'));
    expect(JSON.parse(out.text())).toEqual({ error: { code: 'invalid-request', message: 'Bad flag.', hint: 'Fix it.' }, exitCode: 64 });
  });

  it('never prints a registered secret, on either stream', () => {
    const [out, err] = [sink(), sink()];
    const output = new Output(out, err, { json: false, debug: true });
    output.redact('kt_live_secret');
    output.result('token kt_live_secret here', {});
    output.fail(new Error('echoed kt_live_secret'));
    expect(out.text() + err.text()).not.toContain('kt_live_secret');
    expect(out.text()).toContain('[redacted]');
  });
});

describe('progress', () => {
  const report = { taskId: 't', kind: 'download' as const, value: 0.5, title: 'Pulling events (1 of 1)', detail: '1.0 MB of 2.0 MB' };

  it('stays silent when stderr is not a terminal', () => {
    const err = sink();
    const line = new ProgressLine(err.write, null);
    line.progress(report);
    line.status({ jobId: 'j', exportType: 'events', status: 'queued', detail: '' });
    line.line('retry');
    line.clear();
    expect(err.chunks).toEqual([]);
  });

  it('rewrites one line on a terminal, and prints each job status change once', () => {
    const err = sink(true);
    let now = 0;
    const line = new ProgressLine(err.write, 60, () => now);
    line.progress(report);
    line.progress({ ...report, value: 0.6 });
    now = 500;
    line.progress({ ...report, value: 0.7 });
    line.status({ jobId: 'j', exportType: 'events', status: 'queued', detail: '' });
    line.status({ jobId: 'j', exportType: 'events', status: 'queued', detail: '' });
    line.status({ jobId: 'j', exportType: 'events', status: 'completed', detail: '' });
    expect(err.chunks).toEqual([
      '\r\x1b[2KPulling events (1 of 1) 50% · 1.0 MB of 2.0 MB',
      '\r\x1b[2KPulling events (1 of 1) 70% · 1.0 MB of 2.0 MB',
      '\r\x1b[2K',
      'events: job j queued\n',
      'events: job j completed\n',
    ]);
  });
});
