import { describe, expect, it } from 'vitest';
import { parseCommandLine, type ParsedCommand } from '../../../electron/cli/args';
import { UsageError } from '../../../electron/cli/usage-error';
import { readToken } from '../../../electron/cli/values';

const host = { env: {}, platform: 'linux' as const, homedir: '/home/ana' };
const parse = (line: string, env: Record<string, string> = {}) => parseCommandLine(line.split(' ').filter(Boolean), { ...host, env });
const usage = (line: string): UsageError => {
  try {
    parse(line);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`"${line}" parsed without a usage error`);
};
const as = <K extends ParsedCommand['kind']>(cmd: ParsedCommand, kind: K) => {
  if (cmd.kind !== kind) throw new Error(`expected ${kind}, got ${cmd.kind}`);
  return cmd as Extract<ParsedCommand, { kind: K }>;
};

const PULL = 'pull --api https://api.keeptrusts.com --token-env KT';

describe('evidence pull flags', () => {
  it('reads a full pull: several types, a format each, a window, an environment, a reviewer', () => {
    const cmd = as(parse(`${PULL} --type events,traces --type escalations --format json,traces=csv --since 7d --env production --reviewer Ana --cache /tmp/c --json`), 'pull');
    expect(cmd).toEqual({
      kind: 'pull',
      cacheDir: '/tmp/c',
      json: true,
      debug: false,
      apiBaseUrl: 'https://api.keeptrusts.com/',
      tokenEnv: 'KT',
      exports: [
        { type: 'events', format: 'json' },
        { type: 'traces', format: 'csv' },
        { type: 'escalations', format: 'json' },
      ],
      window: { time_window: '7d' },
      environment: 'production',
      workspaceId: null,
      reviewer: 'Ana',
    });
  });

  it('defaults to csv and the last 24 hours', () => {
    const cmd = as(parse(`${PULL} --type audit-log`), 'pull');
    expect(cmd.exports).toEqual([{ type: 'audit-log', format: 'csv' }]);
    expect(cmd.window).toEqual({ time_window: '24h' });
  });

  it('takes fixed windows as dates or instants, normalized to UTC', () => {
    expect(as(parse(`${PULL} --type events --from 2026-03-01 --to 2026-03-01`), 'pull').window).toEqual({ date_from: '2026-03-01', date_to: '2026-03-01' });
    expect(as(parse(`${PULL} --type events --from 2026-03-01T12:00:00+02:00 --to 2026-03-02T00:00:00Z`), 'pull').window).toEqual({
      date_from: '2026-03-01T10:00:00.000Z',
      date_to: '2026-03-02T00:00:00Z',
    });
  });

  it.each([
    ['pull --token-env KT --type events', /needs --api/],
    ['pull --api https://h --type events', /needs --token-env/],
    [`${PULL}`, /at least one --type/],
    [`${PULL} --type logs`, /Unknown export type "logs"/],
    [`${PULL} --type events --type events`, /twice/],
    [`${PULL} --type events --format xml`, /Unknown format "xml"/],
    [`${PULL} --type events --format traces=json`, /traces, which is not being pulled/],
    [`${PULL} --type events --format csv,json`, /two formats/],
    [`${PULL} --type events --since 2h`, /--since "2h"/],
    [`${PULL} --type events --since 6h --from 2026-03-01 --to 2026-03-02`, /not both/],
    [`${PULL} --type events --from 2026-03-01`, /go together/],
    [`${PULL} --type events --from 2026-03-05 --to 2026-03-01`, /before --to/],
    [`${PULL} --type events --from 2026-02-30 --to 2026-03-01`, /not a date/],
    [`${PULL} --type events --from yesterday --to today`, /not a date/],
    [`${PULL} --type events --env`, /argument missing/],
    [`${PULL} --type events --bogus`, /Unknown option '--bogus'\./],
    [`${PULL} --type events extra`, /Unexpected argument 'extra'\./],
    [`${PULL} --type events --api https://other`, /--api is given twice/],
    ['pull --api http://example.com --token-env KT --type events', /must use https/],
    ['pull --api ftp://h --token-env KT --type events', /must use https/],
    ['pull --api https://ana:hunter2@h --token-env KT --type events', /not a usable API address/],
    ['pull --api not-a-url --token-env KT --type events', /not a usable API address/],
  ])('refuses %s', (line, message) => {
    expect(usage(line).message).toMatch(message);
  });

  it('never repeats an API address that carries a password', () => {
    const error = usage('pull --api https://ana:hunter2@h --token-env KT --type events');
    expect(`${error.message} ${error.hint}`).not.toContain('hunter2');
  });

  it('refuses a token on the command line without repeating it', () => {
    for (const line of [`${PULL} --type events --token kt_live_secret`, `${PULL} --type events --token=kt_live_secret`]) {
      const error = usage(line);
      expect(error.message).toMatch(/cannot be given on the command line/);
      expect(`${error.message} ${error.hint}`).not.toContain('kt_live_secret');
      expect(error.hint).toContain('--token-env');
    }
  });

  it('refuses a token pasted where the variable name goes, without repeating it', () => {
    const error = usage('pull --api https://h --token-env kt_live_secret --type events');
    expect(error.message).toMatch(/NAME of an environment variable/);
    expect(`${error.message} ${error.hint}`).not.toContain('kt_live_secret');
    expect(usage('pull --api https://h --token-env a-b --type events').message).toMatch(/NAME/);
  });

  it('never resolves the token itself: that happens when the command runs', () => {
    expect(JSON.stringify(parse(`${PULL} --type events`, { KT: 'kt_live_secret' }))).not.toContain('kt_live_secret');
  });
});

describe('the other commands', () => {
  it('import takes files and optional overrides; offline unless --api', () => {
    expect(as(parse('import a.csv b.json --type events --workspace usb-2026'), 'import')).toMatchObject({
      files: ['a.csv', 'b.json'],
      type: 'events',
      format: null,
      apiBaseUrl: null,
      workspaceId: 'usb-2026',
    });
    expect(usage('import').message).toMatch(/at least one FILE/);
  });

  it('jobs needs the API and a token variable; the page size is bounded', () => {
    expect(as(parse('jobs --api http://localhost:8080 --token-env KT --limit 5'), 'jobs')).toMatchObject({ apiBaseUrl: 'http://localhost:8080/', limit: 5, cursor: null });
    expect(usage('jobs --api http://localhost:8080 --token-env KT --limit 0').message).toMatch(/1 to 100/);
    expect(usage('jobs --api http://localhost:8080 --token-env KT --limit 5x').message).toMatch(/1 to 100/);
  });

  it('records turns flags into the core query: dates become UTC bounds, verdict spellings are normalized', () => {
    const cmd = as(parse('records --request-id req_1 --verdict blocked --type events --from 2026-03-01 --to 2026-03-01 --limit 10 --cursor abc --env production --text login'), 'records');
    expect(cmd.query).toEqual({
      requestId: 'req_1',
      verdict: 'block',
      type: 'events',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      limit: 10,
      cursor: 'abc',
      environment: 'production',
      text: 'login',
    });
    expect(usage('records --verdict maybe').message).toMatch(/Unknown verdict/);
    expect(usage('records --limit 1001').message).toMatch(/1 to 1000/);
    expect(usage('records --from 2026-03-02 --to 2026-03-01').message).toMatch(/before --to/);
  });

  it('artifacts takes a type filter and a workspace choice', () => {
    expect(as(parse('artifacts --type traces --api https://h/api/'), 'artifacts')).toMatchObject({ type: 'traces', apiBaseUrl: 'https://h/api/', workspaceId: null });
  });
});

describe('help, version and command placement', () => {
  it.each([
    ['', null],
    ['--help', null],
    ['-h', null],
    ['help pull', 'pull'],
    ['pull --help', 'pull'],
    ['records --limit nonsense -h', 'records'],
  ])('"%s" asks for help on %s', (line, topic) => {
    expect(parse(line)).toEqual({ kind: 'help', topic });
  });

  it('reads --version', () => {
    expect(parse('--version')).toEqual({ kind: 'version' });
  });

  it('wants the command first, and a known one', () => {
    expect(usage('--json pull').message).toMatch(/command first/);
    expect(usage('fetch').message).toMatch(/Unknown command "fetch"/);
    expect(usage('fetch').hint).toMatch(/pull, import, jobs, records, artifacts/);
  });

  it('finds the cache: --cache, else $EVIDENCE_CACHE_DIR, else the per-user default', () => {
    expect(as(parse('artifacts --cache /c1', { EVIDENCE_CACHE_DIR: '/c2' }), 'artifacts').cacheDir).toBe('/c1');
    expect(as(parse('artifacts', { EVIDENCE_CACHE_DIR: '/c2' }), 'artifacts').cacheDir).toBe('/c2');
    expect(as(parse('artifacts'), 'artifacts').cacheDir).toBe('/home/ana/.cache/evidence-packager');
  });
});

describe('reading the token', () => {
  it('takes it from the named variable only, trimmed, and never repeats it in an error', () => {
    expect(readToken({ KT: ' kt_live_secret\n' }, 'KT')).toBe('kt_live_secret');
    expect(() => readToken({}, 'KT')).toThrow(/KT is not set, or is empty/);
    expect(() => readToken({ KT: '  ' }, 'KT')).toThrow(UsageError);
    try {
      readToken({ KT: 'kt_live secret' }, 'KT');
      throw new Error('accepted a token with a space');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect(`${(error as UsageError).message} ${(error as UsageError).hint}`).not.toContain('secret');
    }
  });
});
