import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { formatManifest, manifestLine } from '../../../electron/core/packet';

const H1 = '0f'.repeat(32);
const H2 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('manifest lines', () => {
  it('is "<lowercase sha256>  <path>" with two spaces, as sha256sum writes it', () => {
    expect(manifestLine({ path: 'data/NOTE.md', sha256: H1 })).toBe(`${H1}  data/NOTE.md`);
    expect(manifestLine({ path: 'data/exports/events 2026 (copy).csv', sha256: H2 })).toBe(`${H2}  data/exports/events 2026 (copy).csv`);
  });

  it('refuses upper-case or short hashes, and paths sha256sum or BagIt would read differently', () => {
    expect(() => manifestLine({ path: 'data/a', sha256: H1.toUpperCase() })).toThrow(AppError);
    expect(() => manifestLine({ path: 'data/a', sha256: 'abc' })).toThrow(AppError);
    for (const path of ['', '/data/a', 'data/../a', 'data/./a', 'data//a', 'data\\a', 'data/a\nb', 'data/a%20b', 'data/']) {
      expect(() => manifestLine({ path, sha256: H1 }), JSON.stringify(path)).toThrow(AppError);
    }
  });

  it('sorts lines by path bytes, ends every line (the last too) with LF, and lists no path twice', () => {
    const text = formatManifest([
      { path: 'data/report.html', sha256: H1 },
      { path: 'data/exports/b.csv', sha256: H2 },
      { path: 'data/NOTE.md', sha256: H1 },
      { path: 'data/exports/a.csv', sha256: H2 },
    ]);
    expect(text).toBe(`${H1}  data/NOTE.md\n${H2}  data/exports/a.csv\n${H2}  data/exports/b.csv\n${H1}  data/report.html\n`);
    expect(text).not.toContain('\r');
    expect(formatManifest([])).toBe('');
    expect(() => formatManifest([{ path: 'data/a', sha256: H1 }, { path: 'data/a', sha256: H2 }])).toThrow(/twice/);
  });
});
