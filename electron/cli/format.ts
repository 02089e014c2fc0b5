// Human output: compact aligned tables and short numbers. Machine readers use --json instead.

/** Columns padded to their widest cell; the last column is never padded (no trailing spaces). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** 1,234 style counts; a dash when unknown. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '-' : n.toLocaleString('en-US');
}

/** Sizes in B, KB, MB, GB (1024 steps). */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A dash for missing values. */
export function cell(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '-' : value;
}

/** "2 pulled, 1 failed": the counts that are not zero, in the given order. */
export function summary(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** Counts statuses into a fixed set of keys, so JSON summaries always carry every key. */
export function tally<K extends string>(keys: readonly K[], statuses: readonly string[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const status of statuses) if ((keys as readonly string[]).includes(status)) out[status as K]++;
  return out;
}

/** Text wrapped at spaces to `width` columns, the first line after `first`, the others after `rest`; a word longer than a line keeps a line to itself. */
export function wrap(text: string, width: number, first: string, rest: string = ' '.repeat(first.length)): string {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!fresh && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line += fresh ? word : ` ${word}`;
    fresh = false;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** Text from a file made safe for a terminal: control, bidirectional-override and line-separator characters shown as \u escapes. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
